/* test_riscv64.c — riscv64 relocation arithmetic and ELF64 validation, against libdkm built for
 * riscv64's tables: each type's value encoded into a real instruction or datum and read back,
 * overflow per field, instructions of the wrong kind refused, the call stub decoded, a real module
 * relocated (not run) and every labelled field decoded, and malformed images refused by rule. */
#define _GNU_SOURCE
#include <dlfcn.h>
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

enum { R_32 = 1, R_64 = 2, R_RELATIVE = 3, R_COPY = 4, R_JUMP_SLOT = 5, R_BRANCH = 16, R_JAL = 17,
       R_CALL = 18, R_CALL_PLT = 19, R_GOT_HI20 = 20, R_TLS_GOT_HI20 = 21, R_PCREL_HI20 = 23,
       R_PCREL_LO12_I = 24, R_PCREL_LO12_S = 25, R_HI20 = 26, R_LO12_I = 27, R_LO12_S = 28,
       R_TPREL_HI20 = 29, R_ADD8 = 33, R_ADD16 = 34, R_ADD32 = 35, R_ADD64 = 36, R_SUB8 = 37,
       R_SUB16 = 38, R_SUB32 = 39, R_SUB64 = 40, R_GOT32_PCREL = 41, R_ALIGN = 43, R_RVC_BRANCH = 44,
       R_RVC_JUMP = 45, R_RVC_LUI = 46, R_RELAX = 51, R_SUB6 = 52, R_SET6 = 53, R_SET8 = 54,
       R_SET16 = 55, R_SET32 = 56, R_32_PCREL = 57, R_IRELATIVE = 58, R_PLT32 = 59, R_TLSDESC_HI20 = 62 };

/* Instructions with every non-immediate bit set to something, so a relocation that touched them
 * would show. */
#define BEQ_A0_A1 0x00b50063u    /* beq a0, a1, 0 */
#define JAL_RA 0x000000efu       /* jal ra, 0 */
#define AUIPC_RA 0x00000097u     /* auipc ra, 0 */
#define JALR_RA 0x000080e7u      /* jalr ra, 0(ra) */
#define LUI_A0 0x00000537u       /* lui a0, 0 */
#define AUIPC_A0 0x00000517u     /* auipc a0, 0 */
#define ADDI_A0 0x00050513u      /* addi a0, a0, 0 */
#define LD_A0 0x00053503u        /* ld a0, 0(a0) */
#define SW_A1 0x00b52023u        /* sw a1, 0(a0) */
#define FSD_FA0 0x00a53027u      /* fsd fa0, 0(a0) */
#define C_BEQZ_A0 0xc101u        /* c.beqz a0, 0 */
#define C_J 0xa001u              /* c.j 0 */
#define C_LUI_A0 0x6505u         /* c.lui a0, 1 */

static const struct dkm_reloc_howto *howto(uint32_t type)
{
    return &dkm_arch_host.howto[type];
}

/* Applies type to the field at buf + 8 (its instruction words first written there), returns rc;
 * the bytes around the field must stay as they were. */
static int apply_to(uint8_t *buf, uint32_t type, uint64_t S, uint64_t P, uint64_t G, uint64_t A)
{
    struct dkm_load l;
    memset(&l, 0, sizeof l);
    l.got_addr = 0x500000;
    dkm_addr_t v;
    int rc = dkm_apply_one(&l, buf + 8, type, S, P, G, 0x40000000, A, true, &v);
    assert_int_equal(buf[7], 0xaa);
    if (howto(type)->size)
        assert_int_equal(buf[8 + howto(type)->size], 0xaa);
    return rc;
}

static void prepare(uint8_t *buf, uint32_t w0, uint32_t w1, unsigned size)
{
    memset(buf, 0xaa, 32);
    uint8_t words[8];
    memcpy(words, &w0, 4);
    memcpy(words + 4, &w1, 4);
    memcpy(buf + 8, words, size);
}

/* The value the field of type holds after applying S, P, A to instruction w0 (w1). */
static uint64_t encode(uint32_t type, uint32_t w0, uint32_t w1, uint64_t S, uint64_t P, uint64_t A, int *rc)
{
    uint8_t buf[32];
    prepare(buf, w0, w1, howto(type)->size);
    *rc = apply_to(buf, type, S, P, 0x500010, A);
    return dkm_arch_host.field_get(howto(type)->field, buf + 8);
}

