/* reloc_fast.c — the ET_REL loop's fast paths over runs of 32-bit REL data fields (the bulk of an
 * ELF32 module's relocations). A file of their own so that a port's build may give them flags of
 * their own: ark compiles it without a frame pointer, one more register for the loop on i386. */
#include "internal.h"

/* Runs of S + A fields of one type, abs_type (R_386_32, R_ARM_ABS32: pointer tables, most of a
 * data section), need neither the P mask nor P nor a table. The type and symbol checks are one
 * comparison: r_info ^ abs_type rotated right by 8 is the symbol index when the type is abs_type
 * and at least 2^24 otherwise, so with sym_lim <= 2^24 it is below sym_lim exactly when both
 * hold. Inlined with abs_type a constant, the exclusive or takes an immediate and no register. */
static inline __attribute__((always_inline)) uint32_t abs_run(const dkm_rel_t *r, uint32_t k, uint32_t n,
                                                               uint8_t *base, dkm_addr_t tlim,
                                                               uint32_t abs_type,
                                                               const dkm_addr_t *symval, uint32_t sym_lim)
{
    const dkm_rel_t *p = r + k;
    const dkm_rel_t *const end = r + n;
/* One relocation: checked, then applied; a failed check leaves the loop with p at the entry. */
#define ABS_ONE(e)                                                                                 \
    do {                                                                                           \
        const dkm_addr_t off = (e)->r_offset;                                                      \
        const uint32_t x = (uint32_t)(e)->r_info ^ abs_type, sym = (x >> 8) | (x << 24);            \
        if (off > tlim || sym >= sym_lim)                                                          \
            goto stop_##e;                                                                         \
        ((dkm_unaligned32_t *)(void *)(base + off))->v += (uint32_t)symval[sym];                   \
    } while (0)
    /* Eight a turn: the end is compared once per eight, which on i386 leaves a register for tlim,
     * and under emulation every compare and branch costs as much as a load. */
    for (; end - p >= 8; p += 8) {
        const dkm_rel_t *const a = p, *const b = p + 1, *const c = p + 2, *const d = p + 3;
        const dkm_rel_t *const e = p + 4, *const f = p + 5, *const g = p + 6, *const h = p + 7;
        ABS_ONE(a);
        ABS_ONE(b);
        ABS_ONE(c);
        ABS_ONE(d);
        ABS_ONE(e);
        ABS_ONE(f);
        ABS_ONE(g);
        ABS_ONE(h);
    }
    for (; p < end; p++) {
        const dkm_rel_t *const a = p;
        ABS_ONE(a);
    }
    return (uint32_t)(p - r);
stop_h:
    p++;
stop_g:
    p++;
stop_f:
    p++;
stop_e:
    p++;
stop_d:
    p++;
stop_c:
    p++;
stop_b:
    p++;
stop_a:
    return (uint32_t)(p - r);
#undef ABS_ONE
}

uint32_t dkm_apply_abs(const dkm_rel_t *r, uint32_t k, uint32_t n, uint8_t *base, dkm_addr_t tlim,
                       uint32_t abs_type, const dkm_addr_t *symval, uint32_t sym_lim)
{
    switch (abs_type) {   /* the S + A types of the ELF32 REL architectures: i386's, then arm's */
    case 1:
        return abs_run(r, k, n, base, tlim, 1, symval, sym_lim);
    case 2:
        return abs_run(r, k, n, base, tlim, 2, symval, sym_lim);
    default:
        return abs_run(r, k, n, base, tlim, abs_type, symval, sym_lim);
    }
}

/* Every relocation is checked before its field is touched, with two comparisons: the field inside
 * the target (off <= tlim, where tlim < 2^31) and the type's being fast fold into one, since
 * fast[1][type] is 0 for fast types and DKM_FAST_NONE (bit 31) for the others; then the symbol
 * index. The formula is S + A - (P & fast[0][type]): the P mask is the one term in which the fast
 * kinds differ. fast[0] and fast[1] share a base register. */
uint32_t dkm_apply_fast(const dkm_rel_t *r, uint32_t k, uint32_t n, uint8_t *base, dkm_addr_t tlim,
                        const dkm_addr_t (*fast)[256], const dkm_addr_t *symval, uint32_t nsyms)
{
    const dkm_rel_t *p = r + k;
    const dkm_rel_t *const end = r + n;
    const dkm_addr_t tbase = (dkm_addr_t)(uintptr_t)base;
    for (; p < end; p++) {
        const dkm_addr_t off = p->r_offset, info = p->r_info;
        /* DKM_R_TYPE is below 256 on ELF32, the only class the fast path is enabled for. */
        const uint32_t type = DKM_R_TYPE(info) & 0xffu, sym = DKM_R_SYM(info);
        if ((off | fast[1][type]) > tlim || sym >= nsyms)
            break;
        dkm_unaligned32_t *f = (dkm_unaligned32_t *)(void *)(base + off);
        f->v += (uint32_t)(symval[sym] - ((tbase + off) & fast[0][type]));
    }
    return (uint32_t)(p - r);
}
