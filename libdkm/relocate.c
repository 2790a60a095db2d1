/* relocate.c — relocations for every format: the one check that a relocation can be applied, the
 * one formula per relocation kind, and the ET_REL loop (a fast path for 32-bit REL fields) that
 * applies each relocation as it checks it. The arch table (arch/<arch>.c) maps type numbers onto
 * kinds and fields: a data field of some width and overflow rule, or an instruction encoding the
 * arch file writes. Out-of-reach branches go through stubs. Symbol values come from the per-load
 * resolution cache (symval). */
#include "internal.h"

/* What each kind computes, as the terms of one sum: S + A - P + GOT - GOT + B + G + Z, each term
 * kept (all ones) or dropped (zero). S: symbol, A: addend, P: place, GOT: GOT base, B: image base,
 * G: the address of the symbol's GOT slot, Z: the symbol's size. Masks rather than a switch: the
 * fast path evaluates the same formula without a branch. */
#define T (~(dkm_addr_t)0)
struct reloc_terms {
    dkm_addr_t s, a, p, got_add, got_sub, b, g, z;
};
static const struct reloc_terms kind_terms[] = {
    [DKM_RK_INVALID] = {0, T, 0, 0, 0, 0, 0, 0},
    [DKM_RK_NONE] = {0, T, 0, 0, 0, 0, 0, 0},
    [DKM_RK_ABS] = {T, T, 0, 0, 0, 0, 0, 0},        /* S + A */
    [DKM_RK_PCREL] = {T, T, T, 0, 0, 0, 0, 0},      /* S + A - P */
    [DKM_RK_BRANCH] = {T, T, T, 0, 0, 0, 0, 0},     /* S + A - P, or stub + A - P */
    [DKM_RK_GOTPC] = {0, T, T, T, 0, 0, 0, 0},      /* GOT + A - P */
    [DKM_RK_GOTOFF] = {T, T, 0, 0, T, 0, 0, 0},     /* S + A - GOT */
    [DKM_RK_GOT] = {0, T, 0, 0, T, 0, T, 0},        /* G + A - GOT */
    [DKM_RK_GOTPCREL] = {0, T, T, 0, 0, 0, T, 0},   /* G + A - P */
    [DKM_RK_RELATIVE] = {0, T, 0, 0, 0, T, 0, 0},   /* B + A */
    [DKM_RK_SYMVAL] = {T, 0, 0, 0, 0, 0, 0, 0},     /* S */
    [DKM_RK_SIZE] = {0, T, 0, 0, 0, 0, 0, T},       /* Z + A */
    /* The page kinds: these terms, then the pages of the sum and of the subtracted base. */
    [DKM_RK_PAGE_PCREL] = {T, T, T, 0, 0, 0, 0, 0},     /* Page(S + A) - Page(P) */
    [DKM_RK_GOT_PAGE_PCREL] = {0, T, T, 0, 0, 0, T, 0}, /* Page(G + A) - Page(P) */
    [DKM_RK_GOT_PAGEOFF] = {0, T, 0, 0, T, 0, T, 0},    /* G + A - Page(GOT) */
    [DKM_RK_GOTABS] = {0, T, 0, 0, 0, 0, T, 0},         /* G + A */
    [DKM_RK_PAIR_LO] = {T, 0, 0, 0, 0, 0, 0, 0},    /* S: the paired high part's value */
};
#undef T
#define DKM_PAGE_MASK (~(dkm_addr_t)0xfff)

dkm_addr_t dkm_reloc_value(unsigned kind, dkm_addr_t S, dkm_addr_t A, dkm_addr_t P, dkm_addr_t GOT,
                           dkm_addr_t B, dkm_addr_t G, dkm_addr_t Z)
{
    const struct reloc_terms *t = &kind_terms[kind];
    if (kind == DKM_RK_PAGE_PCREL || kind == DKM_RK_GOT_PAGE_PCREL)
        return (((S & t->s) + (G & t->g) + A) & DKM_PAGE_MASK) - (P & DKM_PAGE_MASK);
    if (kind == DKM_RK_GOT_PAGEOFF)
        return G + A - (GOT & DKM_PAGE_MASK);
    return (S & t->s) + (A & t->a) - (P & t->p) + (GOT & t->got_add) - (GOT & t->got_sub) +
           (B & t->b) + (G & t->g) + (Z & t->z);
}

