/* relocate.c — the generic relocation loop. The arch table says what a type computes (its kind)
 * and where the result goes (its field); this file holds the one formula per kind, checks each
 * relocation as it is applied, and gives out-of-reach branches a stub. The symbol's address comes
 * from the per-load resolution cache (symval), so the loop does no lookups beyond array indexing. */
#include "internal.h"

/* Reads a little-endian data field, sign-extended from its width. */
static dkm_addr_t read_data(const uint8_t *where, unsigned size)
{
    switch (size) {
    case 8:
        return (dkm_addr_t)((const dkm_unaligned64_t *)(const void *)where)->v;
    case 4:
        return (dkm_addr_t)(dkm_saddr_t)(int32_t)((const dkm_unaligned32_t *)(const void *)where)->v;
    case 2:
        return (dkm_addr_t)(dkm_saddr_t)(int16_t)((const dkm_unaligned16_t *)(const void *)where)->v;
    default:
        return (dkm_addr_t)(dkm_saddr_t)(int8_t)*where;
    }
}

/* Does v survive truncation to size bytes under the rule? */
static bool data_fits(dkm_addr_t v, unsigned size, unsigned check)
{
    if (check == DKM_OV_NONE || size >= sizeof(dkm_addr_t))
        return true;
    const unsigned bits = size * 8;
    const dkm_saddr_t sv = (dkm_saddr_t)v;
    const dkm_saddr_t lo = -((dkm_saddr_t)1 << (bits - 1)), hi = ((dkm_saddr_t)1 << (bits - 1)) - 1;
    bool is_signed = sv >= lo && sv <= hi, is_unsigned = v <= (((dkm_addr_t)1 << bits) - 1);
    if (check == DKM_OV_SIGNED)
        return is_signed;
    if (check == DKM_OV_UNSIGNED)
        return is_unsigned;
    return is_signed || is_unsigned;
}

static void write_data(uint8_t *where, unsigned size, dkm_addr_t v)
{
    if (size == 8)
        ((dkm_unaligned64_t *)(void *)where)->v = (uint64_t)v;
    else if (size == 4)
        ((dkm_unaligned32_t *)(void *)where)->v = (uint32_t)v;
    else if (size == 2)
        ((dkm_unaligned16_t *)(void *)where)->v = (uint16_t)v;
    else
        *where = (uint8_t)v;
}

int dkm_field_put(const struct dkm_reloc_howto *h, uint8_t *where, dkm_addr_t v)
{
    if (h->field)
        return dkm_arch_host.field_put(h->field, where, v);
    if (!data_fits(v, h->size, h->check))
        return DKM_E_RELOC_OVERFLOW;
    write_data(where, h->size, v);
    return DKM_OK;
}

dkm_addr_t dkm_field_get(const struct dkm_reloc_howto *h, const uint8_t *where)
{
    if (h->field)
        return dkm_arch_host.field_get(h->field, where);
    return read_data(where, h->size);
}

bool dkm_reloc_uses_got(unsigned kind)
{
    return kind == DKM_RK_GOT || kind == DKM_RK_GOTPCREL;
}

/* The one formula per kind. S: symbol, A: addend, P: place, G: the symbol's GOT slot, GOT: GOT
 * base, B: image base, Z: symbol size. Arithmetic is modulo the address width, like the CPU's. */
dkm_addr_t dkm_reloc_value(unsigned kind, dkm_addr_t S, dkm_addr_t A, dkm_addr_t P, dkm_addr_t G,
                           dkm_addr_t GOT, dkm_addr_t B, dkm_addr_t Z)
{
    switch (kind) {
    case DKM_RK_ABS: return S + A;
    case DKM_RK_PCREL:
    case DKM_RK_BRANCH: return S + A - P;
    case DKM_RK_GOTPC: return GOT + A - P;
    case DKM_RK_GOTOFF: return S + A - GOT;
    case DKM_RK_GOT: return G + A - GOT;
    case DKM_RK_GOTPCREL: return G + A - P;
    case DKM_RK_RELATIVE: return B + A;
    case DKM_RK_SYMVAL: return S;
    case DKM_RK_SIZE: return Z + A;
    default: return A;
    }
}

int dkm_apply_one(struct dkm_load *l, uint8_t *where, uint32_t type, dkm_addr_t S, dkm_addr_t P,
                  dkm_addr_t G, dkm_addr_t B, dkm_addr_t addend, bool explicit_addend)
{
    const struct dkm_reloc_howto *h = &dkm_arch_host.howto[type];
    if (h->kind == DKM_RK_NONE)
        return DKM_OK;
    dkm_addr_t A = explicit_addend ? addend : dkm_field_get(h, where);
    return dkm_field_put(h, where, dkm_reloc_value(h->kind, S, A, P, G, l->got_addr, B, 0));
}

