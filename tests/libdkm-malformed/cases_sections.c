/* cases_sections.c — malformed section header tables, section bounds, string tables, sh_link and
 * sh_info, alignment, entry sizes, section kinds the loader refuses, and the size caps. */
#include <stdio.h>
#include <string.h>

#include "malformed.h"

static void shoff_past_end(struct mctx *c)
{
    eh(c)->e_shoff = (uint32_t)((c->size + 64) & ~(size_t)3);
    want_value(c, eh(c)->e_shoff);
}

static void shoff_overflow(struct mctx *c)
{
    /* e_shoff + e_shnum * 40 wraps around 2^32 */
    eh(c)->e_shoff = 0xfffffff0u;
    want_value(c, 0xfffffff0u);
}

static void shoff_misaligned(struct mctx *c)
{
    eh(c)->e_shoff += 2;
    want_value(c, eh(c)->e_shoff);
}

static void shnum_past_end(struct mctx *c)
{
    eh(c)->e_shnum += 40;
    want_value(c, eh(c)->e_shnum);
}

static void shnum_above_cap(struct mctx *c)
{
    c->cfg.max_sections = 16;
    want_value(c, eh(c)->e_shnum);
    want_value(c, 16);
}

static void shnum_zero_extended(struct mctx *c)
{
    /* e_shnum 0 with a table present means "count in section 0" (extended numbering) */
    eh(c)->e_shnum = 0;
    want_value(c, eh(c)->e_shoff);
}

static void shstrndx_out_of_range(struct mctx *c)
{
    eh(c)->e_shstrndx = (uint16_t)(eh(c)->e_shnum + 3);
    want_value(c, eh(c)->e_shstrndx);
}

static void shstrndx_not_strtab(struct mctx *c)
{
    eh(c)->e_shstrndx = (uint16_t)sec_index(c, ".text");
    want_value(c, eh(c)->e_shstrndx);
}

static void shstrndx_zero(struct mctx *c)
{
    eh(c)->e_shstrndx = 0;
    want_text(c, "e_shstrndx");
}

static void section_offset_past_end(struct mctx *c)
{
    unsigned i = sec_index(c, ".text");
    want_section(c, i);
    shdr(c, i)->sh_offset = (uint32_t)c->size + 0x100;
    want_value(c, shdr(c, i)->sh_offset);
}

static void section_offset_overflow(struct mctx *c)
{
    unsigned i = sec_index(c, ".data");
    want_section(c, i);
    shdr(c, i)->sh_offset = 0xffffff00u;
    shdr(c, i)->sh_size = 0x200;
    want_value(c, 0xffffff00u);
}

static void section_size_past_end(struct mctx *c)
{
    unsigned i = sec_index(c, ".rodata.str1.1");
    want_section(c, i);
    shdr(c, i)->sh_size = (uint32_t)c->size;
    want_value(c, (uint32_t)c->size);
}

static void nobits_offset_ignored(struct mctx *c)
{
    /* SHT_NOBITS has no file data: any offset is fine (this case must load) */
    sec(c, ".bss")->sh_offset = 0xfffffff0u;
}

static void shstrtab_unterminated(struct mctx *c)
{
    Elf32_Shdr *s = shdr(c, eh(c)->e_shstrndx);
    c->img[s->sh_offset + s->sh_size - 1] = 'X';
    want_text(c, "NUL");
}

static void shstrtab_empty(struct mctx *c)
{
    shdr(c, eh(c)->e_shstrndx)->sh_size = 0;
    want_text(c, "empty");
}

static void strtab_unterminated(struct mctx *c)
{
    Elf32_Shdr *s = sec(c, ".strtab");
    c->img[s->sh_offset + s->sh_size - 1] = 'X';
    want_section(c, sec_index(c, ".strtab"));
    want_text(c, "NUL");
}

static void strtab_empty(struct mctx *c)
{
    sec(c, ".strtab")->sh_size = 0;
    want_section(c, sec_index(c, ".strtab"));
    want_text(c, "empty");
}

static void section_name_offset(struct mctx *c)
{
    unsigned i = sec_index(c, ".text");
    shdr(c, i)->sh_name = 0x7777;
    char idx[16];
    snprintf(idx, sizeof idx, "[%u]", i);
    want_name(c, idx);
    want_value(c, 0x7777);
}