bool dkm_reloc_uses_got(unsigned kind)
{
    return kind_terms[kind].g != 0;
}

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

/* Does v survive truncation to size bytes under the rule (DKM_OV_*)? */
static bool data_fits(dkm_addr_t v, unsigned size, unsigned check)
{
    if (check == DKM_OV_NONE || size >= sizeof(dkm_addr_t))
        return true;
    const unsigned bits = size * 8;
    const dkm_saddr_t sv = (dkm_saddr_t)v;
    const dkm_saddr_t lo = -((dkm_saddr_t)1 << (bits - 1)), hi = ((dkm_saddr_t)1 << (bits - 1)) - 1;
    const bool is_signed = sv >= lo && sv <= hi, is_unsigned = v <= (((dkm_addr_t)1 << bits) - 1);
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

/* Writes v into the field: DKM_E_RELOC_OVERFLOW if it does not fit, DKM_E_RELOC_TYPE if an
 * instruction field does not hold the instruction its type applies to. */
int dkm_field_put(const struct dkm_reloc_howto *h, uint8_t *where, dkm_addr_t v)
{
    if (h->field)
        return dkm_arch_host.field_put(h->field, where, v);
    if (!data_fits(v, h->size, h->check))
        return DKM_E_RELOC_OVERFLOW;
    write_data(where, h->size, v);
    return DKM_OK;
}

/* The implicit addend a REL entry keeps in its field. */
dkm_addr_t dkm_field_get(const struct dkm_reloc_howto *h, const uint8_t *where)
{
    if (h->field)
        return dkm_arch_host.field_get(h->field, where);
    return read_data(where, h->size);
}

/* Applies one relocation whose field was checked (dkm_reloc_check): the addend is explicit (RELA)
 * or read from the field (REL); computes the kind's formula and writes the field. *value receives
 * the computed value for messages. */
int dkm_apply_one(const struct dkm_load *l, uint8_t *where, uint32_t type, dkm_addr_t S, dkm_addr_t P,
                  dkm_addr_t G, dkm_addr_t B, dkm_addr_t A, bool explicit_addend, dkm_addr_t *value)
{
    const struct dkm_reloc_howto *h = &dkm_arch_host.howto[type];
    *value = 0;
    if (h->kind == DKM_RK_NONE)
        return DKM_OK;
    if (!explicit_addend)
        A = dkm_field_get(h, where);
    *value = dkm_reloc_value(h->kind, S, A, P, l->got_addr, B, G, 0);
    return dkm_field_put(h, where, *value);
}

/* The one answer to "can this relocation be applied": its type is known and allowed in this
 * format (DKM_RF_*), its field lies inside a target of tsize bytes, its symbol index is in range. */
enum dkm_reloc_problem dkm_reloc_check(uint32_t type, unsigned format, dkm_addr_t off, dkm_addr_t tsize,
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
                   const dkm_rel_t *r, const char *target, dkm_addr_t tsize, uint32_t nsyms)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    const uint32_t type = DKM_R_TYPE(r->r_info);
    switch (p) {
    case DKM_RP_TYPE:
        return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u: %s relocation type %u (%s) is not supported", what, k,
                        arch->name, type, arch->reloc_name(type));
    case DKM_RP_OUTSIDE:
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: offset 0x%" DKM_PRIX " outside %s (size 0x%" DKM_PRIX ")",
                        what, k, r->r_offset, target, tsize);
    case DKM_RP_OVERRUNS:
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: %u-byte field at offset 0x%" DKM_PRIX " overruns %s (size 0x%" DKM_PRIX ")",
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
    const dkm_addr_t tsize = l->sh[target].sh_size;
    enum dkm_reloc_problem p = dkm_reloc_check(type, DKM_RF_REL, r->r_offset, tsize, sym, l->nsyms);
    if (p != DKM_RP_OK)
        return dkm_reloc_fail(l, p, dkm_sec_name(l, sec), k, r, dkm_sec_name(l, target), tsize, l->nsyms);
    return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u: %s against '%s' needs a GOT, but the module does not reference _GLOBAL_OFFSET_TABLE_",
                    dkm_sec_name(l, sec), k, dkm_arch_host.reloc_name(type), dkm_sym_name(l, sym));
}

