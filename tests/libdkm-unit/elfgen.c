/* elfgen.c — see elfgen.h. Layout: ELF header, section contents, .symtab, .strtab, .rel.*,
 * .shstrtab, then the section header table. */
#include "elfgen.h"

#include <stdlib.h>
#include <string.h>

#include "elf.h"

void eg_init(struct eg *g)
{
    memset(g, 0, sizeof *g);
    g->nsec = 1;
    g->nsym = 1;
    g->nlocal = 1;
}

unsigned eg_section(struct eg *g, const char *name, uint32_t type, uint32_t flags, uint32_t align,
                    const void *data, uint32_t size)
{
    unsigned i = g->nsec++;
    g->sec[i].name = name;
    g->sec[i].type = type;
    g->sec[i].flags = flags;
    g->sec[i].align = align;
    g->sec[i].data = data;
    g->sec[i].size = size;
    g->sec[i].entsize = (flags & 0x10) ? 1 : (type == EG_GROUP ? 4 : 0);
    return i;
}

unsigned eg_symbol(struct eg *g, const char *name, uint32_t value, uint32_t size, unsigned bind,
                   unsigned type, uint32_t shndx)
{
    unsigned i = g->nsym++;
    g->sym[i].name = name;
    g->sym[i].value = value;
    g->sym[i].size = size;
    g->sym[i].shndx = shndx;
    g->sym[i].info = (uint8_t)(bind << 4 | type);
    if (bind == 0)
        g->nlocal = i + 1;
    return i;
}

void eg_rel(struct eg *g, unsigned target, uint32_t offset, uint32_t type, unsigned sym)
{
    struct eg_rel *r = &g->rel[g->nrel++];
    r->target = target;
    r->offset = offset;
    r->type = type;
    r->sym = sym;
}

struct buf {
    uint8_t *p;
    size_t len, cap;
};

static size_t put(struct buf *b, const void *data, size_t n, size_t align)
{
    while (b->len % align)
        b->len++;
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 256;
        b->p = realloc(b->p, b->cap);
    }
    size_t at = b->len;
    if (data)
        memcpy(b->p + at, data, n);
    else
        memset(b->p + at, 0, n);
    b->len += n;
    return at;
}

static uint32_t add_str(struct buf *s, const char *str)
{
    return (uint32_t)put(s, str, strlen(str) + 1, 1);
}