static void symtab_link_not_strtab(struct mctx *c)
{
    unsigned text = sec_index(c, ".text");
    sec(c, ".symtab")->sh_link = text;
    want_name(c, ".symtab");
    want_value(c, text);
}

static void symtab_link_out_of_range(struct mctx *c)
{
    sec(c, ".symtab")->sh_link = 500;
    want_name(c, ".symtab");
    want_value(c, 500);
}

static void rel_link_not_symtab(struct mctx *c)
{
    unsigned strtab = sec_index(c, ".strtab");
    sec(c, ".rel.text")->sh_link = strtab;
    want_name(c, ".rel.text");
    want_value(c, strtab);
}

static void group_link_not_symtab(struct mctx *c)
{
    unsigned g = sec_index_type(c, SHT_GROUP, 0);
    shdr(c, g)->sh_link = sec_index(c, ".strtab");
    want_section(c, g);
    want_value(c, shdr(c, g)->sh_link);
}

static void rel_info_out_of_range(struct mctx *c)
{
    sec(c, ".rel.text")->sh_info = 900;
    want_name(c, ".rel.text");
    want_value(c, 900);
}

static void rel_info_wrong_type(struct mctx *c)
{
    unsigned symtab = sec_index(c, ".symtab");
    sec(c, ".rel.text")->sh_info = symtab;
    want_name(c, ".rel.text");
    want_value(c, symtab);
}

static void symtab_info_past_end(struct mctx *c)
{
    uint32_t n = sym_count(c) + 5;
    sec(c, ".symtab")->sh_info = n;
    want_value(c, n);
}

static void align_not_pow2(struct mctx *c)
{
    sec(c, ".text")->sh_addralign = 12;
    want_name(c, ".text");
    want_value(c, 12);
}

static void align_above_cap(struct mctx *c)
{
    sec(c, ".data")->sh_addralign = 1u << 20;
    want_name(c, ".data");
    want_value(c, 1u << 20);
}

static void align_above_configured_cap(struct mctx *c)
{
    /* .bss asks for 32-byte alignment in the sample */
    c->cfg.max_align = 16;
    want_name(c, ".bss");
    want_value(c, sec(c, ".bss")->sh_addralign);
}

static void symtab_entsize(struct mctx *c)
{
    sec(c, ".symtab")->sh_entsize = 12;
    want_name(c, ".symtab");
    want_value(c, 12);
}

static void symtab_size_not_multiple(struct mctx *c)
{
    sec(c, ".symtab")->sh_size -= 4;
    want_name(c, ".symtab");
    want_value(c, sec(c, ".symtab")->sh_size);
}

static void rel_entsize(struct mctx *c)
{
    sec(c, ".rel.text")->sh_entsize = 12;
    want_name(c, ".rel.text");
    want_value(c, 12);
}

static void merge_entsize_zero(struct mctx *c)
{
    sec(c, ".rodata.str1.1")->sh_entsize = 0;
    want_name(c, ".rodata.str1.1");
}

static void symtab_misaligned(struct mctx *c)
{
    sec(c, ".symtab")->sh_offset += 2;
    want_name(c, ".symtab");
    want_value(c, sec(c, ".symtab")->sh_offset);
}

static void second_symtab(struct mctx *c)
{
    /* .comment comes before .symtab; make it a second, valid-looking symbol table */
    unsigned comment = sec_index(c, ".comment"), symtab = sec_index(c, ".symtab");
    uint32_t name = shdr(c, comment)->sh_name;
    *shdr(c, comment) = *shdr(c, symtab);
    shdr(c, comment)->sh_name = name;
    want_section(c, symtab);
}

static void no_symtab(struct mctx *c)
{
    /* drop the symbol table and everything that refers to it */
    for (unsigned i = 1; i < eh(c)->e_shnum; i++) {
        Elf32_Shdr *s = shdr(c, i);
        if (s->sh_type == SHT_REL || s->sh_type == SHT_GROUP || s->sh_type == SHT_SYMTAB)
            s->sh_type = SHT_NOTE;
        s->sh_flags &= ~(uint32_t)SHF_GROUP;
    }
    want_text(c, "symbol table");
}