/* 32-bit REL data fields whose kind's formula has only the S, A and P terms (S + A, S + A - P: the
 * bulk of every ELF32 module) take the fast paths of reloc_fast.c. For each type it keeps the
 * kind's P mask (the one term that differs between them) in reloc_fast[0], so the loop evaluates
 * S + A - (P & mask) without looking up the formula, and in reloc_fast[1] DKM_FAST_NONE for types
 * that take the general path; reloc_abs_type is the lowest fast S + A type (dkm_apply_abs). Built
 * once per loader from the arch table and the formulas above. RELA architectures take the general
 * path. */
static bool fast_kind(unsigned kind)
{
    const struct reloc_terms *t = &kind_terms[kind];
    return kind != DKM_RK_NONE && kind != DKM_RK_INVALID && kind != DKM_RK_BRANCH &&
           kind < DKM_RK_PAGE_PCREL && t->s && t->a &&
           !t->got_add && !t->got_sub && !t->b && !t->g && !t->z;
}

void dkm_reloc_classes(struct dkm_loader *ld)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    ld->reloc_abs_type = 256;
    for (uint32_t t = 0; t < 256; t++) {
        const struct dkm_reloc_howto *h = t < arch->nhowto ? &arch->howto[t] : NULL;
        bool fast = h && (h->allowed & DKM_RF_REL) && h->size == 4 && !h->field &&
                    h->check == DKM_OV_NONE && fast_kind(h->kind) && arch->rel_sht == DKM_SHT_REL &&
                    DKM_ELF_CLASS == 32;
        ld->reloc_fast[0][t] = fast ? kind_terms[h->kind].p : 0;
        ld->reloc_fast[1][t] = fast ? 0 : DKM_FAST_NONE;
        if (fast && !kind_terms[h->kind].p && ld->reloc_abs_type == 256)
            ld->reloc_abs_type = t;
    }
}

static dkm_addr_t stub_of(const struct dkm_load *l, uint32_t sym);

/* The address relocations against sym use: its value, or its stub where the arch makes the stub
 * an imported function's one address (stub_is_canonical). */
static dkm_addr_t target_of(const struct dkm_load *l, uint32_t sym)
{
    if (dkm_arch_host.stub_is_canonical && l->symcode && l->symcode[sym] && stub_of(l, sym))
        return stub_of(l, sym);
    return l->symval[sym];
}

static void fill_got_and_stubs(struct dkm_load *l)
{
    if (l->gotidx) {
        dkm_addr_t *got = (dkm_addr_t *)(uintptr_t)l->got_addr;
        for (uint32_t i = 0; i < l->nsyms; i++)
            if (l->gotidx[i])
                got[l->gotidx[i] - 1] = target_of(l, i);
    }
    if (l->stubidx)
        for (uint32_t i = 0; i < l->nsyms; i++)
            if (l->stubidx[i])
                dkm_arch_host.stub_write((uint8_t *)(uintptr_t)(l->stub_addr + (dkm_addr_t)(l->stubidx[i] - 1) *
                                                                 dkm_arch_host.stub_size),
                                         l->symval[i]);
}

/* The stub a branch to symbol sym may go through, 0 if it has none. */
static dkm_addr_t stub_of(const struct dkm_load *l, uint32_t sym)
{
    if (!l->stubidx || !l->stubidx[sym])
        return 0;
    return l->stub_addr + (dkm_addr_t)(l->stubidx[sym] - 1) * dkm_arch_host.stub_size;
}

/* May the relocation (kind h, symbol sym, field at where) use the symbol's stub when the symbol
 * itself is out of reach? Branches may, and so may any reference to an imported function. */
static bool stub_may_serve(const struct dkm_load *l, const struct dkm_reloc_howto *h, uint32_t sym,
                           const uint8_t *where, dkm_addr_t off, dkm_addr_t A)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    return stub_of(l, sym) &&
           (h->kind == DKM_RK_BRANCH || (l->symcode && l->symcode[sym]) ||
            (h->kind == DKM_RK_PCREL && arch->pcrel_is_branch && arch->pcrel_is_branch(where, off, A)));
}

