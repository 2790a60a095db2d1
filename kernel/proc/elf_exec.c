/* elf_exec.c — checks an ELF32 i386 executable: header fields, program header table bounds, every
 * PT_LOAD segment inside the file and inside the allowed address range (arithmetic checked for
 * overflow), no overlapping segments, and an entry point inside an executable segment. */
#include "elf_exec.h"
#include "ark/errno.h"

#define EI_NIDENT 16
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define EM_386 3
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2

struct elf32_ehdr {
    unsigned char e_ident[EI_NIDENT];
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
    uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

static int reject(const char **why, const char *reason)
{
    *why = reason;
    return -ENOEXEC;
}

static void read_phdr(const unsigned char *image, uint32_t off, struct elf32_phdr *ph)
{
    const unsigned char *src = image + off;   /* byte copy: the table need not be aligned */
    unsigned char *dst = (unsigned char *)ph;
    for (size_t i = 0; i < sizeof(*ph); i++)
        dst[i] = src[i];
}

int elf_exec_parse(const void *image, size_t size, uint32_t lo, uint32_t hi,
                   struct elf_exec_info *out, const char **why)
{
    const unsigned char *bytes = image;
    struct elf32_ehdr eh;
    if (size < sizeof(eh))
        return reject(why, "file too short for an ELF header");
    for (size_t i = 0; i < sizeof(eh); i++)
        ((unsigned char *)&eh)[i] = bytes[i];
    if (eh.e_ident[0] != 0x7F || eh.e_ident[1] != 'E' || eh.e_ident[2] != 'L' || eh.e_ident[3] != 'F')
        return reject(why, "not an ELF file");
    if (eh.e_ident[4] != ELFCLASS32 || eh.e_ident[5] != ELFDATA2LSB || eh.e_machine != EM_386)
        return reject(why, "not a 32-bit little-endian i386 ELF file");
    if (eh.e_ident[6] != EV_CURRENT || eh.e_version != EV_CURRENT)
        return reject(why, "unknown ELF version");
    if (eh.e_type != ET_EXEC)
        return reject(why, "not an executable (ET_EXEC) file");
    if (eh.e_phentsize != sizeof(struct elf32_phdr) || eh.e_phnum == 0)
        return reject(why, "missing or malformed program header table");
    if (eh.e_phoff > size || (size_t)eh.e_phnum * sizeof(struct elf32_phdr) > size - eh.e_phoff)
        return reject(why, "program header table outside the file");

    out->entry = eh.e_entry;
    out->nsegments = 0;
    bool entry_ok = false;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        struct elf32_phdr ph;
        read_phdr(bytes, eh.e_phoff + i * (uint32_t)sizeof(ph), &ph);
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        if (out->nsegments == ELF_EXEC_MAX_SEGMENTS)
            return reject(why, "too many loadable segments");
        if (ph.p_filesz > ph.p_memsz)
            return reject(why, "segment file size exceeds its memory size");
        if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
            return reject(why, "segment data outside the file");
        if (ph.p_vaddr < lo || ph.p_vaddr >= hi || ph.p_memsz > hi - ph.p_vaddr)
            return reject(why, "segment outside user space");
        for (unsigned j = 0; j < out->nsegments; j++) {
            const struct elf_segment *s = &out->segments[j];
            if (ph.p_vaddr < s->vaddr + s->memsz && s->vaddr < ph.p_vaddr + ph.p_memsz)
                return reject(why, "overlapping segments");
        }
        struct elf_segment *seg = &out->segments[out->nsegments++];
        seg->vaddr = ph.p_vaddr;
        seg->memsz = ph.p_memsz;
        seg->offset = ph.p_offset;
        seg->filesz = ph.p_filesz;
        seg->writable = ph.p_flags & PF_W;
        seg->executable = ph.p_flags & PF_X;
        if ((ph.p_flags & PF_X) && eh.e_entry >= ph.p_vaddr && eh.e_entry - ph.p_vaddr < ph.p_memsz)
            entry_ok = true;
    }
    if (out->nsegments == 0)
        return reject(why, "no loadable segment");
    if (!entry_ok)
        return reject(why, "entry point outside the executable segments");
    return 0;
}