static uint32_t word_after(uint32_t type, uint32_t w0, uint32_t w1, uint64_t S, uint64_t P, uint64_t A, unsigned idx)
{
    uint8_t buf[32];
    prepare(buf, w0, w1, howto(type)->size);
    assert_int_equal(apply_to(buf, type, S, P, 0x500010, A), DKM_OK);
    uint32_t w;
    memcpy(&w, buf + 8 + 4 * idx, 4);
    return w;
}

static void instruction_fields_round_trip(void **state)
{
    (void)state;
    int rc;
    const uint64_t P = 0x10000000;
    /* conditional branch ±4 KiB, jal ±1 MiB */
    assert_int_equal(encode(R_BRANCH, BEQ_A0_A1, 0, P + 0xffe, P, 0, &rc), 0xffe);
    assert_int_equal(encode(R_BRANCH, BEQ_A0_A1, 0, P - 0x1000, P, 0, &rc), (uint64_t)-0x1000);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(word_after(R_BRANCH, BEQ_A0_A1, 0, P + 0x802, P, 0, 0) & 0x01fff07fu, BEQ_A0_A1);
    assert_int_equal(encode(R_JAL, JAL_RA, 0, P + 0xabcde, P, 0, &rc), 0xabcde);
    assert_int_equal(encode(R_JAL, JAL_RA, 0, P, P + 0x100000, 0, &rc), (uint64_t)-0x100000);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(word_after(R_JAL, JAL_RA, 0, P + 0xabcde, P, 0, 0) & 0xfffu, JAL_RA);
    /* auipc + jalr: the upper part rounded by the sign of the lower */
    assert_int_equal(encode(R_CALL, AUIPC_RA, JALR_RA, P + 0x12345fff, P, 0, &rc), 0x12345fff);
    assert_int_equal(encode(R_CALL_PLT, AUIPC_RA, JALR_RA, P + 0x800, P, 0, &rc), 0x800);
    assert_int_equal(word_after(R_CALL, AUIPC_RA, JALR_RA, P + 0x800, P, 0, 0), AUIPC_RA | 0x1000);
    assert_int_equal(word_after(R_CALL, AUIPC_RA, JALR_RA, P + 0x800, P, 0, 1), JALR_RA | 0x80000000u);
    assert_int_equal(encode(R_CALL, AUIPC_RA, JALR_RA, P - 0x7654321, P, 0, &rc), (uint64_t)-0x7654321);
    /* absolute (medlow) and PC-relative (medany) pairs: the two halves add up to the value */
    const uint64_t S = 0x12345fffu;
    assert_int_equal(encode(R_HI20, LUI_A0, 0, S, 0, 0, &rc) + encode(R_LO12_I, ADDI_A0, 0, S, 0, 0, &rc), S);
    assert_int_equal(encode(R_HI20, LUI_A0, 0, S, 0, 0, &rc) + encode(R_LO12_S, SW_A1, 0, S, 0, 0, &rc), S);
    assert_int_equal(encode(R_LO12_I, LD_A0, 0, S, 0, 0, &rc), (uint64_t)-1);
    assert_int_equal(encode(R_LO12_S, FSD_FA0, 0, 0x7f5, 0, 0, &rc), 0x7f5);
    assert_int_equal(word_after(R_LO12_S, SW_A1, 0, 0xfff, 0, 0, 0) & 0x01fff07fu, SW_A1);
    assert_int_equal(encode(R_HI20, LUI_A0, 0, 0xffffffff80000000ull, 0, 0, &rc), 0xffffffff80000000ull);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(encode(R_PCREL_HI20, AUIPC_A0, 0, P + 0x1800, P, 0, &rc), 0x2000);
    assert_int_equal(encode(R_GOT_HI20, AUIPC_A0, 0, 0, 0x400000, 0, &rc), 0x100000); /* G - P */
    /* a low part takes the value it is given (the paired high part's) */
    assert_int_equal(encode(R_PCREL_LO12_I, ADDI_A0, 0, 0x1800, 0x9999, 0, &rc), (uint64_t)-0x800);
    assert_int_equal(encode(R_PCREL_LO12_S, SW_A1, 0, 0x17ff, 0x9999, 0, &rc), 0x7ff);
    /* compressed forms */
    assert_int_equal(encode(R_RVC_BRANCH, C_BEQZ_A0, 0, P + 0xfe, P, 0, &rc), 0xfe);
    assert_int_equal(encode(R_RVC_BRANCH, C_BEQZ_A0, 0, P - 0x100, P, 0, &rc), (uint64_t)-0x100);
    assert_int_equal(encode(R_RVC_JUMP, C_J, 0, P + 0x7fe, P, 0, &rc), 0x7fe);
    assert_int_equal(encode(R_RVC_JUMP, C_J, 0, P - 0x556, P, 0, &rc), (uint64_t)-0x556);
    assert_int_equal(encode(R_RVC_LUI, C_LUI_A0, 0, 0x1f000, 0, 0x7ff, &rc), 0x1f000);
    assert_int_equal(encode(R_RVC_LUI, C_LUI_A0, 0, 0xfffffffffffe0000ull, 0, 0, &rc), 0xfffffffffffe0000ull);
    assert_int_equal(rc, DKM_OK);
}

