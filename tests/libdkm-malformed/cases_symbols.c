/* cases_symbols.c — malformed symbol tables and symbol resolution failures: section indices,
 * values, name offsets, unsupported symbol kinds, COMMON sizes, unresolved imports, bad exports. */
#define _GNU_SOURCE
#include <string.h>

#include "malformed.h"

static void sym_section_out_of_range(struct mctx *c)
{
    sym(c, "sample_level")->st_shndx = 200;
    want_name(c, "sample_level");
    want_value(c, 200);
}

static void sym_value_outside_section(struct mctx *c)
{
    sym(c, "sample_api")->st_value = 0x5000;
    want_name(c, "sample_api");
    want_value(c, 0x5000);
}

static void sym_name_offset(struct mctx *c)
{
    sym(c, "sample_api")->st_name = 0x10000;
    want_value(c, 0x10000);
}

static void sym_tls(struct mctx *c)
{
    Elf32_Sym *s = sym(c, "sample_level");
    s->st_info = ELF32_ST_INFO(ELF32_ST_BIND(s->st_info), STT_TLS);
    want_name(c, "sample_level");
}

static void sym_ifunc(struct mctx *c)
{
    Elf32_Sym *s = sym(c, "sample_api");
    s->st_info = ELF32_ST_INFO(ELF32_ST_BIND(s->st_info), STT_GNU_IFUNC);
    want_name(c, "sample_api");
}

static void common_align_not_pow2(struct mctx *c)
{
    /* a COMMON symbol's st_value is its alignment */
    Elf32_Sym *s = sym(c, "sample_common_counter");
    if (s->st_shndx != SHN_COMMON)
        return;   /* the sample must have one; the case then loads and fails its check */
    s->st_value = 6;
    want_name(c, "sample_common_counter");
    want_value(c, 6);
}

static void common_too_big(struct mctx *c)
{
    Elf32_Sym *s = sym(c, "sample_common_counter");
    s->st_size = 0x7ffffff0u;
    want_name(c, "sample_common_counter");
}

static void rename_string(struct mctx *c, const char *from, const char *to)
{
    /* same length, in the symbol string table */
    Elf32_Shdr *s = sec(c, ".strtab");
    char *p = (char *)c->img + s->sh_offset;
    for (uint32_t off = 0; off < s->sh_size; off += (uint32_t)strlen(p + off) + 1)
        if (strcmp(p + off, from) == 0) {
            memcpy(p + off, to, strlen(to));
            return;
        }
}

static void unresolved_all_named(struct mctx *c)
{
    /* two imports nobody provides: every one must be named, not only the first */
    rename_string(c, "host_log", "host_lgz");
    Elf32_Sym *s = sym(c, "sample_level");
    s->st_shndx = SHN_UNDEF;
    s->st_value = 0;
    s->st_size = 0;
    want_name(c, "'host_lgz'");
    want_name(c, "'sample_level'");
}

static void export_undefined(struct mctx *c)
{
    Elf32_Shdr *s = sec(c, ".dkm.exports");
    char *p = (char *)c->img + s->sh_offset;
    char *hit = memmem(p, s->sh_size, "sample_api", 10);
    if (hit)
        hit[9] = 'x';
    want_name(c, "sample_apx");
}

const struct mcase symbol_cases[] = {
    { "sym_section_out_of_range", SAMPLE_REL, sym_section_out_of_range, DKM_E_SYM_SECTION, "st_shndx < e_shnum (or a reserved index)", false, 0 },
    { "sym_value_outside_section", SAMPLE_REL, sym_value_outside_section, DKM_E_SYM_VALUE, "st_value inside its section", false, 0 },
    { "sym_name_offset", SAMPLE_REL, sym_name_offset, DKM_E_NAME_OFFSET, "st_name inside the string table", false, 0 },
    { "sym_tls", SAMPLE_REL, sym_tls, DKM_E_SYM_TYPE, "no STT_TLS symbols", false, 0 },
    { "sym_ifunc", SAMPLE_REL, sym_ifunc, DKM_E_SYM_TYPE, "no STT_GNU_IFUNC symbols", false, 0 },
    { "common_align_not_pow2", SAMPLE_REL, common_align_not_pow2, DKM_E_ALIGN, "COMMON alignment a power of two", false, 0 },
    { "common_too_big", SAMPLE_REL, common_too_big, DKM_E_TOO_BIG, "COMMON size at most the cap", false, 0 },
    { "unresolved_all_named", SAMPLE_REL, unresolved_all_named, DKM_E_UNRESOLVED, "every undefined symbol resolves (all named)", false, 0 },
    { "export_undefined", SAMPLE_REL, export_undefined, DKM_E_EXPORT_UNDEF, ".dkm.exports names defined symbols", false, 0 },
    { NULL, 0, NULL, 0, NULL, false, 0 },
};
