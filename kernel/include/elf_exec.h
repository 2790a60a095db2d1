/* elf_exec.h — validation of ELF32 i386 executables (ET_EXEC) before the program loader maps them.
 * Pure logic over the file's bytes, shared with the unit tests. */
#ifndef KERNEL_ELF_EXEC_H
#define KERNEL_ELF_EXEC_H

#include "ark/types.h"

#define ELF_EXEC_MAX_SEGMENTS 16

struct elf_segment {
    uint32_t vaddr, memsz;          /* where it goes */
    uint32_t offset, filesz;        /* what of the file fills it; the rest is zero */
    bool writable;
    bool executable;                /* PF_X: without it the pages are NX */
};

struct elf_exec_info {
    uint32_t entry;
    unsigned nsegments;
    struct elf_segment segments[ELF_EXEC_MAX_SEGMENTS];
};

/* Checks the image and lists its PT_LOAD segments, which must all lie in [lo, hi). Returns 0, or
 * -ENOEXEC with *why set to a short reason ("not an ELF file", "segment outside user space", ...). */
int elf_exec_parse(const void *image, size_t size, uint32_t lo, uint32_t hi,
                   struct elf_exec_info *out, const char **why);

#endif
