/* host/host_elf.c — lists the undefined symbols of an ELF32 image (see host_elf.h). */
#include "host_elf.h"

#include <elf.h>
#include <stdint.h>
#include <string.h>

static int host_elf_in_bounds(size_t size, uint32_t off, uint32_t len)
{
    return off <= size && len <= size - off;
}

int host_elf_imports(const void *image, size_t size,
                     void (*fn)(void *arg, const char *name, int weak), void *arg)
{
    const uint8_t *img = image;
    if (size < sizeof(Elf32_Ehdr) || memcmp(img, ELFMAG, SELFMAG) != 0 ||
        img[EI_CLASS] != ELFCLASS32)
        return -1;
    Elf32_Ehdr eh;
    memcpy(&eh, img, sizeof(eh));
    if (eh.e_shentsize != sizeof(Elf32_Shdr) || eh.e_shnum == 0 ||
        !host_elf_in_bounds(size, eh.e_shoff, (uint32_t)eh.e_shnum * sizeof(Elf32_Shdr)))
        return -1;
    uint32_t want = eh.e_type == ET_REL ? SHT_SYMTAB : SHT_DYNSYM;
    for (unsigned i = 0; i < eh.e_shnum; i++) {
        Elf32_Shdr sh, str;
        memcpy(&sh, img + eh.e_shoff + i * sizeof(Elf32_Shdr), sizeof(sh));
        if (sh.sh_type != want)
            continue;
        if (sh.sh_link >= eh.e_shnum || sh.sh_entsize != sizeof(Elf32_Sym) ||
            !host_elf_in_bounds(size, sh.sh_offset, sh.sh_size))
            return -1;
        memcpy(&str, img + eh.e_shoff + sh.sh_link * sizeof(Elf32_Shdr), sizeof(str));
        if (str.sh_size == 0 || !host_elf_in_bounds(size, str.sh_offset, str.sh_size) ||
            img[str.sh_offset + str.sh_size - 1] != '\0')
            return -1;
        const char *names = (const char *)img + str.sh_offset;
        int reported = 0;
        for (uint32_t s = 1; s < sh.sh_size / sizeof(Elf32_Sym); s++) {
            Elf32_Sym sym;
            memcpy(&sym, img + sh.sh_offset + s * sizeof(Elf32_Sym), sizeof(sym));
            if (sym.st_shndx != SHN_UNDEF || sym.st_name == 0 || sym.st_name >= str.sh_size)
                continue;
            fn(arg, names + sym.st_name, ELF32_ST_BIND(sym.st_info) == STB_WEAK);
            reported++;
        }
        return reported;
    }
    return -1;
}
