/* relocate.c — relocations for every format: the one check that a relocation can be applied, the
 * one formula per relocation kind, and the ET_REL loop (a fast path for 32-bit fields) that
 * applies each relocation as it checks it. The arch table (arch/<arch>.c) maps type numbers onto
 * kinds and field widths; symbol values come from the per-load resolution cache (symval). */
#include "internal.h"

/* What each kind computes, as the terms of one sum: S + A - P + GOT - GOT + B + G, each term kept
 * (all ones) or dropped (zero). S: symbol, A: addend, P: place, GOT: GOT base, B: image base, G: the
 * address of the symbol's GOT slot. Masks rather than a switch: the fast path evaluates the same
 * formula without a branch. */
#define T ~0u
struct reloc_terms {
    uint32_t s, a, p, got_add, got_sub, b, g;
};
static const struct reloc_terms kind_terms[] = {
    [DKM_RK_INVALID] = {0, T, 0, 0, 0, 0, 0},
    [DKM_RK_NONE] = {0, T, 0, 0, 0, 0, 0},
    [DKM_RK_ABS] = {T, T, 0, 0, 0, 0, 0},        /* S + A */
    [DKM_RK_PCREL] = {T, T, T, 0, 0, 0, 0},      /* S + A - P */
    [DKM_RK_GOTPC] = {0, T, T, T, 0, 0, 0},      /* GOT + A - P */
    [DKM_RK_GOTOFF] = {T, T, 0, 0, T, 0, 0},     /* S + A - GOT */
    [DKM_RK_GOT] = {0, T, 0, 0, T, 0, T},        /* G + A - GOT */
    [DKM_RK_RELATIVE] = {0, T, 0, 0, 0, T, 0},   /* B + A */
    [DKM_RK_SYMVAL] = {T, 0, 0, 0, 0, 0, 0},     /* S */
};
#undef T

static inline uint32_t reloc_value(unsigned kind, uint32_t S, uint32_t A, uint32_t P, uint32_t GOT,
                                   uint32_t B, uint32_t G)
{
    const struct reloc_terms *t = &kind_terms[kind];
    return (S & t->s) + (A & t->a) - (P & t->p) + (GOT & t->got_add) - (GOT & t->got_sub) +
           (B & t->b) + (G & t->g);
}

static uint32_t read_field(const uint8_t *where, unsigned size)
{
    switch (size) {
    case 4:
        return ((const dkm_unaligned32_t *)(const void *)where)->v;
    case 2:
        return (uint32_t)(int32_t)(int16_t)((const dkm_unaligned16_t *)(const void *)where)->v;
    default:
        return (uint32_t)(int32_t)(int8_t)*where;
    }
}

/* Narrow fields: the value must survive truncation (signed for PC-relative, either for absolute). */
static bool narrow_fits(uint32_t v, unsigned size, bool pcrel_signed)
{
    int32_t sv = (int32_t)v;
    int32_t lo = -(1 << (size * 8 - 1)), hi = (1 << (size * 8 - 1)) - 1;
    if (sv >= lo && sv <= hi)
        return true;
    return !pcrel_signed && v <= (size == 2 ? 0xffffu : 0xffu);
}

static void write_field(uint8_t *where, unsigned size, uint32_t v)
{
    if (size == 4)
        ((dkm_unaligned32_t *)(void *)where)->v = v;
    else if (size == 2)
        ((dkm_unaligned16_t *)(void *)where)->v = (uint16_t)v;
    else
        *where = (uint8_t)v;
}

/* Applies one relocation whose field was checked (dkm_reloc_check): reads the addend from the
 * field, computes the kind's formula, checks that a narrow result fits, writes it. */
int dkm_apply_one(const struct dkm_load *l, uint8_t *where, uint32_t type, uint32_t S, uint32_t P,
                  uint32_t G, uint32_t B, uint32_t *value)
{
    const struct dkm_reloc_howto *h = &dkm_arch_host.howto[type];
    if (h->kind == DKM_RK_NONE)
        return DKM_OK;
    uint32_t v = reloc_value(h->kind, S, read_field(where, h->size), P, l->got_addr, B, G);
    *value = v;
    if (h->size < 4 && !narrow_fits(v, h->size, h->pcrel_signed))
        return DKM_E_RELOC_OVERFLOW;
    write_field(where, h->size, v);
    return DKM_OK;
}