/* ---- DKM_RK_PAIR_LO: a low part takes the value its high part computed ------------------------
 * The low part's symbol labels the instruction carrying the high part, in the same section. The
 * high parts of a relocation section are indexed by field offset once (sorted, searched in
 * O(log n)), so any order of entries and any number of low parts per high part cost the same. */

static dkm_addr_t rel_offset_at(const uint8_t *tab, size_t entsize, uint32_t k)
{
    return ((const dkm_rel_t *)(const void *)(tab + (size_t)k * entsize))->r_offset;
}

/* Heapsort of entry indices by field offset: no recursion, bounded time on any input. */
static void sift_down(uint32_t *a, uint32_t root, uint32_t n, const uint8_t *tab, size_t entsize)
{
    for (;;) {
        uint32_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && rel_offset_at(tab, entsize, a[child + 1]) > rel_offset_at(tab, entsize, a[child]))
            child++;
        if (rel_offset_at(tab, entsize, a[child]) <= rel_offset_at(tab, entsize, a[root]))
            return;
        uint32_t t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void sort_by_offset(uint32_t *a, uint32_t n, const uint8_t *tab, size_t entsize)
{
    for (uint32_t i = n / 2; i-- > 0;)
        sift_down(a, i, n, tab, entsize);
    for (uint32_t end = n; end-- > 1;) {
        uint32_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end, tab, entsize);
    }
}

static int pair_index(struct dkm_load *l, unsigned sec, const uint8_t *tab, uint32_t n, size_t entsize)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    if (l->pair_sec == sec)
        return DKM_OK;
    l->pair_sec = 0;
    uint32_t count = 0;
    for (uint32_t k = 0; k < n; k++)
        if (arch->pair_hi(DKM_R_TYPE(((const dkm_rel_t *)(const void *)(tab + (size_t)k * entsize))->r_info)))
            count++;
    if (count > l->pair_cap) {
        dkm_meta_free(l->ld, l->pair_idx, (size_t)l->pair_cap * sizeof *l->pair_idx);
        l->pair_cap = 0;
        l->pair_idx = dkm_meta_alloc(l->ld, (size_t)count * sizeof *l->pair_idx);
        if (!l->pair_idx)
            return dkm_fail(l, DKM_E_NOMEM, "out of memory for the high-part index of %s (%u entries)",
                            dkm_sec_name(l, sec), count);
        l->pair_cap = count;
    }
    bool sorted = true;
    l->pair_count = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (!arch->pair_hi(DKM_R_TYPE(((const dkm_rel_t *)(const void *)(tab + (size_t)k * entsize))->r_info)))
            continue;
        if (l->pair_count && rel_offset_at(tab, entsize, l->pair_idx[l->pair_count - 1]) > rel_offset_at(tab, entsize, k))
            sorted = false;
        l->pair_idx[l->pair_count++] = k;
    }
    if (!sorted)
        sort_by_offset(l->pair_idx, l->pair_count, tab, entsize);
    l->pair_sec = sec;
    return DKM_OK;
}

/* Would the field at where take value v? Tried on a copy, so the field is left alone. */
static int field_accepts(const struct dkm_reloc_howto *h, const uint8_t *where, dkm_addr_t v)
{
    uint8_t copy[16];
    dkm_memcpy(copy, where, h->size <= sizeof copy ? h->size : sizeof copy);
    return dkm_field_put(h, copy, v);
}

/* The value of the high part at label for low part k of relocation section sec: what that entry
 * computes, through its symbol's stub exactly when its own application goes there. */