static uint64_t data_after(uint32_t type, uint64_t initial, uint64_t S, uint64_t P, uint64_t A, int *rc)
{
    uint8_t buf[32];
    memset(buf, 0xaa, sizeof buf);
    memcpy(buf + 8, &initial, howto(type)->size);
    *rc = apply_to(buf, type, S, P, 0x500010, A);
    uint64_t out = 0;
    memcpy(&out, buf + 8, howto(type)->size);
    return out;
}

static void data_fields_and_label_arithmetic(void **state)
{
    (void)state;
    int rc;
    const uint64_t S = 0x7f0012345678ull, P = 0x7f0012340000ull;
    assert_int_equal(data_after(R_64, 0, S, P, 8, &rc), S + 8);
    assert_int_equal(data_after(R_32, 0, 0xfffff000u, 0, 0xfff, &rc), 0xffffffffu);
    assert_int_equal(data_after(R_32_PCREL, 0, S, P, 4, &rc), 0x567c);
    assert_int_equal(data_after(R_PLT32, 0, P - 0x10, P, 0, &rc), 0xfffffff0u);
    assert_int_equal(data_after(R_GOT32_PCREL, 0, 0, 0x500000, 0, &rc), 0x10);  /* G - P */
    /* ADD/SUB pairs compute a label difference in place; SET writes; 6-bit forms keep bits 7:6 */
    assert_int_equal(data_after(R_ADD64, 5, S, 0, 1, &rc), S + 6);
    assert_int_equal(data_after(R_SUB64, S + 6, S, 0, 0, &rc), 6);
    assert_int_equal(data_after(R_ADD32, 0x10, 0x1000, 0, 0, &rc), 0x1010);
    assert_int_equal(data_after(R_SUB32, 0x10, 0x20, 0, 0, &rc), 0xfffffff0u);
    assert_int_equal(data_after(R_ADD16, 0xfff0, 0x20, 0, 0, &rc), 0x0010);
    assert_int_equal(data_after(R_SUB16, 0x30, 0x20, 0, 0, &rc), 0x10);
    assert_int_equal(data_after(R_ADD8, 0x01, 0x02, 0, 0, &rc), 0x03);
    assert_int_equal(data_after(R_SUB8, 0x01, 0x02, 0, 0, &rc), 0xff);
    assert_int_equal(data_after(R_SUB6, 0xc5, 0x07, 0, 0, &rc), 0xfe);  /* 0x05 - 7 = 0x3e */
    assert_int_equal(data_after(R_SET6, 0x80, 0x1234567f, 0, 0, &rc), 0xbf);
    assert_int_equal(data_after(R_SET8, 0x80, 0x1234567f, 0, 0, &rc), 0x7f);
    assert_int_equal(data_after(R_SET16, 0, 0x1234567f, 0, 0, &rc), 0x567f);
    assert_int_equal(data_after(R_SET32, 0, S, 0, 0, &rc), 0x12345678u);
    assert_int_equal(rc, DKM_OK);
    /* linked images */
    assert_int_equal(data_after(R_RELATIVE, 0, 0, 0, 0x10, &rc), 0x40000010);
    assert_int_equal(data_after(R_JUMP_SLOT, 0, S, 0, 5, &rc), S);
    /* relaxation hints and alignment padding leave everything alone */
    uint8_t buf[32];
    prepare(buf, ADDI_A0, 0, 4);
    assert_int_equal(apply_to(buf, R_RELAX, 0x1000, 0, 0, 0), DKM_OK);
    assert_int_equal(apply_to(buf, R_ALIGN, 0, 0, 0, 6), DKM_OK);
    assert_int_equal(buf[8], ADDI_A0 & 0xff);
}

static int overflow_of(uint32_t type, uint32_t w0, uint32_t w1, uint64_t S, uint64_t P)
{
    int rc;
    encode(type, w0, w1, S, P, 0, &rc);
    return rc;
}