void *eg_build(const struct eg *g, size_t *size)
{
    struct buf img = {0}, shstr = {0}, str = {0};
    dkm_shdr_t sh[EG_MAX * 2];
    memset(sh, 0, sizeof sh);
    put(&img, NULL, sizeof(dkm_ehdr_t), 1);
    put(&shstr, "", 1, 1);
    put(&str, "", 1, 1);
    unsigned n = g->nsec;
    for (unsigned i = 1; i < g->nsec; i++) {
        sh[i].sh_name = add_str(&shstr, g->sec[i].name);
        sh[i].sh_type = g->sec[i].type;
        sh[i].sh_flags = g->sec[i].flags;
        sh[i].sh_addralign = g->sec[i].align;
        sh[i].sh_entsize = g->sec[i].entsize;
        sh[i].sh_size = g->sec[i].size;
        sh[i].sh_info = g->sec[i].info;
        if (g->sec[i].type != EG_NOBITS)
            sh[i].sh_offset = (uint32_t)put(&img, g->sec[i].data, g->sec[i].size, 4);
        else
            sh[i].sh_offset = (uint32_t)img.len;
    }
    unsigned symtab = n++, strtab = n++;
    dkm_sym_t syms[EG_MAX];
    memset(syms, 0, sizeof syms);
    for (unsigned i = 1; i < g->nsym; i++) {
        syms[i].st_name = g->sym[i].name ? add_str(&str, g->sym[i].name) : 0;
        syms[i].st_value = g->sym[i].value;
        syms[i].st_size = g->sym[i].size;
        syms[i].st_info = g->sym[i].info;
        syms[i].st_shndx = (uint16_t)g->sym[i].shndx;
    }
    sh[symtab].sh_name = add_str(&shstr, ".symtab");
    sh[symtab].sh_type = DKM_SHT_SYMTAB;
    sh[symtab].sh_entsize = sizeof(dkm_sym_t);
    sh[symtab].sh_size = g->nsym * sizeof(dkm_sym_t);
    sh[symtab].sh_offset = (uint32_t)put(&img, syms, sh[symtab].sh_size, 4);
    sh[symtab].sh_link = strtab;
    sh[symtab].sh_info = g->nlocal;
    sh[symtab].sh_addralign = 4;
    /* group sections point at the symbol table */
    for (unsigned i = 1; i < g->nsec; i++)
        if (g->sec[i].type == EG_GROUP)
            sh[i].sh_link = symtab;
    /* one .rel section per target */
    for (unsigned t = 1; t < g->nsec; t++) {
        dkm_rel_t rels[EG_MAX * 4];
        unsigned k = 0;
        for (unsigned r = 0; r < g->nrel; r++)
            if (g->rel[r].target == t) {
                rels[k].r_offset = g->rel[r].offset;
                rels[k].r_info = g->rel[r].sym << 8 | g->rel[r].type;
                k++;
            }
        if (!k)
            continue;
        char name[64] = ".rel";
        strncat(name, g->sec[t].name, sizeof name - 5);
        unsigned i = n++;
        sh[i].sh_name = add_str(&shstr, name);
        sh[i].sh_type = DKM_SHT_REL;
        sh[i].sh_entsize = sizeof(dkm_rel_t);
        sh[i].sh_size = k * sizeof(dkm_rel_t);
        sh[i].sh_offset = (uint32_t)put(&img, rels, sh[i].sh_size, 4);
        sh[i].sh_link = symtab;
        sh[i].sh_info = t;
        sh[i].sh_addralign = 4;
    }
    sh[strtab].sh_type = DKM_SHT_STRTAB;
    sh[strtab].sh_name = add_str(&shstr, ".strtab");
    sh[strtab].sh_size = (uint32_t)str.len;
    sh[strtab].sh_offset = (uint32_t)put(&img, str.p, str.len, 1);
    sh[strtab].sh_addralign = 1;
    unsigned shstrndx = n++;
    sh[shstrndx].sh_type = DKM_SHT_STRTAB;
    sh[shstrndx].sh_name = add_str(&shstr, ".shstrtab");
    sh[shstrndx].sh_size = (uint32_t)shstr.len;
    sh[shstrndx].sh_offset = (uint32_t)put(&img, shstr.p, shstr.len, 1);
    sh[shstrndx].sh_addralign = 1;
    size_t shoff = put(&img, sh, n * sizeof(dkm_shdr_t), 4);

    dkm_ehdr_t *eh = (dkm_ehdr_t *)(void *)img.p;
    memset(eh, 0, sizeof *eh);
    memcpy(eh->e_ident, "\177ELF", 4);
    eh->e_ident[4] = 1;
    eh->e_ident[5] = 1;
    eh->e_ident[6] = 1;
    eh->e_type = 1;
    eh->e_machine = 3;
    eh->e_version = 1;
    eh->e_shoff = (uint32_t)shoff;
    eh->e_ehsize = sizeof(dkm_ehdr_t);
    eh->e_shentsize = sizeof(dkm_shdr_t);
    eh->e_shnum = (uint16_t)n;
    eh->e_shstrndx = (uint16_t)shstrndx;
    free(shstr.p);
    free(str.p);
    /* an aligned copy, as a loader's caller provides */
    void *out = aligned_alloc(16, (img.len + 15) & ~(size_t)15);
    memcpy(out, img.p, img.len);
    free(img.p);
    *size = img.len;
    return out;
}