static int pair_lo_value(struct dkm_load *l, unsigned sec, const uint8_t *tab, uint32_t n, size_t entsize,
                         uint32_t k, const dkm_rel_t *r, dkm_addr_t label, dkm_addr_t *value)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    const unsigned target = l->sh[sec].sh_info;
    const dkm_addr_t tbase = l->sec[target].addr, tsize = l->sh[target].sh_size;
    const uint32_t sym = DKM_R_SYM(r->r_info), type = DKM_R_TYPE(r->r_info);
    const dkm_addr_t want = label - tbase;
    *value = 0;
    if (!arch->pair_hi || l->syms[sym].st_shndx != target || want >= tsize)
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u (%s against '%s'): the label must be in %s, where its high part is",
                        dkm_sec_name(l, sec), k, arch->reloc_name(type), dkm_sym_name(l, sym), dkm_sec_name(l, target));
    int rc = pair_index(l, sec, tab, n, entsize);
    if (rc)
        return rc;
    uint32_t lo = 0, hi = l->pair_count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (rel_offset_at(tab, entsize, l->pair_idx[mid]) < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == l->pair_count || rel_offset_at(tab, entsize, l->pair_idx[lo]) != want)
        return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u (%s against '%s'): no high-part relocation at offset 0x%" DKM_PRIX " of %s",
                        dkm_sec_name(l, sec), k, arch->reloc_name(type), dkm_sym_name(l, sym), want,
                        dkm_sec_name(l, target));
    const uint32_t hk = l->pair_idx[lo];
    const dkm_rel_t *hr = (const dkm_rel_t *)(const void *)(tab + (size_t)hk * entsize);
    const uint32_t htype = DKM_R_TYPE(hr->r_info), hsym = DKM_R_SYM(hr->r_info);
    if (dkm_reloc_check(htype, DKM_RF_REL, hr->r_offset, tsize, hsym, l->nsyms) != DKM_RP_OK)
        return dkm_reloc_error(l, sec, hk, hr);
    const struct dkm_reloc_howto *h = &arch->howto[htype];
    const uint8_t *where = (const uint8_t *)(uintptr_t)(tbase + hr->r_offset);
    const dkm_addr_t P = tbase + hr->r_offset;
    const dkm_addr_t A = entsize == sizeof(dkm_rela_t) ? (dkm_addr_t)((const dkm_rela_t *)(const void *)hr)->r_addend
                                                       : dkm_field_get(h, where);
    dkm_addr_t G = 0;
    if (dkm_reloc_uses_got(h->kind)) {
        if (!l->gotidx || !l->gotidx[hsym])
            return dkm_reloc_error(l, sec, hk, hr);
        G = l->got_addr + (dkm_addr_t)(l->gotidx[hsym] - 1) * DKM_ADDR_BYTES;
    }
    dkm_addr_t v = dkm_reloc_value(h->kind, l->symval[hsym], A, P, l->got_addr, 0, G, l->syms[hsym].st_size);
    if (field_accepts(h, where, v) == DKM_E_RELOC_OVERFLOW && stub_may_serve(l, h, hsym, where, hr->r_offset, A))
        v = dkm_reloc_value(h->kind, stub_of(l, hsym), A, P, l->got_addr, 0, G, 0);
    *value = v;
    return DKM_OK;
}

static const dkm_addr_t no_fast_path[2][256] = {
    [1] = { [0 ... 255] = DKM_FAST_NONE },
};

