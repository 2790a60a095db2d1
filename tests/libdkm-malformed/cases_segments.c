/* cases_segments.c — malformed linked images (ET_DYN, ET_EXEC): program header table, segment
 * bounds and overlap, the dynamic table, dynamic relocations, and ET_EXEC address ranges. */
#include "malformed.h"

static void phdr_offset_past_end(struct mctx *c)
{
    eh(c)->e_phoff = (uint32_t)((c->size + 64) & ~(size_t)3);
    want_value(c, eh(c)->e_phoff);
}

static void phdr_offset_overflow(struct mctx *c)
{
    eh(c)->e_phoff = 0xffffffe0u;
    want_value(c, 0xffffffe0u);
}

static void phdr_count_past_end(struct mctx *c)
{
    eh(c)->e_phnum = 0x7ff;
    want_value(c, 0x7ff);
}

static void segment_offset_past_end(struct mctx *c)
{
    Elf32_Phdr *p = phdr_type(c, PT_LOAD, 1);
    p->p_offset = (uint32_t)((c->size + 0x1fff) & ~(size_t)0xfff);
    want_value(c, p->p_offset);
}

static void segment_offset_overflow(struct mctx *c)
{
    Elf32_Phdr *p = phdr_type(c, PT_LOAD, 1);
    p->p_offset = 0xfffff000u;
    want_value(c, 0xfffff000u);
}

static void segment_filesz_above_memsz(struct mctx *c)
{
    Elf32_Phdr *p = phdr_type(c, PT_LOAD, 0);
    p->p_memsz = p->p_filesz - 4;
    want_value(c, p->p_filesz);
}

static void segment_overlap_same_start(struct mctx *c)
{
    Elf32_Phdr *a = phdr_type(c, PT_LOAD, 1), *b = phdr_type(c, PT_LOAD, 2);
    b->p_vaddr = a->p_vaddr;
    b->p_paddr = a->p_paddr;
    want_value(c, a->p_vaddr);
}

static void segment_overlap_partial(struct mctx *c)
{
    /* the RW segment starts inside the one before it */
    Elf32_Phdr *a = phdr_type(c, PT_LOAD, 2), *b = phdr_type(c, PT_LOAD, 3);
    uint32_t inside = a->p_vaddr + (a->p_memsz > 8 ? 8 : 0);
    b->p_vaddr = b->p_paddr = inside - (inside % 0x1000) + (b->p_vaddr % 0x1000);
    if (b->p_vaddr >= a->p_vaddr + a->p_memsz)
        b->p_vaddr = b->p_paddr = a->p_vaddr;
    want_value(c, b->p_vaddr);
}

static void no_load_segments(struct mctx *c)
{
    for (unsigned i = 0; i < eh(c)->e_phnum; i++)
        if (phdr(c, i)->p_type == PT_LOAD)
            phdr(c, i)->p_type = PT_NULL;
    want_text(c, "PT_LOAD");
}

static void segment_align_not_pow2(struct mctx *c)
{
    phdr_type(c, PT_LOAD, 1)->p_align = 0x3000;
    want_value(c, 0x3000);
}

static void segment_memsz_above_cap(struct mctx *c)
{
    phdr_type(c, PT_LOAD, 3)->p_memsz = 0x10000000u;
}

static void dynamic_outside_segments(struct mctx *c)
{
    /* the dynamic table is read where it is loaded: p_vaddr must lie inside a PT_LOAD */
    Elf32_Phdr *p = phdr_type(c, PT_DYNAMIC, 0);
    p->p_vaddr = p->p_paddr = 0x7fff0000u;
    want_value(c, 0x7fff0000u);
}

static void dynamic_strtab_outside(struct mctx *c)
{
    dyn_tag(c, DT_STRTAB)->d_un.d_ptr = 0x7fff0000u;
    want_value(c, 0x7fff0000u);
}

static void dynamic_syment(struct mctx *c)
{
    dyn_tag(c, DT_SYMENT)->d_un.d_val = 12;
    want_value(c, 12);
}

