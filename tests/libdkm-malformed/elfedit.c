/* elfedit.c — finds sections, symbols, relocations and segments inside a test's private copy of a
 * sample image so that a case can break one field. A lookup that finds nothing fails the test: a
 * case must never pass because the sample lacked what it meant to break. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "malformed.h"

Elf32_Ehdr *eh(struct mctx *c)
{
    return (Elf32_Ehdr *)(void *)c->img;
}

Elf32_Shdr *shdr(struct mctx *c, unsigned idx)
{
    Elf32_Ehdr *e = eh(c);
    if (idx >= e->e_shnum)
        fail_msg("sample has no section %u", idx);
    return (Elf32_Shdr *)(void *)(c->img + e->e_shoff) + idx;
}

const char *sec_name(struct mctx *c, unsigned idx)
{
    Elf32_Shdr *strs = shdr(c, eh(c)->e_shstrndx);
    return (const char *)c->img + strs->sh_offset + shdr(c, idx)->sh_name;
}

unsigned sec_index(struct mctx *c, const char *name)
{
    for (unsigned i = 1; i < eh(c)->e_shnum; i++)
        if (strcmp(sec_name(c, i), name) == 0)
            return i;
    fail_msg("sample has no section %s", name);
    return 0;
}

unsigned sec_index_type(struct mctx *c, uint32_t type, unsigned nth)
{
    for (unsigned i = 1; i < eh(c)->e_shnum; i++)
        if (shdr(c, i)->sh_type == type && nth-- == 0)
            return i;
    fail_msg("sample has no section of type %u", type);
    return 0;
}

Elf32_Shdr *sec(struct mctx *c, const char *name)
{
    return shdr(c, sec_index(c, name));
}

uint8_t *sec_data(struct mctx *c, const char *name)
{
    return c->img + sec(c, name)->sh_offset;
}

static Elf32_Shdr *symtab(struct mctx *c)
{
    /* ET_REL: .symtab; linked images: the dynamic symbol table the loader uses */
    uint32_t type = eh(c)->e_type == ET_REL ? SHT_SYMTAB : SHT_DYNSYM;
    return shdr(c, sec_index_type(c, type, 0));
}

unsigned sym_count(struct mctx *c)
{
    return symtab(c)->sh_size / sizeof(Elf32_Sym);
}

unsigned sym_index(struct mctx *c, const char *name)
{
    Elf32_Shdr *st = symtab(c);
    Elf32_Shdr *str = shdr(c, st->sh_link);
    Elf32_Sym *syms = (Elf32_Sym *)(void *)(c->img + st->sh_offset);
    for (unsigned i = 1; i < sym_count(c); i++)
        if (strcmp((const char *)c->img + str->sh_offset + syms[i].st_name, name) == 0)
            return i;
    fail_msg("sample has no symbol %s", name);
    return 0;
}

Elf32_Sym *sym(struct mctx *c, const char *name)
{
    Elf32_Shdr *st = symtab(c);
    return (Elf32_Sym *)(void *)(c->img + st->sh_offset) + sym_index(c, name);
}

Elf32_Rel *rel(struct mctx *c, const char *relsec, unsigned k)
{
    Elf32_Shdr *s = sec(c, relsec);
    if (s->sh_type != SHT_REL || (k + 1) * sizeof(Elf32_Rel) > s->sh_size)
        fail_msg("sample section %s has no relocation #%u", relsec, k);
    return (Elf32_Rel *)(void *)(c->img + s->sh_offset) + k;
}

Elf32_Phdr *phdr(struct mctx *c, unsigned idx)
{
    Elf32_Ehdr *e = eh(c);
    if (idx >= e->e_phnum)
        fail_msg("sample has no program header %u", idx);
    return (Elf32_Phdr *)(void *)(c->img + e->e_phoff) + idx;
}

unsigned phdr_index_type(struct mctx *c, uint32_t type, unsigned nth)
{
    for (unsigned i = 0; i < eh(c)->e_phnum; i++)
        if (phdr(c, i)->p_type == type && nth-- == 0)
            return i;
    fail_msg("sample has no program header of type %u", type);
    return 0;
}

Elf32_Phdr *phdr_type(struct mctx *c, uint32_t type, unsigned nth)
{
    return phdr(c, phdr_index_type(c, type, nth));
}

Elf32_Dyn *dyn_tag(struct mctx *c, int32_t tag)
{
    Elf32_Phdr *p = phdr_type(c, PT_DYNAMIC, 0);
    Elf32_Dyn *d = (Elf32_Dyn *)(void *)(c->img + p->p_offset);
    for (unsigned i = 0; i < p->p_filesz / sizeof *d && d[i].d_tag != DT_NULL; i++)
        if (d[i].d_tag == tag)
            return &d[i];
    fail_msg("sample has no dynamic entry with tag %d", tag);
    return NULL;
}

uint32_t img_append(struct mctx *c, const void *data, size_t len)
{
    uint32_t off = (uint32_t)((c->size + 3) & ~(size_t)3);
    uint8_t *n = realloc(c->img, off + len);
    if (n == NULL)
        fail_msg("out of memory");
    memset(n + c->size, 0, off - c->size);
    memcpy(n + off, data, len);
    c->img = n;
    c->size = off + len;
    return off;
}