/* The one answer to "can this relocation be applied": its type is known and allowed in this
 * format (DKM_RF_*), its field lies inside a target of tsize bytes, its symbol index is in range. */
enum dkm_reloc_problem dkm_reloc_check(uint32_t type, unsigned format, uint32_t off, uint32_t tsize,
                                       uint32_t sym, uint32_t nsyms)
{
    const struct dkm_reloc_howto *h = type < dkm_arch_host.nhowto ? &dkm_arch_host.howto[type] : NULL;
    if (!h || h->kind == DKM_RK_INVALID || !(h->allowed & format))
        return DKM_RP_TYPE;
    if (off > tsize || (off == tsize && h->size))
        return DKM_RP_OUTSIDE;
    if (h->size > tsize - off)
        return DKM_RP_OVERRUNS;
    if (sym >= nsyms)
        return DKM_RP_SYMBOL;
    return DKM_RP_OK;
}

/* The message for a problem dkm_reloc_check found: "what #k" names the relocation, target the
 * section or segment its field must lie in. */
int dkm_reloc_fail(struct dkm_load *l, enum dkm_reloc_problem p, const char *what, uint32_t k,
                   const dkm_rel_t *r, const char *target, uint32_t tsize, uint32_t nsyms)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    const uint32_t type = DKM_R_TYPE(r->r_info);
    switch (p) {
    case DKM_RP_TYPE:
        return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u: relocation type %u (%s) is not supported", what, k,
                        type, arch->reloc_name(type));
    case DKM_RP_OUTSIDE:
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: offset 0x%x outside %s (size 0x%x)", what, k,
                        r->r_offset, target, tsize);
    case DKM_RP_OVERRUNS:
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: %u-byte field at offset 0x%x overruns %s (size 0x%x)",
                        what, k, arch->howto[type].size, r->r_offset, target, tsize);
    case DKM_RP_SYMBOL:
        return dkm_fail(l, DKM_E_SYM_INDEX, "%s #%u: symbol index %u out of range (%u symbols)", what, k,
                        DKM_R_SYM(r->r_info), nsyms);
    default:
        return DKM_OK;
    }
}

/* ET_REL: the reason relocation k of section sec cannot be applied. */
int dkm_reloc_error(struct dkm_load *l, unsigned sec, uint32_t k, const dkm_rel_t *r)
{
    const uint32_t type = DKM_R_TYPE(r->r_info), sym = DKM_R_SYM(r->r_info);
    const unsigned target = l->sh[sec].sh_info;
    const uint32_t tsize = l->sh[target].sh_size;
    enum dkm_reloc_problem p = dkm_reloc_check(type, DKM_RF_REL, r->r_offset, tsize, sym, l->nsyms);
    if (p != DKM_RP_OK)
        return dkm_reloc_fail(l, p, dkm_sec_name(l, sec), k, r, dkm_sec_name(l, target), tsize, l->nsyms);
    return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u: %s against '%s' needs a GOT, but the module does not reference _GLOBAL_OFFSET_TABLE_",
                    dkm_sec_name(l, sec), k, dkm_arch_host.reloc_name(type), dkm_sym_name(l, sym));
}

/* 32-bit fields whose kind's formula has only the S, A and P terms (S + A, S + A - P: the bulk of
 * every module) take the fast path below. For each type it keeps the kind's P mask (the one term
 * that differs between them), so the loop evaluates S + A - (P & mask) without looking up the
 * formula; FAST_NONE marks types that take the general path. Built once per loader from the arch
 * table and the formulas above. */
#define FAST_NONE 1u

static bool fast_kind(unsigned kind)
{
    const struct reloc_terms *t = &kind_terms[kind];
    return kind != DKM_RK_NONE && kind != DKM_RK_INVALID && t->s == ~0u && t->a == ~0u &&
           !t->got_add && !t->got_sub && !t->b && !t->g;
}