static void dynamic_relent(struct mctx *c)
{
    dyn_tag(c, DT_RELENT)->d_un.d_val = 12;
    want_value(c, 12);
}

static void dynamic_relsz_outside(struct mctx *c)
{
    dyn_tag(c, DT_RELSZ)->d_un.d_val = 0x100000;
    want_value(c, 0x100000);
}

static void dyn_reloc_type_unknown(struct mctx *c)
{
    Elf32_Rel *r = rel(c, ".rel.dyn", 0);
    r->r_info = ELF32_R_INFO(ELF32_R_SYM(r->r_info), 200);
    want_value(c, 200);
}

static void dyn_reloc_copy(struct mctx *c)
{
    Elf32_Rel *r = rel(c, ".rel.dyn", 0);
    r->r_info = ELF32_R_INFO(ELF32_R_SYM(r->r_info), R_386_COPY);
    want_value(c, R_386_COPY);
}

static void dyn_reloc_offset_outside(struct mctx *c)
{
    rel(c, ".rel.dyn", 0)->r_offset = 0x100000;
    want_value(c, 0x100000);
}

static void dyn_reloc_into_readonly_segment(struct mctx *c)
{
    /* a RELATIVE relocation aimed at st_name of a .dynsym entry: a read-only segment, and the
     * names must not be read back from memory the relocations may have changed */
    Elf32_Shdr *ds = sec(c, ".dynsym");
    uint32_t target = ds->sh_addr + 16 * 1;
    for (unsigned k = 0;; k++) {
        Elf32_Rel *r = rel(c, ".rel.dyn", k);
        if (ELF32_R_TYPE(r->r_info) == R_386_RELATIVE) {
            r->r_offset = target;
            break;
        }
    }
    want_value(c, target);
    want_text(c, "writable segment");
}

static void dyn_reloc_symbol_out_of_range(struct mctx *c)
{
    for (unsigned k = 0;; k++) {
        Elf32_Rel *r = rel(c, ".rel.dyn", k);
        if (ELF32_R_TYPE(r->r_info) == R_386_GLOB_DAT) {
            r->r_info = ELF32_R_INFO(999, R_386_GLOB_DAT);
            break;
        }
    }
    want_value(c, 999);
}

static void dyn_unresolved(struct mctx *c)
{
    /* the import's name in .dynstr no longer matches the host export */
    Elf32_Shdr *s = sec(c, ".dynstr");
    char *p = (char *)c->img + s->sh_offset;
    for (uint32_t off = 0; off < s->sh_size; off++)
        if (__builtin_memcmp(p + off, "host_log", 9) == 0)
            p[off + 5] = 'X';
    want_name(c, "'host_Xog'");
}

static void exec_without_claim(struct mctx *c)
{
    c->no_claim = true;
    want_value(c, phdr_type(c, PT_LOAD, 0)->p_vaddr);
}

static void exec_range_taken(struct mctx *c)
{
    /* move the image onto a page the test process already uses */
    uint32_t delta = (uint32_t)mal_host_page - (phdr_type(c, PT_LOAD, 0)->p_vaddr & ~0xfffu);
    for (unsigned i = 0; i < eh(c)->e_phnum; i++) {
        phdr(c, i)->p_vaddr += delta;
        phdr(c, i)->p_paddr += delta;
    }
    for (unsigned i = 1; i < eh(c)->e_shnum; i++)
        if (shdr(c, i)->sh_flags & SHF_ALLOC)
            shdr(c, i)->sh_addr += delta;
    eh(c)->e_entry += delta;
    want_value(c, phdr_type(c, PT_LOAD, 0)->p_vaddr & ~0xfffu);
}

