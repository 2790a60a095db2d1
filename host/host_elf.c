/* host/host_elf.c — lists the undefined symbols of an ELF image of this host's class (see
 * host_elf.h): ELF32 in a 32-bit dkm-host, ELF64 in a 64-bit one. */
#include "host_elf.h"

#include <elf.h>
#include <stdint.h>
#include <string.h>

#if UINTPTR_MAX > 0xffffffffu
typedef Elf64_Ehdr host_ehdr_t;
typedef Elf64_Shdr host_shdr_t;
typedef Elf64_Sym host_sym_t;
#define HOST_ELFCLASS ELFCLASS64
#define HOST_ST_BIND ELF64_ST_BIND
#else
typedef Elf32_Ehdr host_ehdr_t;
typedef Elf32_Shdr host_shdr_t;
typedef Elf32_Sym host_sym_t;
#define HOST_ELFCLASS ELFCLASS32
#define HOST_ST_BIND ELF32_ST_BIND
#endif

static int host_elf_in_bounds(size_t size, uint64_t off, uint64_t len)
{
    return off <= size && len <= size - off;
}

int host_elf_imports(const void *image, size_t size,
                     void (*fn)(void *arg, const char *name, int weak), void *arg)
{
    const uint8_t *img = image;
    if (size < sizeof(host_ehdr_t) || memcmp(img, ELFMAG, SELFMAG) != 0 ||
        img[EI_CLASS] != HOST_ELFCLASS)
        return -1;
    host_ehdr_t eh;
    memcpy(&eh, img, sizeof(eh));
    if (eh.e_shentsize != sizeof(host_shdr_t) || eh.e_shnum == 0 ||
        !host_elf_in_bounds(size, eh.e_shoff, (uint64_t)eh.e_shnum * sizeof(host_shdr_t)))
        return -1;
    uint32_t want = eh.e_type == ET_REL ? SHT_SYMTAB : SHT_DYNSYM;
    for (unsigned i = 0; i < eh.e_shnum; i++) {
        host_shdr_t sh, str;
        memcpy(&sh, img + eh.e_shoff + i * sizeof(host_shdr_t), sizeof(sh));
        if (sh.sh_type != want)
            continue;
        if (sh.sh_link >= eh.e_shnum || sh.sh_entsize != sizeof(host_sym_t) ||
            !host_elf_in_bounds(size, sh.sh_offset, sh.sh_size))
            return -1;
        memcpy(&str, img + eh.e_shoff + sh.sh_link * sizeof(host_shdr_t), sizeof(str));
        if (str.sh_size == 0 || !host_elf_in_bounds(size, str.sh_offset, str.sh_size) ||
            img[str.sh_offset + str.sh_size - 1] != '\0')
            return -1;
        const char *names = (const char *)img + str.sh_offset;
        int reported = 0;
        for (uint64_t s = 1; s < sh.sh_size / sizeof(host_sym_t); s++) {
            host_sym_t sym;
            memcpy(&sym, img + sh.sh_offset + s * sizeof(host_sym_t), sizeof(sym));
            if (sym.st_shndx != SHN_UNDEF || sym.st_name == 0 || sym.st_name >= str.sh_size)
                continue;
            fn(arg, names + sym.st_name, HOST_ST_BIND(sym.st_info) == STB_WEAK);
            reported++;
        }
        return reported;
    }
    return -1;
}
