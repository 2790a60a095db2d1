/* relocate.c — the generic relocation loop. The arch table says what a type computes; this file
 * computes it, checking each relocation as it is applied; the symbol's address comes from the per-load
 * resolution cache (symval), so the loop does no lookups beyond array indexing. */
#include "internal.h"

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

/* Computes one relocation. S: symbol, P: place, G: its GOT slot, GOT: GOT base, B: image base. */
static uint32_t compute(unsigned kind, uint32_t S, uint32_t A, uint32_t P, uint32_t G,
                        uint32_t GOT, uint32_t B)
{
    switch (kind) {
    case DKM_RK_ABS: return S + A;
    case DKM_RK_PCREL: return S + A - P;
    case DKM_RK_GOTPC: return GOT + A - P;
    case DKM_RK_GOTOFF: return S + A - GOT;
    case DKM_RK_GOT: return G + A - GOT;
    case DKM_RK_RELATIVE: return B + A;
    case DKM_RK_SYMVAL: return S;
    default: return A;
    }
}

int dkm_apply_one(struct dkm_load *l, uint8_t *where, uint32_t type, uint32_t S, uint32_t P,
                  uint32_t G, uint32_t B, int32_t addend, bool explicit_addend)
{
    const struct dkm_reloc_howto *h = &dkm_arch_host.howto[type];
    if (h->kind == DKM_RK_NONE)
        return DKM_OK;
    uint32_t A = explicit_addend ? (uint32_t)addend : read_field(where, h->size);
    uint32_t v = compute(h->kind, S, A, P, G, l->got_addr, B);
    if (h->size < 4 && !narrow_fits(v, h->size, h->pcrel_signed))
        return DKM_E_RELOC_OVERFLOW;
    write_field(where, h->size, v);
    return DKM_OK;
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

/* The reason a relocation cannot be applied; only reached on malformed input. */
int dkm_reloc_error(struct dkm_load *l, unsigned sec, uint32_t k, const dkm_rel_t *r)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    const uint32_t type = DKM_R_TYPE(r->r_info), sym = DKM_R_SYM(r->r_info);
    const dkm_shdr_t *ts = &l->sh[l->sh[sec].sh_info];
    const char *rname = dkm_sec_name(l, sec);
    if (type >= arch->nhowto || !(arch->howto[type].allowed & DKM_RF_REL))
        return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u: relocation type %u (%s) is not supported", rname, k,
                        type, arch->reloc_name(type));
    if (r->r_offset > ts->sh_size || (r->r_offset == ts->sh_size && arch->howto[type].size))
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: offset 0x%x outside %s (size 0x%x)", rname, k,
                        r->r_offset, dkm_sec_name(l, l->sh[sec].sh_info), ts->sh_size);
    if (arch->howto[type].size > ts->sh_size - r->r_offset)
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: %u-byte field at offset 0x%x overruns %s (size 0x%x)",
                        rname, k, arch->howto[type].size, r->r_offset,
                        dkm_sec_name(l, l->sh[sec].sh_info), ts->sh_size);
    if (sym >= l->nsyms)
        return dkm_fail(l, DKM_E_SYM_INDEX, "%s #%u: symbol index %u out of range (%u symbols)", rname, k,
                        sym, l->nsyms);
    return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u: %s against '%s' needs a GOT, but the module does not reference _GLOBAL_OFFSET_TABLE_",
                    rname, k, arch->reloc_name(type), dkm_sym_name(l, sym));
}

/* Fast-path classes per relocation type: 1 for a 32-bit S + A, 2 for a 32-bit S + A - P, 0 for
 * everything else (the general path). Built once per loader from the arch table. */
void dkm_reloc_classes(struct dkm_loader *ld)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    for (uint32_t t = 0; t < 256; t++) {
        const struct dkm_reloc_howto *h = t < arch->nhowto ? &arch->howto[t] : NULL;
        uint8_t c = 0;
        if (h && (h->allowed & DKM_RF_REL) && h->size == 4)
            c = h->kind == DKM_RK_ABS ? 1 : h->kind == DKM_RK_PCREL ? 2 : 0;
        ld->reloc_class[t] = c;
    }
}

static const uint8_t no_fast_path[256];

/* The fast path over a run of relocations: 32-bit S + A or S + A - P, the class selecting a mask
 * for P instead of a branch. Returns the index of the first relocation it cannot take (or n).
 * A separate function keeps every value of the loop in registers. */