const struct mcase segment_cases[] = {
    { "phdr_offset_past_end", SAMPLE_DYN, phdr_offset_past_end, DKM_E_PHDR_BOUNDS, "program header table inside the image", false, 0 },
    { "phdr_offset_overflow", SAMPLE_DYN, phdr_offset_overflow, DKM_E_PHDR_BOUNDS, "e_phoff + e_phnum*e_phentsize without overflow", false, 0 },
    { "phdr_count_past_end", SAMPLE_DYN, phdr_count_past_end, DKM_E_PHDR_BOUNDS, "e_phnum within the image", false, 0 },
    { "segment_offset_past_end", SAMPLE_DYN, segment_offset_past_end, DKM_E_SEGMENT_BOUNDS, "segment file data inside the image", false, 0 },
    { "segment_offset_overflow", SAMPLE_DYN, segment_offset_overflow, DKM_E_SEGMENT_BOUNDS, "p_offset + p_filesz without overflow", false, 0 },
    { "segment_filesz_above_memsz", SAMPLE_DYN, segment_filesz_above_memsz, DKM_E_SEGMENT_BOUNDS, "p_filesz <= p_memsz", false, 0 },
    { "segment_overlap_same_start", SAMPLE_DYN, segment_overlap_same_start, DKM_E_SEGMENT_OVERLAP, "PT_LOAD segments do not overlap", false, 0 },
    { "segment_overlap_partial", SAMPLE_DYN, segment_overlap_partial, DKM_E_SEGMENT_OVERLAP, "PT_LOAD segments do not overlap", false, 0 },
    { "no_load_segments", SAMPLE_DYN, no_load_segments, DKM_E_NO_SEGMENTS, "at least one PT_LOAD", false, 0 },
    { "segment_align_not_pow2", SAMPLE_DYN, segment_align_not_pow2, DKM_E_ALIGN, "p_align a power of two", false, 0 },
    { "segment_memsz_above_cap", SAMPLE_DYN, segment_memsz_above_cap, DKM_E_TOO_BIG, "total segment span at most the cap", false, 0 },
    { "dynamic_outside_segments", SAMPLE_DYN, dynamic_outside_segments, DKM_E_DYNAMIC, "PT_DYNAMIC inside a loaded segment", false, 0 },
    { "dynamic_strtab_outside", SAMPLE_DYN, dynamic_strtab_outside, DKM_E_STRTAB, "DT_STRTAB/DT_STRSZ inside the image", false, 0 },
    { "dynamic_syment", SAMPLE_DYN, dynamic_syment, DKM_E_ENTSIZE, "DT_SYMENT is 16", false, 0 },
    { "dynamic_relent", SAMPLE_DYN, dynamic_relent, DKM_E_ENTSIZE, "DT_RELENT is 8", false, 0 },
    { "dynamic_relsz_outside", SAMPLE_DYN, dynamic_relsz_outside, DKM_E_DYNAMIC, "DT_REL + DT_RELSZ inside the image", false, 0 },
    { "dyn_reloc_type_unknown", SAMPLE_DYN, dyn_reloc_type_unknown, DKM_E_RELOC_TYPE, "dynamic relocation type known", false, 0 },
    { "dyn_reloc_copy", SAMPLE_DYN, dyn_reloc_copy, DKM_E_RELOC_TYPE, "no R_386_COPY", false, 0 },
    { "dyn_reloc_offset_outside", SAMPLE_DYN, dyn_reloc_offset_outside, DKM_E_RELOC_OFFSET, "dynamic r_offset inside a writable segment", false, 0 },
    { "dyn_reloc_into_readonly_segment", SAMPLE_DYN, dyn_reloc_into_readonly_segment, DKM_E_RELOC_OFFSET, "dynamic r_offset inside a writable segment", false, 0 },
    { "dyn_reloc_symbol_out_of_range", SAMPLE_DYN, dyn_reloc_symbol_out_of_range, DKM_E_SYM_INDEX, "dynamic ELF32_R_SYM < symbol count", false, 0 },
    { "dyn_unresolved", SAMPLE_DYN, dyn_unresolved, DKM_E_UNRESOLVED, "dynamic imports resolve", false, 0 },
    { "exec_without_claim", SAMPLE_EXEC, exec_without_claim, DKM_E_EXEC_RANGE, "ET_EXEC only where the port reports free", false, 0 },
    { "exec_range_taken", SAMPLE_EXEC, exec_range_taken, DKM_E_EXEC_RANGE, "ET_EXEC range must be free", false, 0 },
    { NULL, 0, NULL, 0, NULL, false, 0 },
};