static void overflow_per_field(void **state)
{
    (void)state;
    const uint64_t P = 0x10000000;
    assert_int_equal(overflow_of(R_BRANCH, BEQ_A0_A1, 0, P + 0x1000, P), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_BRANCH, BEQ_A0_A1, 0, P - 0x1002, P), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_BRANCH, BEQ_A0_A1, 0, P + 3, P), DKM_E_RELOC_OVERFLOW);  /* odd */
    assert_int_equal(overflow_of(R_JAL, JAL_RA, 0, P + 0x100000, P), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_JAL, JAL_RA, 0, P + 0xffffe, P), DKM_OK);
    /* auipc+jalr reach [-2^31 - 2^11, 2^31 - 2^11) */
    assert_int_equal(overflow_of(R_CALL, AUIPC_RA, JALR_RA, P + 0x7ffff7ffu, P), DKM_OK);
    assert_int_equal(overflow_of(R_CALL, AUIPC_RA, JALR_RA, P + 0x7ffff800u, P), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_CALL, AUIPC_RA, JALR_RA, 0x100000000ull, 0x100000000ull + 0x80000800ull), DKM_OK);
    assert_int_equal(overflow_of(R_CALL, AUIPC_RA, JALR_RA, 0x100000000ull, 0x100000000ull + 0x80000801ull),
                     DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_PCREL_HI20, AUIPC_A0, 0, 0x7f0000000000ull, P), DKM_E_RELOC_OVERFLOW);
    /* medlow: absolute addresses in the sign-extended 32-bit range */
    assert_int_equal(overflow_of(R_HI20, LUI_A0, 0, 0x7ffff7ffu, 0), DKM_OK);
    assert_int_equal(overflow_of(R_HI20, LUI_A0, 0, 0x7ffff800u, 0), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_HI20, LUI_A0, 0, 0xffffffff7ffff7ffull, 0), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_RVC_BRANCH, C_BEQZ_A0, 0, P + 0x100, P), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_RVC_JUMP, C_J, 0, P + 0x800, P), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_RVC_JUMP, C_J, 0, P + 1, P), DKM_E_RELOC_OVERFLOW);
    /* c.lui: a non-zero 6-bit signed upper part */
    assert_int_equal(overflow_of(R_RVC_LUI, C_LUI_A0, 0, 0x20000 - 0x800, 0), DKM_E_RELOC_OVERFLOW);
    assert_int_equal(overflow_of(R_RVC_LUI, C_LUI_A0, 0, 0x7ff, 0), DKM_E_RELOC_OVERFLOW);
    int rc;
    assert_int_equal(data_after(R_32_PCREL, 0, 0x80000000ull + 0x10, 0x10, 0, &rc), 0);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    data_after(R_32, 0, 0x100000000ull, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
}

static void wrong_instruction_is_refused(void **state)
{
    (void)state;
    const uint64_t P = 0x10000000;
    assert_int_equal(overflow_of(R_HI20, ADDI_A0, 0, 0x1000, 0), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_PCREL_HI20, JAL_RA, 0, P, P), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_BRANCH, JAL_RA, 0, P, P), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_JAL, BEQ_A0_A1, 0, P, P), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_CALL, AUIPC_RA, ADDI_A0, P, P), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_LO12_S, LD_A0, 0, 0x10, 0), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_LO12_I, SW_A1, 0, 0x10, 0), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_RVC_BRANCH, C_J, 0, P, P), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_RVC_JUMP, C_BEQZ_A0, 0, P, P), DKM_E_RELOC_TYPE);
    assert_int_equal(overflow_of(R_RVC_LUI, 0x6105u /* c.addi16sp */, 0, 0x1000, 0), DKM_E_RELOC_TYPE);
}

static void stub_jumps_to_its_target(void **state)
{
    (void)state;
    uint8_t stub[32];
    memset(stub, 0, sizeof stub);
    assert_int_equal(dkm_arch_host.stub_size, 24);
    dkm_arch_host.stub_write(stub, 0x4002830123ull);
    uint32_t w[4];
    memcpy(w, stub, sizeof w);
    assert_int_equal(w[0], 0x00000317u);            /* auipc t1, 0 */
    assert_int_equal(w[1] & 0x7f, 0x03);            /* a load ... */
    assert_int_equal((w[1] >> 12) & 7, 3);          /* ... doubleword (ld) */
    assert_int_equal((w[1] >> 15) & 0x1f, 6);       /* from t1 */
    assert_int_equal((w[1] >> 7) & 0x1f, 6);        /* into t1 */
    assert_int_equal(w[1] >> 20, 16);               /* at the stub + 16 */
    assert_int_equal(w[2], 0x00030067u);            /* jalr x0, 0(t1) */
    uint64_t target;
    memcpy(&target, stub + 16, 8);
    assert_int_equal(target, 0x4002830123ull);
}

