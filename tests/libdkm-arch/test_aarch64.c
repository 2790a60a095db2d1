/* test_aarch64.c — AArch64 relocation arithmetic and ELF64 validation, against the aarch64 build of
 * libdkm: each type's value encoded into its instruction or data field and decoded back here,
 * overflow per field, the veneer decoded, a real module's relocated instructions checked against
 * the addresses they must form, and malformed images refused with a message naming the rule. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arch_test.h"

#include "internal.h"
#include "port_linux.h"

enum {
    R_NONE = 0, R_ABS64 = 257, R_ABS32 = 258, R_ABS16 = 259, R_PREL64 = 260, R_PREL32 = 261,
    R_PREL16 = 262, R_MOVW_UABS_G0 = 263, R_MOVW_UABS_G0_NC = 264, R_MOVW_UABS_G1 = 265,
    R_MOVW_UABS_G2 = 267, R_MOVW_UABS_G3 = 269, R_MOVW_SABS_G0 = 270, R_MOVW_SABS_G1 = 271,
    R_LD_PREL_LO19 = 273, R_ADR_PREL_LO21 = 274, R_ADR_PREL_PG_HI21 = 275,
    R_ADR_PREL_PG_HI21_NC = 276, R_ADD_ABS_LO12_NC = 277, R_LDST8 = 278, R_TSTBR14 = 279,
    R_CONDBR19 = 280, R_JUMP26 = 282, R_CALL26 = 283, R_LDST16 = 284, R_LDST32 = 285, R_LDST64 = 286,
    R_MOVW_PREL_G0 = 287, R_MOVW_PREL_G1_NC = 290, R_MOVW_PREL_G3 = 293, R_LDST128 = 299,
    R_MOVW_GOTOFF_G1 = 302, R_GOTREL64 = 307, R_GOT_LD_PREL19 = 309, R_LD64_GOTOFF_LO15 = 310,
    R_ADR_GOT_PAGE = 311, R_LD64_GOT_LO12_NC = 312, R_LD64_GOTPAGE_LO15 = 313, R_PLT32 = 314,
    R_GOTPCREL32 = 315, R_TLSLE_ADD_TPREL_HI12 = 549, R_TLSDESC_CALL = 569, R_COPY = 1024,
    R_GLOB_DAT = 1025, R_JUMP_SLOT = 1026, R_RELATIVE = 1027, R_TLS_TPREL = 1030,
};

/* Instructions the fields apply to, with every immediate bit clear. */
#define I_ADRP 0x90000000u     /* adrp x0, 0 */
#define I_ADR 0x10000000u      /* adr x0, 0 */
#define I_ADD 0x91000000u      /* add x0, x0, #0 */
#define I_LDRB 0x39400000u     /* ldrb w0, [x0] */
#define I_LDRH 0x79400000u
#define I_LDRW 0xb9400000u
#define I_LDRX 0xf9400000u
#define I_LDRQ 0x3dc00000u
#define I_LDRLIT 0x58000000u   /* ldr x0, . */
#define I_TBZ 0x36000000u
#define I_BEQ 0x54000000u
#define I_CBZ 0xb4000000u
#define I_B 0x14000000u
#define I_BL 0x94000000u
#define I_MOVZ 0xd2800000u     /* movz x0, #0 */
#define I_MOVK 0xf2800000u
#define I_MOVN 0x92800000u
#define I_NOP 0xd503201fu

/* ---- independent decoders: what the CPU reads out of each field ----------------------------- */

static int64_t sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}
static int64_t adr_imm(uint32_t i)
{
    return sext((((i >> 5) & 0x7ffff) << 2) | ((i >> 29) & 3), 21);
}
static uint64_t adrp_target(uint32_t i, uint64_t P)
{
    return (P & ~0xfffull) + (uint64_t)(adr_imm(i) * 4096);
}
static unsigned imm12(uint32_t i)
{
    return (i >> 10) & 0xfff;
}
static int64_t imm19(uint32_t i)
{
    return sext((i >> 5) & 0x7ffff, 19) * 4;
}
static int64_t imm14(uint32_t i)
{
    return sext((i >> 5) & 0x3fff, 14) * 4;
}
static int64_t imm26(uint32_t i)
{
    return sext(i & 0x3ffffff, 26) * 4;
}
static unsigned imm16(uint32_t i)
{
    return (i >> 5) & 0xffff;
}
static unsigned movw_opc(uint32_t i)
{
    return (i >> 29) & 3;   /* 0 MOVN, 2 MOVZ, 3 MOVK */
}

