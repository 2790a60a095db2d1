/* host/host_elf.h — a small, bounds-checked reader of an ELF module (of the host's class)'s undefined symbols, so that
 * dkm-host -v can say where each import was resolved. It reads files libdkm has already accepted,
 * but still checks every offset itself. */
#ifndef HOST_ELF_H
#define HOST_ELF_H

#include <stddef.h>

/* Calls fn for each named undefined symbol (symtab for ET_REL, dynsym otherwise). Returns the
 * number of symbols reported, or -1 if the image has no readable symbol table. */
int host_elf_imports(const void *image, size_t size,
                     void (*fn)(void *arg, const char *name, int weak), void *arg);

#endif