static void fill_got_and_stubs(struct dkm_load *l)
{
    if (l->gotidx) {
        dkm_addr_t *got = (dkm_addr_t *)(uintptr_t)l->got_addr;
        for (uint32_t i = 0; i < l->nsyms; i++)
            if (l->gotidx[i])
                got[l->gotidx[i] - 1] = l->symval[i];
    }
    if (l->stubidx)
        for (uint32_t i = 0; i < l->nsyms; i++)
            if (l->stubidx[i])
                dkm_arch_host.stub_write((uint8_t *)(uintptr_t)(l->stub_addr + (dkm_addr_t)(l->stubidx[i] - 1) *
                                                                 dkm_arch_host.stub_size),
                                         l->symval[i]);
}

/* The reason a relocation cannot be applied; only reached on malformed input. */
int dkm_reloc_error(struct dkm_load *l, unsigned sec, uint32_t k, const dkm_rel_t *r)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    const uint32_t type = DKM_R_TYPE(r->r_info), sym = DKM_R_SYM(r->r_info);
    const dkm_shdr_t *ts = &l->sh[l->sh[sec].sh_info];
    const char *rname = dkm_sec_name(l, sec);
    if (type >= arch->nhowto || !(arch->howto[type].allowed & DKM_RF_REL))
        return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u: %s relocation type %u (%s) is not supported", rname, k,
                        arch->name, type, arch->reloc_name(type));
    if (r->r_offset > ts->sh_size || (r->r_offset == ts->sh_size && arch->howto[type].size))
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: offset 0x%" DKM_PRIX " outside %s (size 0x%" DKM_PRIX ")",
                        rname, k, r->r_offset, dkm_sec_name(l, l->sh[sec].sh_info), ts->sh_size);
    if (arch->howto[type].size > ts->sh_size - r->r_offset)
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: %u-byte field at offset 0x%" DKM_PRIX " overruns %s (size 0x%" DKM_PRIX ")",
                        rname, k, arch->howto[type].size, r->r_offset,
                        dkm_sec_name(l, l->sh[sec].sh_info), ts->sh_size);
    if (sym >= l->nsyms)
        return dkm_fail(l, DKM_E_SYM_INDEX, "%s #%u: symbol index %u out of range (%u symbols)", rname, k,
                        sym, l->nsyms);
    return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u: %s against '%s' needs a GOT, but the module does not reference _GLOBAL_OFFSET_TABLE_",
                    rname, k, arch->reloc_name(type), dkm_sym_name(l, sym));
}

/* Fast-path classes per relocation type: 1 for a 32-bit S + A, 2 for a 32-bit S + A - P, 0 for
 * everything else (the general path). Built once per loader from the arch table; only REL
 * entries of ELF32 take it (the implicit addend is the field itself). */
void dkm_reloc_classes(struct dkm_loader *ld)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    for (uint32_t t = 0; t < 256; t++) {
        const struct dkm_reloc_howto *h = t < arch->nhowto ? &arch->howto[t] : NULL;
        uint8_t c = 0;
        if (h && (h->allowed & DKM_RF_REL) && h->size == 4 && !h->field && h->check == DKM_OV_NONE &&
            arch->rel_sht == DKM_SHT_REL && DKM_ELF_CLASS == 32)
            c = h->kind == DKM_RK_ABS ? 1 : h->kind == DKM_RK_PCREL ? 2 : 0;
        ld->reloc_class[t] = c;
    }
}

static const uint8_t no_fast_path[256];

/* The fast path over a run of relocations: 32-bit S + A or S + A - P, the class selecting a mask
 * for P instead of a branch. Returns the index of the first relocation it cannot take (or n).
 * A separate function keeps every value of the loop in registers. */
static uint32_t apply_fast(const dkm_rel_t *r, uint32_t k, uint32_t n, uint8_t *base, dkm_addr_t tbase,
                           dkm_addr_t tlim, const uint8_t *fast, const dkm_addr_t *symval, uint32_t nsyms)
{
    for (; k < n; k++) {
        const dkm_addr_t info = r[k].r_info, off = r[k].r_offset;
        const uint32_t type = DKM_R_TYPE(info), sym = DKM_R_SYM(info);
        const uint32_t cls = type < 256 ? fast[type] : 0;
        if (!cls || off > tlim || sym >= nsyms)
            break;
        dkm_unaligned32_t *f = (dkm_unaligned32_t *)(void *)(base + off);
        f->v = (uint32_t)(f->v + symval[sym] - ((tbase + off) & (0u - (cls - 1))));
    }
    return k;
}