/* Applies one relocation to a field holding insn (or zero data): the field afterwards. */
static uint64_t apply(uint32_t type, uint32_t insn, uint64_t S, uint64_t P, uint64_t G, uint64_t A, int *rc)
{
    struct dkm_load l;
    memset(&l, 0, sizeof l);
    l.got_addr = 0x500000;
    uint8_t buf[16];
    memset(buf, 0xaa, sizeof buf);
    const unsigned size = dkm_arch_host.howto[type].size;
    if (dkm_arch_host.howto[type].field)
        memcpy(buf + 4, &insn, 4);
    else
        memset(buf + 4, 0, size);
    dkm_addr_t v;
    *rc = dkm_apply_one(&l, buf + 4, type, S, P, G, 0x40000000, A, true, &v);
    uint64_t out = 0;
    memcpy(&out, buf + 4, size);
    assert_int_equal(buf[3], 0xaa);
    assert_int_equal(buf[4 + size], 0xaa);
    if (*rc)   /* a refused field is left as it was */
        assert_int_equal(out, dkm_arch_host.howto[type].field ? insn : 0);
    return out;
}

static void data_fields(void **state)
{
    (void)state;
    int rc;
    const uint64_t S = 0x7f0012345678ull, P = 0x7f0012340000ull;
    assert_int_equal(apply(R_ABS64, 0, S, P, 0, 8, &rc), S + 8);
    assert_int_equal(apply(R_PREL64, 0, S, 0x1000, 0, 0, &rc), S - 0x1000);
    assert_int_equal(apply(R_PREL32, 0, S, P, 0, 4, &rc), S + 4 - P);
    assert_int_equal(apply(R_ABS32, 0, 0xfffffff0, 0, 0, 0xf, &rc), 0xffffffff);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(apply(R_GOTREL64, 0, S, 0, 0, 2, &rc), S + 2 - 0x500000);
    assert_int_equal(apply(R_GOTPCREL32, 0, 0, 0x400000, 0x500010, 0, &rc), 0x100010);
    assert_int_equal(apply(R_PLT32, 0, 0x400100, 0x400000, 0, 0, &rc), 0x100);
    assert_int_equal(apply(R_RELATIVE, 0, 0, 0, 0, 0x10, &rc), 0x40000010);
    assert_int_equal(apply(R_GLOB_DAT, 0, S, 0, 0, 5, &rc), S);
    assert_int_equal(apply(R_JUMP_SLOT, 0, S, 0, 0, 5, &rc), S);
    /* 16- and 32-bit fields take -2^(n-1) <= X < 2^n */
    apply(R_ABS32, 0, 0x100000000ull, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_ABS32, 0, 0, 0, 0, (uint64_t)-0x80000000ll, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_ABS32, 0, 0, 0, 0, (uint64_t)-0x80000001ll, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_ABS16, 0, 0xffff, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_ABS16, 0, 0x10000, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_PREL16, 0, 0x10, 0x10 + 0x8001, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_PREL32, 0, 0x1000, 0x1000 + 0x80000001ull, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
}

static void page_and_low12_fields(void **state)
{
    (void)state;
    int rc;
    const uint64_t S = 0x12345678ull, P = 0x400ffc;
    uint32_t i = (uint32_t)apply(R_ADR_PREL_PG_HI21, I_ADRP | 3, S, P, 0, 0x10, &rc);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(i & 0x9f00001fu, I_ADRP | 3);   /* opcode and register kept */
    assert_int_equal(adrp_target(i, P), (S + 0x10) & ~0xfffull);
    /* backwards, and at the edge of ±4 GiB */
    i = (uint32_t)apply(R_ADR_PREL_PG_HI21, I_ADRP, 0x1000, 0x100000fff, 0, 0, &rc);
    assert_int_equal(adrp_target(i, 0x100000fff), 0x1000);
    apply(R_ADR_PREL_PG_HI21, I_ADRP, 0x100001000ull + 0x100000000ull, 0x1000, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_ADR_PREL_PG_HI21_NC, I_ADRP, 0x100001000ull + 0x100000000ull, 0x1000, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    i = (uint32_t)apply(R_ADR_PREL_LO21, I_ADR, 0x400000 - 0x100000, 0x400000, 0, 0, &rc);
    assert_int_equal(adr_imm(i), -0x100000);
    apply(R_ADR_PREL_LO21, I_ADR, 0x400000 + 0x100000, 0x400000, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    i = (uint32_t)apply(R_ADD_ABS_LO12_NC, I_ADD, S, 0, 0, 1, &rc);
    assert_int_equal(imm12(i), (S + 1) & 0xfff);
    /* load/store offsets are scaled by the access size and must be aligned to it */
    const struct { uint32_t type, insn; unsigned scale; } ldst[] = {
        {R_LDST8, I_LDRB, 0}, {R_LDST16, I_LDRH, 1}, {R_LDST32, I_LDRW, 2},
        {R_LDST64, I_LDRX, 3}, {R_LDST128, I_LDRQ, 4},
    };
    for (unsigned k = 0; k < sizeof ldst / sizeof ldst[0]; k++) {
        i = (uint32_t)apply(ldst[k].type, ldst[k].insn, 0x7ff0, 0, 0, 0, &rc);
        assert_int_equal(rc, DKM_OK);
        assert_int_equal(imm12(i) << ldst[k].scale, 0xff0);
        if (ldst[k].scale) {
            apply(ldst[k].type, ldst[k].insn, 0x7ff0 + (1u << (ldst[k].scale - 1)), 0, 0, 0, &rc);
            assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
        }
    }
}

static void branch_fields(void **state)
{
    (void)state;
    int rc;
    const uint64_t P = 0x10000000;
    uint32_t i = (uint32_t)apply(R_CALL26, I_BL, P - 0x8000000, P, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(i & 0xfc000000u, I_BL);
    assert_int_equal(imm26(i), -0x8000000);
    i = (uint32_t)apply(R_JUMP26, I_B, P + 0x7fffffc, P, 0, 0, &rc);
    assert_int_equal(imm26(i), 0x7fffffc);
    apply(R_JUMP26, I_B, P + 0x8000000, P, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_CALL26, I_BL, P + 2, P, 0, 0, &rc);        /* not a multiple of 4 */
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    i = (uint32_t)apply(R_CONDBR19, I_BEQ, P - 0x100000, P, 0, 0, &rc);
    assert_int_equal(imm19(i), -0x100000);
    assert_int_equal(i & 0x1f, 0);                      /* condition kept */
    i = (uint32_t)apply(R_CONDBR19, I_CBZ | 7, P + 0xffffc, P, 0, 0, &rc);
    assert_int_equal(imm19(i), 0xffffc);
    assert_int_equal(i & 0x1f, 7);
    apply(R_CONDBR19, I_BEQ, P + 0x100000, P, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    i = (uint32_t)apply(R_LD_PREL_LO19, I_LDRLIT, P + 0x40, P, 0, 0, &rc);
    assert_int_equal(imm19(i), 0x40);
    i = (uint32_t)apply(R_TSTBR14, I_TBZ | (5u << 19), P - 0x8000, P, 0, 0, &rc);
    assert_int_equal(imm14(i), -0x8000);
    assert_int_equal((i >> 19) & 0x1f, 5);              /* bit number kept */
    apply(R_TSTBR14, I_TBZ, P + 0x8000, P, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
}

static void movw_fields(void **state)
{
    (void)state;
    int rc;
    const uint64_t S = 0x123456789abcdef0ull;
    assert_int_equal(imm16((uint32_t)apply(R_MOVW_UABS_G3, I_MOVZ, S, 0, 0, 0, &rc)), 0x1234);
    assert_int_equal(imm16((uint32_t)apply(R_MOVW_UABS_G0_NC, I_MOVK, S, 0, 0, 0, &rc)), 0xdef0);
    assert_int_equal(rc, DKM_OK);
    /* checked groups: UABS_Gn fails when X >= 2^(16(n+1)) */
    apply(R_MOVW_UABS_G0, I_MOVZ, 0x10000, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    assert_int_equal(imm16((uint32_t)apply(R_MOVW_UABS_G1, I_MOVZ, 0xffff0000, 0, 0, 0, &rc)), 0xffff);
    assert_int_equal(rc, DKM_OK);
    apply(R_MOVW_UABS_G1, I_MOVZ, 0x100000000ull, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_MOVW_UABS_G2, I_MOVZ, 0x1000000000000ull, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    /* signed groups pick MOVZ for X >= 0 and MOVN (inverted) for X < 0 */
    uint32_t i = (uint32_t)apply(R_MOVW_SABS_G0, I_MOVK, 0, 0, 0, (uint64_t)-5, &rc);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(movw_opc(i), 0);
    assert_int_equal(imm16(i), 4);                      /* MOVN #4 is -5 */
    i = (uint32_t)apply(R_MOVW_SABS_G0, I_MOVN, 0x1234, 0, 0, 0, &rc);
    assert_int_equal(movw_opc(i), 2);
    assert_int_equal(imm16(i), 0x1234);
    apply(R_MOVW_SABS_G0, I_MOVZ, 0x10000, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_MOVW_SABS_G0, I_MOVZ, 0, 0, 0, (uint64_t)-0x10001, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    i = (uint32_t)apply(R_MOVW_SABS_G1, I_MOVZ, 0, 0, 0, (uint64_t)-0x20000, &rc);
    assert_int_equal(movw_opc(i), 0);
    assert_int_equal(imm16(i), 1);                      /* ~(-0x20000) >> 16 */
    /* PC-relative groups: S + A - P */
    i = (uint32_t)apply(R_MOVW_PREL_G0, I_MOVZ, 0x1000, 0x1010, 0, 0, &rc);
    assert_int_equal(movw_opc(i), 0);
    assert_int_equal(imm16(i), 0xf);
    i = (uint32_t)apply(R_MOVW_PREL_G1_NC, I_MOVK, 0x12340000, 0x10000, 0, 0, &rc);
    assert_int_equal(movw_opc(i), 3);
    assert_int_equal(imm16(i), 0x1233);
    i = (uint32_t)apply(R_MOVW_PREL_G3, I_MOVZ, 0, 0x10000, 0, 0, &rc);
    assert_int_equal(movw_opc(i), 0);
    assert_int_equal(imm16(i), 0);
    i = (uint32_t)apply(R_MOVW_GOTOFF_G1, I_MOVZ, 0, 0, 0x520000, 0, &rc);
    assert_int_equal(imm16(i), 0x2);                    /* G - GOT = 0x20000 */
}

static void got_fields(void **state)
{
    (void)state;
    int rc;
    const uint64_t GOT = 0x500000, G = 0x500ff8, P = 0x401234;
    uint32_t i = (uint32_t)apply(R_ADR_GOT_PAGE, I_ADRP, 0x7f0000000000ull, P, G, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(adrp_target(i, P), G & ~0xfffull);
    i = (uint32_t)apply(R_LD64_GOT_LO12_NC, I_LDRX, 0x7f0000000000ull, P, G, 0, &rc);
    assert_int_equal(imm12(i) * 8, G & 0xfff);
    i = (uint32_t)apply(R_GOT_LD_PREL19, I_LDRLIT, 0, 0x500000 - 0x80, G, 0, &rc);
    assert_int_equal(imm19(i), G - (0x500000 - 0x80));
    i = (uint32_t)apply(R_LD64_GOTPAGE_LO15, I_LDRX, 0, P, GOT + 0x7ff8, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(imm12(i) * 8, 0x7ff8);
    apply(R_LD64_GOTPAGE_LO15, I_LDRX, 0, P, GOT + 0x8000, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    i = (uint32_t)apply(R_LD64_GOTOFF_LO15, I_LDRX, 0, P, GOT + 0x18, 0, &rc);
    assert_int_equal(imm12(i) * 8, 0x18);
}

static void wrong_instruction_is_refused(void **state)
{
    (void)state;
    int rc;
    const uint32_t types[] = {R_ADR_PREL_PG_HI21, R_ADR_PREL_LO21, R_ADD_ABS_LO12_NC, R_LDST64,
                              R_CALL26, R_CONDBR19, R_TSTBR14, R_LD_PREL_LO19, R_MOVW_UABS_G0_NC};
    for (unsigned k = 0; k < sizeof types / sizeof types[0]; k++) {
        apply(types[k], I_NOP, 0x1000, 0x1000, 0, 0, &rc);
        assert_int_equal(rc, DKM_E_RELOC_TYPE);
    }
    /* an ADRP is not an ADR, a B is not a B.cond */
    apply(R_ADR_PREL_LO21, I_ADRP, 0x1000, 0x1000, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_TYPE);
    apply(R_CONDBR19, I_B, 0x1000, 0x1000, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_TYPE);
}

static void veneer_jumps_to_its_target(void **state)
{
    (void)state;
    uint8_t stub[16];
    assert_int_equal(dkm_arch_host.stub_size, 16);
    assert_true(dkm_arch_host.stub_is_canonical);
    dkm_arch_host.stub_write(stub, 0x7f1122334455ull);
    uint32_t ldr, br;
    uint64_t target;
    memcpy(&ldr, stub, 4);
    memcpy(&br, stub + 4, 4);
    memcpy(&target, stub + 8, 8);
    /* ldr x16, .+8 then br x16: the literal right after the two instructions */
    assert_int_equal(ldr & 0xff00001fu, 0x58000010u);
    assert_int_equal(imm19(ldr), 8);
    assert_int_equal(br, 0xd61f0200u);
    assert_int_equal(target, 0x7f1122334455ull);
}

static void table_is_consistent(void **state)
{
    (void)state;
    const struct dkm_arch *a = &dkm_arch_host;
    assert_int_equal(a->machine, EM_AARCH64);
    assert_int_equal(a->rel_sht, SHT_RELA);
    unsigned handled = 0;
    for (uint32_t t = 0; t < a->nhowto; t++) {
        const struct dkm_reloc_howto *h = &a->howto[t];
        if (h->kind == DKM_RK_INVALID)
            continue;
        handled++;
        assert_true(h->kind == DKM_RK_NONE || h->size == 2 || h->size == 4 || h->size == 8);
        assert_true(!h->field || h->size == 4);
        assert_string_not_equal(a->reloc_name(t), "unknown");
        assert_non_null(strstr(a->reloc_name(t), "R_AARCH64_"));
    }
    assert_int_equal(handled, 58);
    /* thread-local storage, COPY and IFUNC are refused, and named */
    const uint32_t refused[] = {R_TLSLE_ADD_TPREL_HI12, R_TLSDESC_CALL, R_TLS_TPREL, R_COPY, 1032};
    for (unsigned k = 0; k < sizeof refused / sizeof refused[0]; k++) {
        assert_int_equal(dkm_reloc_check(refused[k], DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
        assert_int_equal(dkm_reloc_check(refused[k], DKM_RF_DYN, 0, 8, 0, 1), DKM_RP_TYPE);
        assert_string_not_equal(a->reloc_name(refused[k]), "unknown");
    }
    assert_non_null(strstr(a->reloc_name(R_TLSLE_ADD_TPREL_HI12), "thread-local storage"));
    assert_string_equal(a->reloc_name(281), "unknown");
    assert_int_equal(dkm_reloc_check(281, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
    /* instruction fields exist only in relocatable modules */
    assert_int_equal(dkm_reloc_check(R_CALL26, DKM_RF_DYN, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_int_equal(dkm_reloc_check(R_ABS64, DKM_RF_DYN, 0, 8, 0, 1), DKM_RP_OK);
}

/* ---- ELF64 images: the real module, loaded, then broken one rule at a time -------------------- */

static Elf64_Shdr *section_of_type(struct image *im, uint32_t type)
{
    Elf64_Ehdr *eh = (Elf64_Ehdr *)im->data;
    Elf64_Shdr *sh = (Elf64_Shdr *)(im->data + eh->e_shoff);
    for (unsigned i = 1; i < eh->e_shnum; i++)
        if (sh[i].sh_type == type && (sh[sh[i].sh_info].sh_flags & SHF_ALLOC))
            return &sh[i];
    fail_msg("no section of type %u", type);
    return NULL;
}

/* The relocation entry of .rela.text that applies at offset off. */
static Elf64_Rela *rela_at(struct image *im, uint64_t off)
{
    Elf64_Shdr *rs = section_of_type(im, SHT_RELA);
    Elf64_Rela *r = (Elf64_Rela *)(im->data + rs->sh_offset);
    for (size_t k = 0; k < rs->sh_size / sizeof *r; k++)
        if (r[k].r_offset == off)
            return &r[k];
    fail_msg("no relocation at offset %#lx", (unsigned long)off);
    return NULL;
}

/* A symbol's value in the file (its section offset). */
static uint64_t file_symbol(struct image *im, const char *name)
{
    Elf64_Ehdr *eh = (Elf64_Ehdr *)im->data;
    Elf64_Shdr *sh = (Elf64_Shdr *)(im->data + eh->e_shoff);
    for (unsigned i = 1; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB)
            continue;
        Elf64_Sym *s = (Elf64_Sym *)(im->data + sh[i].sh_offset);
        const char *str = (const char *)im->data + sh[sh[i].sh_link].sh_offset;
        for (unsigned k = 1; k < sh[i].sh_size / sizeof *s; k++)
            if (!strcmp(str + s[k].st_name, name))
                return s[k].st_value;
    }
    fail_msg("no symbol %s", name);
    return 0;
}

/* Module code runs only where this test runs on AArch64 itself. */
#ifdef LIBDKM_ARCH_TEST_ON_HOST
#define RUN_FLAGS DKM_LOAD_NO_RUN
#else
#define RUN_FLAGS 0u
#endif

struct loaded {
    struct port_linux p;
    struct dkm_loader *ld;
    struct dkm_module *m;
};

static int load_flags(struct loaded *L, struct image *im, unsigned flags, char *msg, size_t msgsize)
{
    port_linux_init(&L->p, PORT_LINUX_QUIET | PORT_LINUX_CATCH | PORT_LINUX_LIBC);
    assert_int_equal(dkm_loader_create(&L->p.port, NULL, &L->ld), DKM_OK);
    struct dkm_load_opts o = {"mod", NULL, flags};
    struct dkm_error e;
    memset(&e, 0, sizeof e);
    L->m = NULL;
    int rc = dkm_load_image(L->ld, im->data, im->size, &o, &L->m, &e);
    snprintf(msg, msgsize, "%s", e.msg);
    return rc;
}

static void unload_all(struct loaded *L, unsigned flags)
{
    if (L->m)
        assert_int_equal(dkm_unload(L->ld, L->m, flags, NULL), DKM_OK);
    struct dkm_stats st;
    dkm_stats(L->ld, &st);
    /* nothing of a load, failed or not, stays behind */
    assert_int_equal(st.region_bytes, 0);
    dkm_loader_destroy(L->ld);
    port_linux_fini(&L->p);
}

static int load(struct image *im, char *msg, size_t msgsize)
{
    struct loaded L;
    int rc = load_flags(&L, im, RUN_FLAGS, msg, msgsize);
    unload_all(&L, RUN_FLAGS ? DKM_UNLOAD_NO_RUN : 0);
    return rc;
}

static void real_module_loads_and_runs(void **state)
{
    (void)state;
    struct image im = read_module();
    char msg[DKM_ERRMSG_MAX];
    assert_int_equal(load(&im, msg, sizeof msg), DKM_OK);
    free(im.data);
}

static uint32_t insn_at(uintptr_t a)
{
    uint32_t i;
    memcpy(&i, (const void *)a, 4);
    return i;
}

/* Every labelled site of mod_aarch64.c, relocated by the loader, forms the address it names. */
static void relocated_sites_form_their_addresses(void **state)
{
    (void)state;
    struct image im = read_module();
    char msg[DKM_ERRMSG_MAX];
    struct loaded L;
    int rc = load_flags(&L, &im, DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS, msg, sizeof msg);
    if (rc)
        fail_msg("%s", msg);
    uintptr_t data, near, counter;
    assert_int_equal(dkm_module_symbol(L.m, "reloc_data", &data), 0);
    assert_int_equal(dkm_module_symbol(L.m, "reloc_near", &near), 0);
    assert_int_equal(dkm_module_symbol(L.m, "counter", &counter), 0);
#define SITE(name) ({ uintptr_t a_; assert_int_equal(dkm_module_symbol(L.m, "site_" #name, &a_), 0); a_; })
    uintptr_t p = SITE(adrp);
    uint64_t page = adrp_target(insn_at(p), p);
    assert_int_equal(page, (data + 16) & ~0xfffull);
    assert_int_equal(page + imm12(insn_at(SITE(add))), data + 16);
    assert_int_equal(imm12(insn_at(SITE(ldst8))), (data + 3) & 0xfff);
    assert_int_equal(imm12(insn_at(SITE(ldst16))) * 2, (data + 6) & 0xfff);
    assert_int_equal(imm12(insn_at(SITE(ldst32))) * 4, (data + 12) & 0xfff);
    assert_int_equal(imm12(insn_at(SITE(ldst64))) * 8, (data + 8) & 0xfff);
    assert_int_equal(imm12(insn_at(SITE(ldst128))) * 16, (data + 16) & 0xfff);
    p = SITE(adr);
    assert_int_equal(p + adr_imm(insn_at(p)), near + 1);
    p = SITE(ldlit);
    assert_int_equal(p + imm19(insn_at(p)), near);
    p = SITE(tbz);
    assert_int_equal(p + imm14(insn_at(p)), near);
    p = SITE(bcond);
    assert_int_equal(p + imm19(insn_at(p)), near);
    p = SITE(cbz);
    assert_int_equal(p + imm19(insn_at(p)), near);
    p = SITE(bl);
    assert_int_equal(p + imm26(insn_at(p)), near);
    p = SITE(b);
    assert_int_equal(p + imm26(insn_at(p)), near);
    /* a call to the C library goes through a veneer in the module holding puts' address */
    p = SITE(bl_import);
    uintptr_t veneer = p + imm26(insn_at(p));
    assert_int_equal(insn_at(veneer + 4), 0xd61f0200u);
    uint64_t target;
    memcpy(&target, (const void *)(veneer + 8), 8);
    assert_int_equal(target, port_linux_resolved_addr(&L.p, "puts"));
    uint64_t mov = (uint64_t)imm16(insn_at(SITE(movw_g3))) << 48 |
                   (uint64_t)imm16(insn_at(SITE(movw_g2))) << 32 |
                   (uint64_t)imm16(insn_at(SITE(movw_g1))) << 16 | imm16(insn_at(SITE(movw_g0)));
    assert_int_equal(mov, data + 8);
    assert_int_equal(movw_opc(insn_at(SITE(movw_g3))), 2);
    assert_int_equal(movw_opc(insn_at(SITE(movw_g0))), 3);
    p = SITE(prel_g1);
    int64_t d1 = (int64_t)(data - p);
    assert_int_equal(movw_opc(insn_at(p)), d1 < 0 ? 0 : 2);
    assert_int_equal(imm16(insn_at(p)), ((uint64_t)(d1 < 0 ? ~d1 : d1) >> 16) & 0xffff);
    p = SITE(prel_g0);
    assert_int_equal(imm16(insn_at(p)), (data - p) & 0xffff);
    /* the GOT slot of counter, reached two ways, holds counter's address */
    p = SITE(got_page);
    uint64_t slot = adrp_target(insn_at(p), p) + imm12(insn_at(SITE(got_lo12))) * 8;
    uint64_t in_slot;
    memcpy(&in_slot, (const void *)(uintptr_t)slot, 8);
    assert_int_equal(in_slot, counter);
    assert_int_equal(imm12(insn_at(SITE(gotpage_lo15))) * 8, slot & 0xfff);   /* one slot: GOT == slot */
    uint64_t word;
    memcpy(&word, (const void *)SITE(abs64), 8);
    assert_int_equal(word, data + 4);
    p = SITE(prel64);
    memcpy(&word, (const void *)p, 8);
    assert_int_equal(word, data - p);
    p = SITE(prel32);
    int32_t w32;
    memcpy(&w32, (const void *)p, 4);
    assert_int_equal((int64_t)w32, (int64_t)(data - p));
#undef SITE
    unload_all(&L, DKM_UNLOAD_NO_RUN);
    free(im.data);
}

static void elf32_class_and_machine_are_refused(void **state)
{
    (void)state;
    struct image im = read_module();
    im.data[EI_CLASS] = ELFCLASS32;
    char msg[DKM_ERRMSG_MAX];
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_BAD_CLASS);
    assert_non_null(strstr(msg, "ELF class 1 is not ELFCLASS64 (2), which aarch64 modules use"));
    free(im.data);
    im = read_module();
    ((Elf64_Ehdr *)im.data)->e_machine = EM_X86_64;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_BAD_MACHINE);
    assert_non_null(strstr(msg, "e_machine 62 is not aarch64 (183)"));
    free(im.data);
}

static void unknown_and_tls_types_are_refused_naming_arch(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    Elf64_Rela *r = rela_at(&im, file_symbol(&im, "site_adrp"));
    r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), 250);
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_TYPE);
    assert_non_null(strstr(msg, "aarch64 relocation type 250 (unknown) is not supported"));
    free(im.data);
    im = read_module();
    r = rela_at(&im, file_symbol(&im, "site_add"));
    r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), R_TLSLE_ADD_TPREL_HI12);
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_TYPE);
    assert_non_null(strstr(msg, "aarch64 relocation type 549 (R_AARCH64_TLS* (thread-local storage)) is not supported"));
    free(im.data);
}

static void field_must_hold_its_instruction(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    /* the CALL26 site becomes an ADRP: the branch field is not there */
    Elf64_Shdr *rs = section_of_type(&im, SHT_RELA);
    Elf64_Shdr *text = &((Elf64_Shdr *)(im.data + ((Elf64_Ehdr *)im.data)->e_shoff))[rs->sh_info];
    uint32_t adrp = I_ADRP;
    memcpy(im.data + text->sh_offset + file_symbol(&im, "site_bl"), &adrp, 4);
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_TYPE);
    assert_non_null(strstr(msg, "R_AARCH64_CALL26 against 'reloc_near'"));
    assert_non_null(strstr(msg, "is not the instruction this type applies to"));
    free(im.data);
    /* a GOT reference with an addend names a slot for S + A, which a module does not have */
    im = read_module();
    rela_at(&im, file_symbol(&im, "site_got_page"))->r_addend = 8;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_TYPE);
    assert_non_null(strstr(msg, "R_AARCH64_ADR_GOT_PAGE against 'counter'): a GOT entry for the symbol plus addend 0x8 is not supported"));
    free(im.data);
    /* an ADR whose target is 2 MiB away is out of the instruction's reach */
    im = read_module();
    rela_at(&im, file_symbol(&im, "site_adr"))->r_addend = 0x200000;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_OVERFLOW);
    assert_non_null(strstr(msg, "R_AARCH64_ADR_PREL_LO21 against 'reloc_near'"));
    assert_non_null(strstr(msg, "out of the instruction's reach"));
    free(im.data);
}

static void rela_entsize_bounds_and_rel(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    section_of_type(&im, SHT_RELA)->sh_entsize = 16;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_ENTSIZE);
    assert_non_null(strstr(msg, "relocations are 24 bytes"));
    free(im.data);

    im = read_module();
    Elf64_Shdr *rs = section_of_type(&im, SHT_RELA);
    Elf64_Rela *r = (Elf64_Rela *)(im.data + rs->sh_offset);
    Elf64_Shdr *sh = (Elf64_Shdr *)(im.data + ((Elf64_Ehdr *)im.data)->e_shoff);
    r[0].r_offset = sh[rs->sh_info].sh_size - 2;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_OFFSET);
    assert_non_null(strstr(msg, "overruns"));
    free(im.data);

    im = read_module();
    section_of_type(&im, SHT_RELA)->sh_offset += 4;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_TABLE_ALIGN);
    assert_non_null(strstr(msg, "is not 8-byte aligned"));
    free(im.data);

    im = read_module();
    ((Elf64_Ehdr *)im.data)->e_shoff = 0xfffffffffffff000ull;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_SHDR_BOUNDS);
    free(im.data);

    im = read_module();
    section_of_type(&im, SHT_RELA)->sh_type = SHT_REL;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_SECTION_TYPE);
    assert_non_null(strstr(msg, "SHT_REL is not used by aarch64 modules"));
    free(im.data);
}

#define IMAGE_TESTS                                                  \
    cmocka_unit_test(real_module_loads_and_runs),                    \
    cmocka_unit_test(relocated_sites_form_their_addresses),          \
    cmocka_unit_test(elf32_class_and_machine_are_refused),           \
    cmocka_unit_test(unknown_and_tls_types_are_refused_naming_arch), \
    cmocka_unit_test(field_must_hold_its_instruction),               \
    cmocka_unit_test(rela_entsize_bounds_and_rel),

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(data_fields),
        cmocka_unit_test(page_and_low12_fields),
        cmocka_unit_test(branch_fields),
        cmocka_unit_test(movw_fields),
        cmocka_unit_test(got_fields),
        cmocka_unit_test(wrong_instruction_is_refused),
        cmocka_unit_test(veneer_jumps_to_its_target),
        cmocka_unit_test(table_is_consistent),
        IMAGE_TESTS
    };
    return cmocka_run_group_tests_name("libdkm-aarch64", tests, NULL, NULL);
}