/* Applies every relocation of every loaded section, checking each one as it goes. */
int dkm_relocate_rel(struct dkm_load *l)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    const struct dkm_reloc_howto *howto = arch->howto;
    const uint32_t nsyms = l->nsyms, sym_lim = nsyms < (1u << 24) ? nsyms : 1u << 24;
    const dkm_addr_t *symval = l->symval;
    const uint32_t *gotidx = l->gotidx;
    const bool rela = arch->rel_sht == DKM_SHT_RELA;
    const bool canonical_stubs = arch->stub_is_canonical && l->symcode;
    const size_t entsize = rela ? sizeof(dkm_rela_t) : sizeof(dkm_rel_t);
    fill_got_and_stubs(l);
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *rs = &l->sh[i];
        if (rs->sh_type != arch->rel_sht || !l->sec[rs->sh_info].load)
            continue;   /* relocations of debug info and discarded groups are skipped */
        const dkm_addr_t tbase = l->sec[rs->sh_info].addr, tsize = l->sh[rs->sh_info].sh_size;
        /* Below 2^31 for dkm_apply_fast's folded check; fields beyond take the general path. */
        const dkm_addr_t tlim = tsize < 4 ? 0 : tsize - 4 < DKM_FAST_NONE ? tsize - 4 : DKM_FAST_NONE - 1;
        const dkm_addr_t(*fast)[256] =
            tsize >= 4 && !rela ? (const dkm_addr_t(*)[256])l->ld->reloc_fast : no_fast_path;
        const bool abs_run = tsize >= 4 && !rela && l->ld->reloc_abs_type < 256;
        uint8_t *const base = (uint8_t *)(uintptr_t)tbase;
        const uint8_t *tab = dkm_img_at(l, rs->sh_offset, rs->sh_size);
        const uint32_t n = (uint32_t)(rs->sh_size / entsize);
        for (uint32_t k = 0; k < n; k++) {
            if (!rela) {
                const dkm_rel_t *rel = (const dkm_rel_t *)(const void *)tab;
                if (abs_run)
                    k = dkm_apply_abs(rel, k, n, base, tlim, l->ld->reloc_abs_type, symval, sym_lim);
                k = dkm_apply_fast(rel, k, n, base, tlim, fast, symval, nsyms);
                if (k == n)
                    break;
            }
            const dkm_rel_t *r = (const dkm_rel_t *)(const void *)(tab + k * entsize);
            const dkm_addr_t info = r->r_info, off = r->r_offset;
            const uint32_t type = DKM_R_TYPE(info), sym = DKM_R_SYM(info);
            if (dkm_reloc_check(type, DKM_RF_REL, off, tsize, sym, nsyms) != DKM_RP_OK)
                return dkm_reloc_error(l, i, k, r);
            const struct dkm_reloc_howto *h = &howto[type];
            if (h->kind == DKM_RK_NONE)
                continue;   /* before any address is formed: an empty section may have none */
            uint8_t *where = base + off;
            const dkm_addr_t S = canonical_stubs ? target_of(l, sym) : symval[sym], P = tbase + off;
            const dkm_addr_t A = rela ? (dkm_addr_t)((const dkm_rela_t *)(const void *)r)->r_addend
                                      : dkm_field_get(h, where);
            dkm_addr_t G = 0;
            if (dkm_reloc_uses_got(h->kind)) {
                if (!gotidx || !gotidx[sym])
                    return dkm_reloc_error(l, i, k, r);
                G = l->got_addr + (dkm_addr_t)(gotidx[sym] - 1) * DKM_ADDR_BYTES;
                if (A && arch->got_addend_names_slot)
                    return dkm_fail(l, DKM_E_RELOC_TYPE, "%s #%u (%s against '%s'): a GOT entry for the symbol plus addend 0x%" DKM_PRIX " is not supported",
                                    dkm_sec_name(l, i), k, arch->reloc_name(type), dkm_sym_name(l, sym), A);
            }
            dkm_addr_t v;
            if (h->kind == DKM_RK_PAIR_LO) {
                int prc = pair_lo_value(l, i, tab, n, entsize, k, r, S + A, &v);
                if (prc)
                    return prc;
            } else {
                v = dkm_reloc_value(h->kind, S, A, P, l->got_addr, 0, G, l->syms[sym].st_size);
            }
            int rc = dkm_field_put(h, where, v);
            /* A branch out of the field's reach goes to the symbol's stub instead; so does any
             * reference to an imported function (the stub is its address, as a PLT entry is). */
            if ((rc == DKM_E_RELOC_OVERFLOW || (rc == DKM_OK && arch->low_part_far && arch->low_part_far(type, v))) &&
                stub_may_serve(l, h, sym, where, off, A)) {
                dkm_addr_t entry = stub_of(l, sym);
                if (arch->stub_entry)
                    entry = arch->stub_entry(entry, type);
                v = dkm_reloc_value(h->kind, entry, A, P, l->got_addr, 0, G, 0);
                rc = dkm_field_put(h, where, v);
            }
            if (rc == DKM_E_RELOC_OVERFLOW && !h->field)
                return dkm_fail(l, rc, "%s #%u (%s against '%s'): value 0x%" DKM_PRIX " does not fit %u bits",
                                dkm_sec_name(l, i), k, arch->reloc_name(type), dkm_sym_name(l, sym), v, h->size * 8);
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
