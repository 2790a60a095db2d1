/* cases_relocs.c — malformed relocations in ET_REL modules: offsets, types, symbol indices,
 * targets that are not loaded, and values that do not fit their field. */
#include "malformed.h"

static void reloc_offset_past_section(struct mctx *c)
{
    uint32_t size = sec(c, ".text")->sh_size;
    rel(c, ".rel.text", 0)->r_offset = size + 8;
    want_name(c, ".rel.text");
    want_value(c, size + 8);
}

static void reloc_offset_straddles_end(struct mctx *c)
{
    /* a 4-byte field starting 2 bytes before the end */
    uint32_t size = sec(c, ".text")->sh_size;
    rel(c, ".rel.text", 1)->r_offset = size - 2;
    want_name(c, ".rel.text");
    want_value(c, size - 2);
    want_text(c, "4-byte field");
    want_text(c, "overruns");
}

static void reloc_type_unknown(struct mctx *c)
{
    Elf32_Rel *r = rel(c, ".rel.text", 2);
    r->r_info = ELF32_R_INFO(ELF32_R_SYM(r->r_info), 200);
    want_name(c, ".rel.text");
    want_value(c, 200);
}

static void reloc_type_dynamic_only(struct mctx *c)
{
    /* R_386_RELATIVE belongs in linked images, not in relocatable objects */
    Elf32_Rel *r = rel(c, ".rel.data.rel.local", 0);
    r->r_info = ELF32_R_INFO(ELF32_R_SYM(r->r_info), R_386_RELATIVE);
    want_name(c, ".rel.data.rel.local");
    want_value(c, R_386_RELATIVE);
}

static void reloc_type_tls(struct mctx *c)
{
    Elf32_Rel *r = rel(c, ".rel.text", 3);
    r->r_info = ELF32_R_INFO(ELF32_R_SYM(r->r_info), R_386_TLS_IE);
    want_value(c, R_386_TLS_IE);
}

static void reloc_symbol_out_of_range(struct mctx *c)
{
    uint32_t idx = sym_count(c) + 5;
    Elf32_Rel *r = rel(c, ".rel.text", 0);
    r->r_info = ELF32_R_INFO(idx, ELF32_R_TYPE(r->r_info));
    want_name(c, ".rel.text");
    want_value(c, idx);
}

static void reloc_symbol_in_unloaded_section(struct mctx *c)
{
    /* the symbol a data relocation uses now lives in .comment, which is not loaded */
    Elf32_Rel *r = rel(c, ".rel.data.rel.local", 0);
    Elf32_Shdr *st = sec(c, ".symtab");
    Elf32_Sym *s = (Elf32_Sym *)(void *)(c->img + st->sh_offset) + ELF32_R_SYM(r->r_info);
    s->st_shndx = (uint16_t)sec_index(c, ".comment");
    s->st_value = 0;
    want_name(c, ".comment");
}

static void reloc_value_overflows_field(struct mctx *c)
{
    /* a pointer relocation narrowed to 16 bits: module addresses do not fit */
    Elf32_Rel *r = rel(c, ".rel.data.rel.local", 0);
    r->r_info = ELF32_R_INFO(ELF32_R_SYM(r->r_info), R_386_16);
    want_name(c, ".rel.data.rel.local");
}

static void reloc_pc8_overflows(struct mctx *c)
{
    /* a call to the host narrowed to an 8-bit displacement */
    for (unsigned k = 0;; k++) {
        Elf32_Rel *r = rel(c, ".rel.text", k);
        if (ELF32_R_TYPE(r->r_info) == R_386_PLT32) {
            r->r_info = ELF32_R_INFO(ELF32_R_SYM(r->r_info), R_386_PC8);
            break;
        }
    }
    want_name(c, ".rel.text");
}

const struct mcase reloc_cases[] = {
    { "reloc_offset_past_section", SAMPLE_REL, reloc_offset_past_section, DKM_E_RELOC_OFFSET, "r_offset inside the target section", false, 0 },
    { "reloc_offset_straddles_end", SAMPLE_REL, reloc_offset_straddles_end, DKM_E_RELOC_OFFSET, "r_offset + field size inside the target section", false, 0 },
    { "reloc_type_unknown", SAMPLE_REL, reloc_type_unknown, DKM_E_RELOC_TYPE, "relocation type known", false, 0 },
    { "reloc_type_dynamic_only", SAMPLE_REL, reloc_type_dynamic_only, DKM_E_RELOC_TYPE, "relocation type allowed in ET_REL", false, 0 },
    { "reloc_type_tls", SAMPLE_REL, reloc_type_tls, DKM_E_RELOC_TYPE, "no TLS relocations", false, 0 },
    { "reloc_symbol_out_of_range", SAMPLE_REL, reloc_symbol_out_of_range, DKM_E_SYM_INDEX, "ELF32_R_SYM < symbol count", false, 0 },
    { "reloc_symbol_in_unloaded_section", SAMPLE_REL, reloc_symbol_in_unloaded_section, DKM_E_RELOC_TARGET, "relocation symbols live in loaded sections", false, 0 },
    { "reloc_value_overflows_field", SAMPLE_REL, reloc_value_overflows_field, DKM_E_RELOC_OVERFLOW, "R_386_16 value fits 16 bits", false, 0 },
    { "reloc_pc8_overflows", SAMPLE_REL, reloc_pc8_overflows, DKM_E_RELOC_OVERFLOW, "R_386_PC8 displacement fits 8 bits", false, 0 },
    { NULL, 0, NULL, 0, NULL, false, 0 },
};