static uint32_t apply_fast(const dkm_rel_t *r, uint32_t k, uint32_t n, uint8_t *base, uint32_t tbase,
                           uint32_t tlim, const uint8_t *fast, const uint32_t *symval, uint32_t nsyms)
{
    for (; k < n; k++) {
        const uint32_t info = r[k].r_info, off = r[k].r_offset;
        const uint32_t cls = fast[DKM_R_TYPE(info)], sym = DKM_R_SYM(info);
        if (!cls || off > tlim || sym >= nsyms)
            break;
        dkm_unaligned32_t *f = (dkm_unaligned32_t *)(void *)(base + off);
        f->v = f->v + symval[sym] - ((tbase + off) & (0u - (cls - 1)));
    }
    return k;
}

/* Applies every relocation of every loaded section, checking each one as it goes: the type is
 * known and allowed, the field lies inside its section, the symbol index is in range. */
int dkm_relocate_rel(struct dkm_load *l)
{
    const struct dkm_reloc_howto *howto = dkm_arch_host.howto;
    const uint32_t nhowto = dkm_arch_host.nhowto, nsyms = l->nsyms;
    const uint32_t *symval = l->symval, *gotidx = l->gotidx;
    const uint32_t GOT = l->got_addr;
    fill_got(l);
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *rs = &l->sh[i];
        if (rs->sh_type != DKM_SHT_REL || !l->sec[rs->sh_info].load)
            continue;   /* relocations of debug info and discarded groups are skipped */
        const uint32_t tbase = l->sec[rs->sh_info].addr, tsize = l->sh[rs->sh_info].sh_size;
        const uint32_t tlim = tsize >= 4 ? tsize - 4 : 0;
        const uint8_t *fast = tsize >= 4 ? l->ld->reloc_class : no_fast_path;
        uint8_t *const base = (uint8_t *)(uintptr_t)tbase;
        const dkm_rel_t *r = (const dkm_rel_t *)(const void *)(l->img + rs->sh_offset);
        const uint32_t n = rs->sh_size / sizeof *r;
        for (uint32_t k = 0; k < n; k++) {
            k = apply_fast(r, k, n, base, tbase, tlim, fast, symval, nsyms);
            if (k == n)
                break;
            const uint32_t info = r[k].r_info, off = r[k].r_offset;
            const uint32_t type = DKM_R_TYPE(info), sym = DKM_R_SYM(info);
            const struct dkm_reloc_howto h = howto[type < nhowto ? type : 0];
            if (type >= nhowto || !(h.allowed & DKM_RF_REL) || off > tsize || h.size > tsize - off ||
                sym >= nsyms)
                return dkm_reloc_error(l, i, k, &r[k]);
            if (h.kind == DKM_RK_NONE)
                continue;   /* before any address is formed: an empty section may have none */
            uint8_t *where = base + off;
            const uint32_t S = symval[sym];
            if (h.size == 4) {
                /* The common case, kept branch-light: 32-bit fields cannot overflow. */
                dkm_unaligned32_t *f = (dkm_unaligned32_t *)(void *)where;
                const uint32_t A = f->v, P = tbase + off;
                switch (h.kind) {
                case DKM_RK_ABS: f->v = S + A; break;
                case DKM_RK_PCREL: f->v = S + A - P; break;
                case DKM_RK_GOTPC: f->v = GOT + A - P; break;
                case DKM_RK_GOTOFF: f->v = S + A - GOT; break;
                case DKM_RK_GOT:
                    if (!gotidx || !gotidx[sym])
                        return dkm_reloc_error(l, i, k, &r[k]);
                    f->v = (gotidx[sym] - 1) * 4 + A;
                    break;
                default: break;
                }
                continue;
            }
            uint32_t v = compute(h.kind, S, read_field(where, h.size), tbase + off, 0, GOT, 0);
            if (!narrow_fits(v, h.size, h.pcrel_signed))
                return dkm_fail(l, DKM_E_RELOC_OVERFLOW, "%s #%u (%s against '%s'): value 0x%x does not fit %u bits",
                                dkm_sec_name(l, i), k, dkm_arch_host.reloc_name(type), dkm_sym_name(l, sym), v,
                                h.size * 8);
            write_field(where, h.size, v);
        }
    }
    return DKM_OK;
}