static void table_is_consistent(void **state)
{
    (void)state;
    const struct dkm_arch *a = &dkm_arch_host;
    assert_int_equal(a->machine, EM_RISCV);
    assert_int_equal(a->rel_sht, SHT_RELA);
    for (uint32_t t = 0; t < a->nhowto; t++) {
        const struct dkm_reloc_howto *h = &a->howto[t];
        if (h->kind == DKM_RK_INVALID)
            continue;
        assert_true(h->kind == DKM_RK_NONE || h->size == 1 || h->size == 2 || h->size == 4 || h->size == 8);
        assert_string_not_equal(a->reloc_name(t), "unknown");
    }
    /* TLS types, COPY and IRELATIVE are named but refused */
    const uint32_t refused[] = {R_TLS_GOT_HI20, R_TPREL_HI20, R_TLSDESC_HI20, R_COPY, R_IRELATIVE, 6, 11, 32};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        assert_int_equal(dkm_reloc_check(refused[i], DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
        assert_string_not_equal(a->reloc_name(refused[i]), "unknown");
    }
    assert_string_equal(a->reloc_name(R_TPREL_HI20), "R_RISCV_TPREL_HI20");
    assert_int_equal(dkm_reloc_check(200, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_string_equal(a->reloc_name(200), "unknown");
    /* only the dynamic types are allowed in linked images */
    assert_int_equal(dkm_reloc_check(R_RELATIVE, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_int_equal(dkm_reloc_check(R_RELATIVE, DKM_RF_DYN, 0, 8, 0, 1), DKM_RP_OK);
    assert_int_equal(dkm_reloc_check(R_CALL, DKM_RF_DYN, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_true(a->pair_hi(R_PCREL_HI20) && a->pair_hi(R_GOT_HI20) && !a->pair_hi(R_HI20));
}

/* ---- the real module: relocated (never run: it is riscv64 code), then each field decoded ------ */

static Elf64_Shdr *shdrs(struct image *im)
{
    return (Elf64_Shdr *)(im->data + ((Elf64_Ehdr *)im->data)->e_shoff);
}

static Elf64_Shdr *section_of_type(struct image *im, uint32_t type)
{
    Elf64_Shdr *sh = shdrs(im);
    for (unsigned i = 1; i < ((Elf64_Ehdr *)im->data)->e_shnum; i++)
        if (sh[i].sh_type == type && (sh[sh[i].sh_info].sh_flags & SHF_EXECINSTR))
            return &sh[i];
    fail_msg("no section of type %u for code", type);
    return NULL;
}

/* The .rela.text entry of type (the nth one), and the symbol index of a named symbol. */
static Elf64_Rela *rela_of_type(struct image *im, uint32_t type, unsigned nth)
{
    Elf64_Shdr *rs = section_of_type(im, SHT_RELA);
    Elf64_Rela *r = (Elf64_Rela *)(im->data + rs->sh_offset);
    for (size_t k = 0; k < rs->sh_size / sizeof *r; k++)
        if (ELF64_R_TYPE(r[k].r_info) == type && nth-- == 0)
            return &r[k];
    fail_msg("no relocation of type %u", type);
    return NULL;
}

static uint32_t symbol_index(struct image *im, const char *name)
{
    Elf64_Shdr *sh = shdrs(im);
    for (unsigned i = 1; i < ((Elf64_Ehdr *)im->data)->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB)
            continue;
        Elf64_Sym *s = (Elf64_Sym *)(im->data + sh[i].sh_offset);
        const char *str = (const char *)im->data + sh[sh[i].sh_link].sh_offset;
        for (uint32_t k = 1; k < sh[i].sh_size / sizeof *s; k++)
            if (!strcmp(str + s[k].st_name, name))
                return k;
    }
    fail_msg("no symbol %s", name);
    return 0;
}

struct loaded {
    struct port_linux port;
    struct dkm_loader *ld;
    struct dkm_module *mod;
    char msg[DKM_ERRMSG_MAX];
};

static int load_into(struct loaded *x, struct image *im)
{
    port_linux_init(&x->port, PORT_LINUX_QUIET | PORT_LINUX_LIBC);
    assert_int_equal(dkm_loader_create(&x->port.port, NULL, &x->ld), DKM_OK);
    struct dkm_load_opts o = {"mod", NULL, DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS};
    struct dkm_error e;
    memset(&e, 0, sizeof e);
    x->mod = NULL;
    int rc = dkm_load_image(x->ld, im->data, im->size, &o, &x->mod, &e);
    snprintf(x->msg, sizeof x->msg, "%s", e.msg);
    return rc;
}

static void unload_all(struct loaded *x)
{
    if (x->mod)
        assert_int_equal(dkm_unload(x->ld, x->mod, DKM_UNLOAD_NO_RUN, NULL), DKM_OK);
    struct dkm_stats st;
    dkm_stats(x->ld, &st);
    assert_int_equal(st.region_bytes, 0);   /* nothing of a load, failed or not, stays behind */
    dkm_loader_destroy(x->ld);
    port_linux_fini(&x->port);
}

/* Loads the image expecting failure with code; returns the message. */
static const char *load_fails(struct image *im, int code, char *msg, size_t size)
{
    struct loaded x;
    assert_int_equal(load_into(&x, im), code);
    snprintf(msg, size, "%s", x.msg);
    unload_all(&x);
    free(im->data);
    return msg;
}

static uintptr_t sym(const struct loaded *x, const char *name)
{
    uintptr_t a = 0;
    assert_int_equal(dkm_module_symbol(x->mod, name, &a), DKM_OK);
    return a;
}

static uint64_t field(const struct loaded *x, uint32_t type, const char *label)
{
    return dkm_arch_host.field_get(howto(type)->field, (const uint8_t *)sym(x, label));
}

static uint64_t datum(const struct loaded *x, const char *label, unsigned size)
{
    uint64_t v = 0;
    memcpy(&v, (const void *)sym(x, label), size);
    return v;
}

static void real_module_fields_decode(void **state)
{
    (void)state;
    struct image im = read_module();
    struct loaded x;
    assert_int_equal(load_into(&x, &im), DKM_OK);
    const uint64_t counter = sym(&x, "counter"), target = sym(&x, "t_target");
    /* medlow pair, medany pairs (the low parts found their high part through the label) */
    assert_int_equal(field(&x, R_HI20, "t_hi20") + field(&x, R_LO12_I, "t_lo12_i"), counter + 0x7ff);
    assert_int_equal(field(&x, R_HI20, "t_hi20") + field(&x, R_LO12_S, "t_lo12_s"), counter + 0x7ff);
    const uint64_t hi = sym(&x, "t_pcrel_hi") + field(&x, R_PCREL_HI20, "t_pcrel_hi");
    assert_int_equal(hi + field(&x, R_PCREL_LO12_I, "t_pcrel_lo_i"), counter + 0x800);
    assert_int_equal(hi + field(&x, R_PCREL_LO12_S, "t_pcrel_lo_s"), counter + 0x800);
    /* the GOT slot holds the symbol's address */
    const uint64_t slot = sym(&x, "t_got_hi") + field(&x, R_GOT_HI20, "t_got_hi") + field(&x, R_PCREL_LO12_I, "t_got_lo");
    assert_int_equal(*(const uint64_t *)(uintptr_t)slot, counter);
    /* local branches of every form reach their target */
    assert_int_equal(sym(&x, "t_call_near") + field(&x, R_CALL, "t_call_near"), target);
    assert_int_equal(sym(&x, "t_jal") + field(&x, R_JAL, "t_jal"), target);
    assert_int_equal(sym(&x, "t_branch") + field(&x, R_BRANCH, "t_branch"), target);
    assert_int_equal(sym(&x, "t_rvc_branch") + field(&x, R_RVC_BRANCH, "t_rvc_branch"), target);
    assert_int_equal(sym(&x, "t_rvc_jump") + field(&x, R_RVC_JUMP, "t_rvc_jump"), target);
    /* printf is out of reach of module memory (low 2 GiB here): the call goes through a stub */
    const uintptr_t printf_addr = (uintptr_t)dlsym(RTLD_DEFAULT, "printf");
    const uintptr_t stub = sym(&x, "t_call_far") + field(&x, R_CALL_PLT, "t_call_far");
    assert_true(stub - sym(&x, "t_hi20") < 0x100000);  /* in the module's text */
    assert_int_equal(*(const uint32_t *)stub, 0x00000317u);
    assert_int_equal(*(const uint64_t *)(stub + 16), printf_addr);
    /* data */
    assert_int_equal(datum(&x, "d_64", 8), counter + 5);
    assert_int_equal(datum(&x, "d_32", 4), (uint32_t)counter);
    assert_int_equal(datum(&x, "d_diff32", 4), (uint32_t)(counter - sym(&x, "d_diff32")));
    assert_int_equal(datum(&x, "d_32_pcrel", 4), (uint32_t)(counter - sym(&x, "d_32_pcrel")));
    assert_int_equal(datum(&x, "d_add64", 8), target - sym(&x, "t_hi20"));
    assert_int_equal(datum(&x, "d_add32", 4), (uint32_t)(target - sym(&x, "t_hi20")));
    assert_int_equal(datum(&x, "d_add16", 2), (uint16_t)(target - sym(&x, "t_hi20")));
    assert_int_equal(datum(&x, "d_add8", 1), (uint8_t)(target - sym(&x, "t_jal")));
    assert_int_equal(datum(&x, "d_set6", 1), 0xc0 | (target & 0x3f));
    assert_int_equal(datum(&x, "d_sub6", 1), 0xc0 | ((0xff - sym(&x, "t_jal")) & 0x3f));
    assert_int_equal(datum(&x, "d_set8", 1), (uint8_t)target);
    assert_int_equal(datum(&x, "d_set16", 2), (uint16_t)target);
    assert_int_equal(datum(&x, "d_set32", 4), (uint32_t)target);
    unload_all(&x);
    free(im.data);
}

static void elf64_rules_hold(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    im.data[EI_CLASS] = ELFCLASS32;
    assert_non_null(strstr(load_fails(&im, DKM_E_BAD_CLASS, msg, sizeof msg),
                           "ELF class 1 is not ELFCLASS64 (2), which riscv64 modules use"));
    im = read_module();
    ((Elf64_Ehdr *)im.data)->e_machine = EM_X86_64;
    assert_non_null(strstr(load_fails(&im, DKM_E_BAD_MACHINE, msg, sizeof msg), "e_machine 62 is not riscv64 (243)"));
    im = read_module();
    Elf64_Rela *r = rela_of_type(&im, R_HI20, 0);
    r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), 250);
    assert_non_null(strstr(load_fails(&im, DKM_E_RELOC_TYPE, msg, sizeof msg),
                           "riscv64 relocation type 250 (unknown) is not supported"));
    im = read_module();
    r = rela_of_type(&im, R_HI20, 0);
    r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info), R_TPREL_HI20);
    assert_non_null(strstr(load_fails(&im, DKM_E_RELOC_TYPE, msg, sizeof msg),
                           "riscv64 relocation type 29 (R_RISCV_TPREL_HI20) is not supported"));
    im = read_module();
    section_of_type(&im, SHT_RELA)->sh_entsize = 16;
    assert_non_null(strstr(load_fails(&im, DKM_E_ENTSIZE, msg, sizeof msg), "relocations are 24 bytes"));
    im = read_module();
    section_of_type(&im, SHT_RELA)->sh_type = SHT_REL;
    assert_non_null(strstr(load_fails(&im, DKM_E_SECTION_TYPE, msg, sizeof msg), "SHT_REL is not used by riscv64 modules"));
    im = read_module();
    section_of_type(&im, SHT_RELA)->sh_offset += 4;
    assert_non_null(strstr(load_fails(&im, DKM_E_TABLE_ALIGN, msg, sizeof msg), "is not 8-byte aligned"));
    im = read_module();
    r = rela_of_type(&im, R_CALL_PLT, 0);
    r->r_offset = shdrs(&im)[section_of_type(&im, SHT_RELA)->sh_info].sh_size - 4;  /* 8-byte pair */
    assert_non_null(strstr(load_fails(&im, DKM_E_RELOC_OFFSET, msg, sizeof msg), "overruns"));
}

static void pcrel_lo12_needs_its_high_part(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    /* a label with no PCREL_HI20 or GOT_HI20 at it */
    struct image im = read_module();
    Elf64_Rela *r = rela_of_type(&im, R_PCREL_LO12_I, 0);
    r->r_info = ELF64_R_INFO(symbol_index(&im, "t_target"), R_PCREL_LO12_I);
    assert_non_null(strstr(load_fails(&im, DKM_E_RELOC_OFFSET, msg, sizeof msg), "no high-part relocation at offset"));
    /* a label in another section */
    im = read_module();
    r = rela_of_type(&im, R_PCREL_LO12_S, 0);
    r->r_info = ELF64_R_INFO(symbol_index(&im, "counter"), R_PCREL_LO12_S);
    assert_non_null(strstr(load_fails(&im, DKM_E_RELOC_OFFSET, msg, sizeof msg), "the label must be in .text"));
    /* high parts listed after their low parts, out of offset order, are still found */
    im = read_module();
    Elf64_Shdr *rs = section_of_type(&im, SHT_RELA);
    Elf64_Rela *all = (Elf64_Rela *)(im.data + rs->sh_offset);
    const size_t n = rs->sh_size / sizeof *all;
    for (size_t k = 0; k < n / 2; k++) {
        Elf64_Rela t = all[k];
        all[k] = all[n - 1 - k];
        all[n - 1 - k] = t;
    }
    struct loaded x;
    assert_int_equal(load_into(&x, &im), DKM_OK);
    const uint64_t hi = sym(&x, "t_pcrel_hi") + field(&x, R_PCREL_HI20, "t_pcrel_hi");
    assert_int_equal(hi + field(&x, R_PCREL_LO12_I, "t_pcrel_lo_i"), sym(&x, "counter") + 0x800);
    unload_all(&x);
    free(im.data);
}

static void instruction_mismatch_in_module_is_refused(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    Elf64_Rela *hi = rela_of_type(&im, R_HI20, 0), *lo = rela_of_type(&im, R_LO12_I, 0);
    hi->r_offset = lo->r_offset;   /* a HI20 on the addi */
    assert_non_null(strstr(load_fails(&im, DKM_E_RELOC_TYPE, msg, sizeof msg),
                           "(R_RISCV_HI20 against 'counter'): the field at offset"));
}

/* ---- a linked image: ET_DYN with DT_RELA --------------------------------------------------- */

static void linked_image_dynamic_relocations(void **state)
{
    (void)state;
    struct image im = read_image("LIBDKM_ARCH_DYN");
    Elf64_Ehdr *eh = (Elf64_Ehdr *)im.data;
    assert_int_equal(eh->e_type, ET_DYN);
    struct loaded x;
    assert_int_equal(load_into(&x, &im), DKM_OK);
    const uintptr_t printf_addr = (uintptr_t)dlsym(RTLD_DEFAULT, "printf");
    /* R_RISCV_64 against a symbol, R_RISCV_RELATIVE, R_RISCV_64 against an import */
    assert_int_equal(datum(&x, "counter_ptr", 8), sym(&x, "counter"));
    assert_int_equal(datum(&x, "hidden_ptr", 8), sym(&x, "hidden"));
    assert_int_equal(datum(&x, "printf_ptr", 8), printf_addr);
    /* the PLT's GOT entry (R_RISCV_JUMP_SLOT) holds printf: found from the file's .rela.plt, at
     * the load bias the symbol counter shows */
    Elf64_Shdr *sh = shdrs(&im);
    const char *shstr = (const char *)im.data + sh[eh->e_shstrndx].sh_offset;
    uintptr_t bias = 0;
    for (unsigned i = 1; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB)
            bias = sym(&x, "counter") - ((Elf64_Sym *)(im.data + sh[i].sh_offset))[symbol_index(&im, "counter")].st_value;
    assert_int_not_equal(bias, 0);
    unsigned slots = 0;
    for (unsigned i = 1; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_RELA || strcmp(shstr + sh[i].sh_name, ".rela.plt"))
            continue;
        const Elf64_Rela *r = (const Elf64_Rela *)(im.data + sh[i].sh_offset);
        for (size_t k = 0; k < sh[i].sh_size / sizeof *r; k++, slots++) {
            assert_int_equal(ELF64_R_TYPE(r[k].r_info), R_JUMP_SLOT);
            assert_int_equal(*(const uint64_t *)(bias + r[k].r_offset), printf_addr);
        }
    }
    assert_int_equal(slots, 1);
    unload_all(&x);
    free(im.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(instruction_fields_round_trip),
        cmocka_unit_test(data_fields_and_label_arithmetic),
        cmocka_unit_test(overflow_per_field),
        cmocka_unit_test(wrong_instruction_is_refused),
        cmocka_unit_test(stub_jumps_to_its_target),
        cmocka_unit_test(table_is_consistent),
        cmocka_unit_test(real_module_fields_decode),
        cmocka_unit_test(elf64_rules_hold),
        cmocka_unit_test(pcrel_lo12_needs_its_high_part),
        cmocka_unit_test(instruction_mismatch_in_module_is_refused),
        cmocka_unit_test(linked_image_dynamic_relocations),
    };
    return cmocka_run_group_tests_name("libdkm-riscv64", tests, NULL, NULL);
}