static void rela_section(struct mctx *c)
{
    sec(c, ".rel.text")->sh_type = SHT_RELA;
    want_name(c, ".rel.text");
}

static void tls_section(struct mctx *c)
{
    sec(c, ".data")->sh_flags |= SHF_TLS;
    want_name(c, ".data");
}

static void extended_index_section(struct mctx *c)
{
    sec(c, ".comment")->sh_type = SHT_SYMTAB_SHNDX;
    want_name(c, ".comment");
}

static void group_entsize(struct mctx *c)
{
    unsigned g = sec_index_type(c, SHT_GROUP, 0);
    shdr(c, g)->sh_entsize = 8;
    want_section(c, g);
    want_value(c, 8);
}

static void init_array_size(struct mctx *c)
{
    sec(c, ".init_array")->sh_size = 3;
    want_name(c, ".init_array");
    want_value(c, 3);
}

static void bss_above_size_cap(struct mctx *c)
{
    sec(c, ".bss")->sh_size = 0x10000000u;   /* 256 MiB, above the default 64 MiB cap */
    want_name(c, ".bss");
}

static void image_above_configured_cap(struct mctx *c)
{
    c->cfg.max_image_size = 512;
    want_value(c, 512);
}

const struct mcase section_cases[] = {
    { "shdr_offset_past_end", SAMPLE_REL, shoff_past_end, DKM_E_SHDR_BOUNDS, "section header table inside the image", false, 0 },
    { "shdr_offset_overflow", SAMPLE_REL, shoff_overflow, DKM_E_SHDR_BOUNDS, "e_shoff + e_shnum*e_shentsize without overflow", false, 0 },
    { "shdr_offset_misaligned", SAMPLE_REL, shoff_misaligned, DKM_E_TABLE_ALIGN, "section header table 4-byte aligned", false, 0 },
    { "shdr_count_past_end", SAMPLE_REL, shnum_past_end, DKM_E_SHDR_BOUNDS, "e_shnum within the image", false, 0 },
    { "shdr_count_above_cap", SAMPLE_REL, shnum_above_cap, DKM_E_SECTION_COUNT, "e_shnum at most the configured cap", false, 0 },
    { "shdr_count_extended", SAMPLE_REL, shnum_zero_extended, DKM_E_SECTION_COUNT, "no extended section numbering", false, 0 },
    { "shstrndx_out_of_range", SAMPLE_REL, shstrndx_out_of_range, DKM_E_SHSTRNDX, "e_shstrndx < e_shnum", false, 0 },
    { "shstrndx_not_strtab", SAMPLE_REL, shstrndx_not_strtab, DKM_E_SHSTRNDX, "e_shstrndx is a SHT_STRTAB", false, 0 },
    { "shstrndx_zero", SAMPLE_REL, shstrndx_zero, DKM_E_SHSTRNDX, "e_shstrndx is not SHN_UNDEF", false, 0 },
    { "section_offset_past_end", SAMPLE_REL, section_offset_past_end, DKM_E_SECTION_BOUNDS, "section data inside the image", false, 0 },
    { "section_offset_overflow", SAMPLE_REL, section_offset_overflow, DKM_E_SECTION_BOUNDS, "sh_offset + sh_size without overflow", false, 0 },
    { "section_size_past_end", SAMPLE_REL, section_size_past_end, DKM_E_SECTION_BOUNDS, "sh_size within the image", false, 0 },
    { "nobits_offset_ignored", SAMPLE_REL, nobits_offset_ignored, DKM_OK, "control: SHT_NOBITS has no file data", false, 0 },
    { "shstrtab_unterminated", SAMPLE_REL, shstrtab_unterminated, DKM_E_STRTAB, "section name table NUL-terminated", false, 0 },
    { "shstrtab_empty", SAMPLE_REL, shstrtab_empty, DKM_E_STRTAB, "section name table non-empty", false, 0 },
    { "strtab_unterminated", SAMPLE_REL, strtab_unterminated, DKM_E_STRTAB, "symbol string table NUL-terminated", false, 0 },
    { "strtab_empty", SAMPLE_REL, strtab_empty, DKM_E_STRTAB, "symbol string table non-empty", false, 0 },
    { "section_name_offset", SAMPLE_REL, section_name_offset, DKM_E_NAME_OFFSET, "sh_name inside the name table", false, 0 },
    { "symtab_link_not_strtab", SAMPLE_REL, symtab_link_not_strtab, DKM_E_SH_LINK, "symtab sh_link is a SHT_STRTAB", false, 0 },
    { "symtab_link_out_of_range", SAMPLE_REL, symtab_link_out_of_range, DKM_E_SH_LINK, "symtab sh_link < e_shnum", false, 0 },
    { "rel_link_not_symtab", SAMPLE_REL, rel_link_not_symtab, DKM_E_SH_LINK, "SHT_REL sh_link is the symtab", false, 0 },
    { "group_link_not_symtab", SAMPLE_REL, group_link_not_symtab, DKM_E_SH_LINK, "SHT_GROUP sh_link is the symtab", false, 0 },
    { "rel_info_out_of_range", SAMPLE_REL, rel_info_out_of_range, DKM_E_SH_INFO, "SHT_REL sh_info < e_shnum", false, 0 },
    { "rel_info_wrong_type", SAMPLE_REL, rel_info_wrong_type, DKM_E_SH_INFO, "SHT_REL sh_info is a relocatable section", false, 0 },
    { "symtab_info_past_end", SAMPLE_REL, symtab_info_past_end, DKM_E_SH_INFO, "symtab sh_info <= symbol count", false, 0 },
    { "align_not_pow2", SAMPLE_REL, align_not_pow2, DKM_E_ALIGN, "sh_addralign a power of two", false, 0 },
    { "align_above_cap", SAMPLE_REL, align_above_cap, DKM_E_ALIGN, "sh_addralign at most a page", false, 0 },
    { "align_above_configured_cap", SAMPLE_REL, align_above_configured_cap, DKM_E_ALIGN, "sh_addralign at most the configured cap", false, 0 },
    { "symtab_entsize", SAMPLE_REL, symtab_entsize, DKM_E_ENTSIZE, "symtab sh_entsize is 16", false, 0 },
    { "symtab_size_not_multiple", SAMPLE_REL, symtab_size_not_multiple, DKM_E_ENTSIZE, "symtab size a multiple of 16", false, 0 },
    { "rel_entsize", SAMPLE_REL, rel_entsize, DKM_E_ENTSIZE, "SHT_REL sh_entsize is 8", false, 0 },
    { "merge_entsize_zero", SAMPLE_REL, merge_entsize_zero, DKM_E_ENTSIZE, "SHF_MERGE sections have an entsize dividing the size", false, 0 },
    { "symtab_misaligned", SAMPLE_REL, symtab_misaligned, DKM_E_TABLE_ALIGN, "symtab data 4-byte aligned", false, 0 },
    { "second_symtab", SAMPLE_REL, second_symtab, DKM_E_SYMTAB, "exactly one symbol table", false, 0 },
    { "no_symtab", SAMPLE_REL, no_symtab, DKM_E_SYMTAB, "a symbol table is present", false, 0 },
    { "rela_section", SAMPLE_REL, rela_section, DKM_E_SECTION_TYPE, "no SHT_RELA on loaded sections (i386)", false, 0 },
    { "tls_section", SAMPLE_REL, tls_section, DKM_E_SECTION_TYPE, "no SHF_TLS sections", false, 0 },
    { "extended_index_section", SAMPLE_REL, extended_index_section, DKM_E_SECTION_TYPE, "no SHT_SYMTAB_SHNDX", false, 0 },
    { "group_entsize", SAMPLE_REL, group_entsize, DKM_E_GROUP, "SHT_GROUP has 4-byte entries", false, 0 },
    { "init_array_size", SAMPLE_REL, init_array_size, DKM_E_ARRAY, "init/fini arrays a multiple of 4 bytes", false, 0 },
    { "bss_above_size_cap", SAMPLE_REL, bss_above_size_cap, DKM_E_TOO_BIG, "total module size at most the cap", false, 0 },
    { "image_above_configured_cap", SAMPLE_REL, image_above_configured_cap, DKM_E_TOO_BIG, "image size at most the configured cap", false, 0 },
    { NULL, 0, NULL, 0, NULL, false, 0 },
};