/* The stub a branch to symbol sym may go through, 0 if it has none. */
static dkm_addr_t stub_of(const struct dkm_load *l, uint32_t sym)
{
    if (!l->stubidx || !l->stubidx[sym])
        return 0;
    return l->stub_addr + (dkm_addr_t)(l->stubidx[sym] - 1) * dkm_arch_host.stub_size;
}

/* Applies every relocation of every loaded section, checking each one as it goes: the type is
 * known and allowed, the field lies inside its section, the symbol index is in range. */
int dkm_relocate_rel(struct dkm_load *l)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    const struct dkm_reloc_howto *howto = arch->howto;
    const uint32_t nhowto = arch->nhowto, nsyms = l->nsyms;
    const dkm_addr_t *symval = l->symval;
    const uint32_t *gotidx = l->gotidx;
    const dkm_addr_t GOT = l->got_addr;
    const bool rela = arch->rel_sht == DKM_SHT_RELA;
    const size_t entsize = rela ? sizeof(dkm_rela_t) : sizeof(dkm_rel_t);
    fill_got_and_stubs(l);
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *rs = &l->sh[i];
        if (rs->sh_type != arch->rel_sht || !l->sec[rs->sh_info].load)
            continue;   /* relocations of debug info and discarded groups are skipped */
        const dkm_addr_t tbase = l->sec[rs->sh_info].addr, tsize = l->sh[rs->sh_info].sh_size;
        const dkm_addr_t tlim = tsize >= 4 ? tsize - 4 : 0;
        const uint8_t *fast = tsize >= 4 && !rela ? l->ld->reloc_class : no_fast_path;
        uint8_t *const base = (uint8_t *)(uintptr_t)tbase;
        const uint8_t *tab = l->img + rs->sh_offset;
        const uint32_t n = (uint32_t)(rs->sh_size / entsize);
        for (uint32_t k = 0; k < n; k++) {
            if (!rela) {
                k = apply_fast((const dkm_rel_t *)(const void *)tab, k, n, base, tbase, tlim, fast, symval,
                               nsyms);
                if (k == n)
                    break;
            }
            const dkm_rel_t *r = (const dkm_rel_t *)(const void *)(tab + k * entsize);
            const dkm_addr_t info = r->r_info, off = r->r_offset;
            const uint32_t type = DKM_R_TYPE(info), sym = DKM_R_SYM(info);
            const struct dkm_reloc_howto h = howto[type < nhowto ? type : 0];
            if (type >= nhowto || !(h.allowed & DKM_RF_REL) || off > tsize || h.size > tsize - off ||
                sym >= nsyms)
                return dkm_reloc_error(l, i, k, r);
            if (h.kind == DKM_RK_NONE)
                continue;   /* before any address is formed: an empty section may have none */
            uint8_t *where = base + off;
            const dkm_addr_t S = symval[sym], P = tbase + off;
            const dkm_addr_t A = rela ? (dkm_addr_t)((const dkm_rela_t *)(const void *)r)->r_addend
                                      : dkm_field_get(&h, where);
            dkm_addr_t G = 0;
            if (dkm_reloc_uses_got(h.kind)) {
                if (!gotidx || !gotidx[sym])
                    return dkm_reloc_error(l, i, k, r);
                G = GOT + (dkm_addr_t)(gotidx[sym] - 1) * DKM_ADDR_BYTES;
            }
            dkm_addr_t v = dkm_reloc_value(h.kind, S, A, P, G, GOT, 0, l->syms[sym].st_size);
            int rc = dkm_field_put(&h, where, v);
            if (rc == DKM_E_RELOC_OVERFLOW && stub_of(l, sym) &&
                (h.kind == DKM_RK_BRANCH ||
                 (h.kind == DKM_RK_PCREL && arch->pcrel_is_branch && arch->pcrel_is_branch(where, off, A)))) {
                v = stub_of(l, sym) + A - P;
                rc = dkm_field_put(&h, where, v);
            }
            if (rc == DKM_E_RELOC_OVERFLOW && !h.field)
                return dkm_fail(l, rc, "%s #%u (%s against '%s'): value 0x%" DKM_PRIX " does not fit %u bits",
                                dkm_sec_name(l, i), k, arch->reloc_name(type), dkm_sym_name(l, sym), v, h.size * 8);
            if (rc == DKM_E_RELOC_OVERFLOW)
                return dkm_fail(l, rc, "%s #%u (%s against '%s'): value 0x%" DKM_PRIX " is out of the instruction's reach",
                                dkm_sec_name(l, i), k, arch->reloc_name(type), dkm_sym_name(l, sym), v);
            if (rc)
                return dkm_fail(l, rc, "%s #%u (%s against '%s'): the field at offset 0x%" DKM_PRIX " is not the instruction this type applies to",
                                dkm_sec_name(l, i), k, arch->reloc_name(type), dkm_sym_name(l, sym), off);
        }
    }
    return DKM_OK;
}