void dkm_reloc_classes(struct dkm_loader *ld)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    for (uint32_t t = 0; t < 256; t++) {
        const struct dkm_reloc_howto *h = t < arch->nhowto ? &arch->howto[t] : NULL;
        bool fast = h && (h->allowed & DKM_RF_REL) && h->size == 4 && fast_kind(h->kind);
        ld->reloc_fast[t] = fast ? kind_terms[h->kind].p : FAST_NONE;
    }
}

static void fill_got(struct dkm_load *l)
{
    if (!l->gotidx)
        return;
    uint32_t *got = (uint32_t *)(uintptr_t)l->got_addr;
    for (uint32_t i = 0; i < l->nsyms; i++)
        if (l->gotidx[i])
            got[l->gotidx[i] - 1] = l->symval[i];
}

static const uint32_t no_fast_path[256] = {
    [0 ... 255] = FAST_NONE,
};

/* The fast path over a run of relocations. Returns the index of the first relocation it cannot
 * take (or n). A separate function keeps every value of the loop in registers. */
static uint32_t apply_fast(const dkm_rel_t *r, uint32_t k, uint32_t n, uint8_t *base, uint32_t tbase,
                           uint32_t tlim, const uint32_t *fast, const uint32_t *symval, uint32_t nsyms)
{
    for (; k < n; k++) {
        const uint32_t info = r[k].r_info, off = r[k].r_offset;
        const uint32_t pmask = fast[DKM_R_TYPE(info)], sym = DKM_R_SYM(info);
        if (pmask == FAST_NONE || off > tlim || sym >= nsyms)
            break;
        dkm_unaligned32_t *f = (dkm_unaligned32_t *)(void *)(base + off);
        f->v = symval[sym] + f->v - ((tbase + off) & pmask);
    }
    return k;
}

/* Applies every relocation of every loaded section, checking each one as it goes. */
int dkm_relocate_rel(struct dkm_load *l)
{
    const struct dkm_reloc_howto *howto = dkm_arch_host.howto;
    const uint32_t nsyms = l->nsyms;
    const uint32_t *symval = l->symval, *gotidx = l->gotidx;
    fill_got(l);
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *rs = &l->sh[i];
        if (rs->sh_type != DKM_SHT_REL || !l->sec[rs->sh_info].load)
            continue;   /* relocations of debug info and discarded groups are skipped */
        const uint32_t tbase = l->sec[rs->sh_info].addr, tsize = l->sh[rs->sh_info].sh_size;
        const uint32_t tlim = tsize >= 4 ? tsize - 4 : 0;
        const uint32_t *fast = tsize >= 4 ? l->ld->reloc_fast : no_fast_path;
        uint8_t *const base = (uint8_t *)(uintptr_t)tbase;
        const dkm_rel_t *r = dkm_img_at(l, rs->sh_offset, rs->sh_size);
        const uint32_t n = rs->sh_size / sizeof *r;
        for (uint32_t k = 0; k < n; k++) {
            k = apply_fast(r, k, n, base, tbase, tlim, fast, symval, nsyms);
            if (k == n)
                break;
            const uint32_t info = r[k].r_info, off = r[k].r_offset;
            const uint32_t type = DKM_R_TYPE(info), sym = DKM_R_SYM(info);
            if (dkm_reloc_check(type, DKM_RF_REL, off, tsize, sym, nsyms) != DKM_RP_OK)
                return dkm_reloc_error(l, i, k, &r[k]);
            const struct dkm_reloc_howto *h = &howto[type];
            if (h->kind == DKM_RK_NONE)
                continue;   /* before any address is formed: an empty section may have none */
            uint32_t G = 0;
            if (h->kind == DKM_RK_GOT) {
                if (!gotidx || !gotidx[sym])
                    return dkm_reloc_error(l, i, k, &r[k]);
                G = l->got_addr + (gotidx[sym] - 1) * 4;
            }
            uint32_t v;
            if (dkm_apply_one(l, base + off, type, symval[sym], tbase + off, G, 0, &v) != DKM_OK)
                return dkm_fail(l, DKM_E_RELOC_OVERFLOW, "%s #%u (%s against '%s'): value 0x%x does not fit %u bits",
                                dkm_sec_name(l, i), k, dkm_arch_host.reloc_name(type), dkm_sym_name(l, sym), v,
                                h->size * 8);
        }
    }
    return DKM_OK;
}
