/* test_arm.c — 32-bit ARM relocation arithmetic and ELF32 validation, against an i386 build of the
 * ARM libdkm: each type's value encoded into a real ARM or Thumb-2 instruction and read back,
 * interworking (BL becomes BLX and back), overflow per field, the two-entry stub decoded, and a
 * real ARM module loaded (not run) and then broken one rule at a time. */
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
    R_ABS32 = 2, R_REL32 = 3, R_ABS16 = 5, R_ABS8 = 8, R_THM_CALL = 10, R_GLOB_DAT = 21,
    R_JUMP_SLOT = 22, R_RELATIVE = 23, R_GOTOFF32 = 24, R_BASE_PREL = 25, R_GOT_BREL = 26,
    R_PLT32 = 27, R_CALL = 28, R_JUMP24 = 29, R_THM_JUMP24 = 30, R_TARGET1 = 38, R_V4BX = 40,
    R_TARGET2 = 41, R_PREL31 = 42, R_MOVW_ABS_NC = 43, R_MOVT_ABS = 44, R_MOVW_PREL_NC = 45,
    R_MOVT_PREL = 46, R_THM_MOVW_ABS_NC = 47, R_THM_MOVT_ABS = 48, R_THM_MOVW_PREL_NC = 49,
    R_THM_MOVT_PREL = 50, R_THM_JUMP19 = 51, R_GOT_PREL = 96, R_THM_JUMP11 = 102,
    R_THM_JUMP8 = 103, R_TLS_GD32 = 104, R_TLS_LE32 = 108,
};

#define GOT_BASE 0x500000u

/* The one field buffer (word-aligned, with guard bytes): place() and apply_at() agree on where a
 * field at byte offset 4 + misalign (0 or 2) is, so P is the field's real address. */
static uint8_t field_buf[16] __attribute__((aligned(4)));

static uint8_t *field_init(unsigned misalign, uint32_t word, unsigned size)
{
    memset(field_buf, 0xaa, sizeof field_buf);
    uint8_t *where = field_buf + 4 + misalign;
    memcpy(where, &word, size);
    return where;
}

/* Thumb-2 instructions are written as their two halfwords, first first. */
static uint32_t thumb32(uint16_t hw1, uint16_t hw2)
{
    return (uint32_t)hw1 | (uint32_t)hw2 << 16;
}

/* Applies a REL relocation of `type` to the instruction or data word `word` (its implicit addend
 * inside it). P is the field's own address, as in a real load. Returns the new word. */
static uint32_t apply_at(uint32_t type, uint32_t word, unsigned misalign, uint32_t S, uint32_t G, int *rc)
{
    const unsigned size = dkm_arch_host.howto[type].size ? dkm_arch_host.howto[type].size : 4;
    uint8_t *where = field_init(misalign, word, size);
    struct dkm_load l;
    memset(&l, 0, sizeof l);
    l.got_addr = GOT_BASE;
    dkm_addr_t v;
    *rc = dkm_apply_one(&l, where, type, S, (dkm_addr_t)(uintptr_t)where, G, 0x40000000, 0, false, &v);
    uint32_t out = 0;
    memcpy(&out, where, size);
    /* bytes around the field are never touched */
    assert_int_equal(where[-1], 0xaa);
    assert_int_equal(where[size], 0xaa);
    if (*rc != DKM_OK)   /* a refused field is left as it was */
        assert_memory_equal(where, &word, size);
    return out;
}

static uint32_t apply(uint32_t type, uint32_t word, uint32_t S, uint32_t G, int *rc)
{
    return apply_at(type, word, 0, S, G, rc);
}

/* The place of the field apply() uses: S values below are written relative to it. */
static uint32_t place(unsigned misalign)
{
    return (uint32_t)(uintptr_t)(field_buf + 4 + misalign);
}

/* The addend the field holds now (the field's own decoder). */
static int32_t addend_of(uint32_t type, uint32_t word)
{
    return (int32_t)dkm_field_get(&dkm_arch_host.howto[type], (const uint8_t *)&word);
}

static void data_fields(void **state)
{
    (void)state;
    int rc;
    const uint32_t P = place(0), Sarm = 0x12345678, Sthm = 0x12345679;
    assert_int_equal(apply(R_ABS32, 8, Sarm, 0, &rc), Sarm + 8);
    assert_int_equal(rc, DKM_OK);
    /* a Thumb function's address keeps its bit 0 */
    assert_int_equal(apply(R_ABS32, 0, Sthm, 0, &rc), Sthm);
    assert_int_equal(apply(R_TARGET1, 4, Sarm, 0, &rc), Sarm + 4);
    assert_int_equal(apply(R_REL32, (uint32_t)-4, Sarm, 0, &rc), Sarm - 4 - P);
    assert_int_equal(apply(R_ABS16, 2, 0xfffd, 0, &rc), 0xffff);
    assert_int_equal(rc, DKM_OK);
    apply(R_ABS16, 0, 0x10000, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    assert_int_equal(apply(R_ABS16, 0, (uint32_t)-0x8000, 0, &rc), 0x8000);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(apply(R_ABS8, 0, 0xff, 0, &rc), 0xff);
    apply(R_ABS8, 0, 0x100, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    /* GOT-relative: G is the symbol's slot, GOT_BASE the module's GOT */
    const uint32_t G = GOT_BASE + 0x10;
    assert_int_equal(apply(R_GOT_PREL, (uint32_t)-8, 0, G, &rc), G - 8 - P);
    assert_int_equal(apply(R_TARGET2, 0, 0, G, &rc), G - P);
    assert_int_equal(apply(R_GOT_BREL, 0, 0, G, &rc), G - GOT_BASE);
    assert_int_equal(apply(R_BASE_PREL, 4, 0, 0, &rc), GOT_BASE + 4 - P);
    assert_int_equal(apply(R_GOTOFF32, 2, Sarm, 0, &rc), Sarm + 2 - GOT_BASE);
    /* linked images: RELATIVE adds the base to the addend in the field, GLOB_DAT/JUMP_SLOT store S */
    assert_int_equal(apply(R_RELATIVE, 0x10, 0, 0, &rc), 0x40000010);
    assert_int_equal(apply(R_GLOB_DAT, 5, Sarm, 0, &rc), Sarm);
    assert_int_equal(apply(R_JUMP_SLOT, 5, Sthm, 0, &rc), Sthm);
    /* V4BX leaves the BX alone */
    assert_int_equal(apply(R_V4BX, 0xe12fff10, 0, 0, &rc), 0xe12fff10);
}

static void prel31(void **state)
{
    (void)state;
    int rc;
    const uint32_t P = place(0);
    /* bit 31 of the word is not part of the field and is kept */
    uint32_t out = apply(R_PREL31, 0x80000000u, P + 0x1230, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(out, 0x80001230u);
    out = apply(R_PREL31, 0x7ffffffcu, P, 0, &rc);   /* addend -4, sign-extended from 31 bits */
    assert_int_equal(out, 0x7ffffffcu);
    assert_int_equal(addend_of(R_PREL31, 0x7ffffffcu), -4);
    apply(R_PREL31, 0, P + 0x40000000u, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_PREL31, 0, P - 0x40000000u, 0, &rc);
    assert_int_equal(rc, DKM_OK);
}

/* ARM B/BL/BLX: "bl ." with the -8 PC bias as the addend is ebfffffe. */
static void arm_branches(void **state)
{
    (void)state;
    int rc;
    const uint32_t P = place(0);
    assert_int_equal(addend_of(R_CALL, 0xebfffffe), -8);
    /* ARM to ARM: BL stays BL */
    assert_int_equal(apply(R_CALL, 0xebfffffe, P + 0x10008, 0, &rc), 0xeb004000);
    assert_int_equal(rc, DKM_OK);
    /* ARM to Thumb: BL becomes BLX, bit 1 of the offset in H (bit 24) */
    assert_int_equal(apply(R_CALL, 0xebfffffe, P + 0x10009, 0, &rc), 0xfa004000);
    assert_int_equal(apply(R_CALL, 0xebfffffe, P + 0x1000b, 0, &rc), 0xfb004000);
    assert_int_equal(addend_of(R_CALL, 0xfb004000), 0x10002);
    /* a BLX whose target is ARM becomes BL again */
    assert_int_equal(apply(R_CALL, 0xfafffffe, P + 0x10008, 0, &rc), 0xeb004000);
    /* B and conditional BL keep their condition; they cannot switch to Thumb */
    assert_int_equal(apply(R_JUMP24, 0xeafffffe, P - 0x100, 0, &rc), 0xeaffffbe);
    assert_int_equal(apply(R_JUMP24, 0x1bfffffe, P + 0x10008, 0, &rc), 0x1b004000);
    apply(R_JUMP24, 0xeafffffe, P + 0x10009, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_CALL, 0x0bfffffe, P + 0x10009, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    assert_int_equal(apply(R_PLT32, 0xebfffffe, P + 0x10008, 0, &rc), 0xeb004000);
    /* reach: ±32 MiB from P + 8 */
    apply(R_CALL, 0xebfffffe, P + 8 + 0x1fffffc, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_CALL, 0xebfffffe, P + 8 + 0x2000000, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_CALL, 0xebfffffe, P + 8 - 0x2000000, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_CALL, 0xebfffffe, P + 8 - 0x2000004, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_CALL, 0xebfffffe, P + 8 + 0x1fffffd, 0, &rc);   /* BLX reaches as far */
    assert_int_equal(rc, DKM_OK);
    /* not a branch */
    apply(R_CALL, 0xe3000000, P, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_TYPE);
}

/* Thumb-2 BL/BLX/B.W: "bl ." with the -4 bias is f7ff fffe. */
static void thumb_branches(void **state)
{
    (void)state;
    int rc;
    const uint32_t bl = thumb32(0xf7ff, 0xfffe), bw = thumb32(0xf7ff, 0xbffe);
    assert_int_equal(addend_of(R_THM_CALL, bl), -4);
    assert_int_equal(addend_of(R_THM_JUMP24, bw), -4);
    for (unsigned mis = 0; mis <= 2; mis += 2) {
        const uint32_t P = place(mis);
        /* Thumb to Thumb: BL, offset 0x10000 from P + 4 */
        assert_int_equal(apply_at(R_THM_CALL, bl, mis, P + 0x10005, 0, &rc), thumb32(0xf010, 0xf800));
        assert_int_equal(rc, DKM_OK);
        assert_int_equal(addend_of(R_THM_CALL, thumb32(0xf010, 0xf800)), 0x10000);
        /* negative: -0x100 */
        assert_int_equal(apply_at(R_THM_CALL, bl, mis, P + 4 - 0x100 + 1, 0, &rc), thumb32(0xf7ff, 0xff80));
        /* Thumb to ARM: BLX, counted from Align(P + 4, 4) */
        const uint32_t arm_target = (P + 4 + 0x10000) & ~3u;
        uint32_t out = apply_at(R_THM_CALL, bl, mis, arm_target, 0, &rc);
        assert_int_equal(rc, DKM_OK);
        assert_int_equal(out >> 16 & 0xd001, 0xc000);
        assert_int_equal(((P + 4) & ~3u) + (uint32_t)addend_of(R_THM_CALL, out), arm_target);
        /* B.W cannot switch to ARM */
        apply_at(R_THM_JUMP24, bw, mis, arm_target, 0, &rc);
        assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
        assert_int_equal(apply_at(R_THM_JUMP24, bw, mis, P + 0x10005, 0, &rc), thumb32(0xf010, 0xb800));
        /* a BLX whose target is Thumb becomes BL */
        assert_int_equal(apply_at(R_THM_CALL, thumb32(0xf7ff, 0xeffe), mis, P + 0x10005, 0, &rc),
                         thumb32(0xf010, 0xf800));
    }
    const uint32_t P = place(0);
    /* reach: ±16 MiB, with the I1/I2 bits */
    assert_int_equal(apply(R_THM_CALL, bl, P + 4 + 0xfffffe + 1, 0, &rc), thumb32(0xf3ff, 0xd7ff));
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(addend_of(R_THM_CALL, thumb32(0xf3ff, 0xd7ff)), 0xfffffe);
    assert_int_equal(apply(R_THM_CALL, bl, P + 4 - 0x1000000 + 1, 0, &rc), thumb32(0xf400, 0xd000));
    assert_int_equal(addend_of(R_THM_CALL, thumb32(0xf400, 0xd000)), -0x1000000);
    apply(R_THM_CALL, bl, P + 4 + 0x1000000 + 1, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_THM_CALL, bl, P + 4 - 0x1000002 + 1, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_THM_CALL, thumb32(0xf240, 0x0000), P, 0, &rc);   /* a MOVW */
    assert_int_equal(rc, DKM_E_RELOC_TYPE);
}

static void thumb_short_branches(void **state)
{
    (void)state;
    int rc;
    const uint32_t P = place(0);
    /* beq.w . = f43f affe; target P + 4 + 0x1000 */
    const uint32_t beqw = thumb32(0xf43f, 0xaffe);
    assert_int_equal(addend_of(R_THM_JUMP19, beqw), -4);
    uint32_t out = apply(R_THM_JUMP19, beqw, P + 0x1005, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(out, thumb32(0xf001, 0x8000));
    assert_int_equal(addend_of(R_THM_JUMP19, out), 0x1000);
    /* the condition (bne: 1) is kept */
    out = apply(R_THM_JUMP19, thumb32(0xf47f, 0xaffe), P + 4 - 0x100000 + 1, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal((out >> 6) & 0xf, 1);
    assert_int_equal(addend_of(R_THM_JUMP19, out), -0x100000);
    apply(R_THM_JUMP19, beqw, P + 4 + 0x100000 + 1, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    /* b . = e7fe (±2 KiB), beq . = d0fe (±256 bytes) */
    assert_int_equal(addend_of(R_THM_JUMP11, 0xe7fe), -4);
    assert_int_equal(apply(R_THM_JUMP11, 0xe7fe, P + 4 + 0x7fe + 1, 0, &rc), 0xe3ff);
    apply(R_THM_JUMP11, 0xe7fe, P + 4 + 0x800 + 1, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    assert_int_equal(apply(R_THM_JUMP8, 0xd0fe, P + 4 - 0x100 + 1, 0, &rc), 0xd080);
    assert_int_equal(rc, DKM_OK);
    apply(R_THM_JUMP8, 0xd0fe, P + 4 + 0x100 + 1, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_THM_JUMP8, 0xdefe, P + 4 + 1, 0, &rc);   /* udf, not a branch */
    assert_int_equal(rc, DKM_E_RELOC_TYPE);
}

static void movw_movt(void **state)
{
    (void)state;
    int rc;
    const uint32_t P = place(0);
    /* ARM: movw r0, #4 (the addend) = e3000004, movt r0, #4 = e3400004 */
    assert_int_equal(apply(R_MOVW_ABS_NC, 0xe3000004, 0x12345678, 0, &rc), 0xe305067c);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(apply(R_MOVT_ABS, 0xe3400004, 0x1234fffc, 0, &rc), 0xe3410235);
    /* the addend is the 16-bit field, signed: 0xffff is -1, for MOVT too */
    assert_int_equal(addend_of(R_MOVT_ABS, 0xe34f0fff), -1);
    assert_int_equal(apply(R_MOVT_ABS, 0xe34f0fff, 0x12340000, 0, &rc), 0xe3410233);
    assert_int_equal(apply(R_MOVW_PREL_NC, 0xe3000000, P + 0x1234, 0, &rc), 0xe3010234);
    assert_int_equal(apply(R_MOVT_PREL, 0xe3400000, P + 0x56780000, 0, &rc), 0xe3450678);
    /* the register and condition are kept */
    assert_int_equal(apply(R_MOVW_ABS_NC, 0x1300c000, 0xabcd, 0, &rc), 0x130acbcd);
    apply(R_MOVT_ABS, 0xe3000000, 0, 0, &rc);   /* a MOVW under a MOVT type */
    assert_int_equal(rc, DKM_E_RELOC_TYPE);
    /* Thumb: movw r0, #0 = f240 0000, movt r0, #0 = f2c0 0000; imm4:i:imm3:imm8 */
    assert_int_equal(apply(R_THM_MOVW_ABS_NC, thumb32(0xf240, 0x0000), 0x1234567c, 0, &rc),
                     thumb32(0xf245, 0x607c));
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(apply(R_THM_MOVT_ABS, thumb32(0xf2c0, 0x0000), 0x12345678, 0, &rc),
                     thumb32(0xf2c1, 0x2034));
    assert_int_equal(apply(R_THM_MOVW_ABS_NC, thumb32(0xf240, 0x0000), 0x0800, 0, &rc),
                     thumb32(0xf640, 0x0000));
    assert_int_equal(apply(R_THM_MOVW_ABS_NC, thumb32(0xf240, 0x0500), 0xffff, 0, &rc),
                     thumb32(0xf64f, 0x75ff));   /* r5 kept */
    assert_int_equal(addend_of(R_THM_MOVW_ABS_NC, thumb32(0xf64f, 0x70ff)), -1);
    assert_int_equal(addend_of(R_THM_MOVT_ABS, thumb32(0xf2c0, 0x0008)), 8);
    assert_int_equal(apply(R_THM_MOVW_PREL_NC, thumb32(0xf240, 0x0000), P + 0x1234, 0, &rc),
                     thumb32(0xf241, 0x2034));
    assert_int_equal(apply(R_THM_MOVT_PREL, thumb32(0xf2c0, 0x0000), P + 0x12340000, 0, &rc),
                     thumb32(0xf2c1, 0x2034));
    apply(R_THM_MOVW_ABS_NC, thumb32(0xf2c0, 0x0000), 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_TYPE);
}

static void stub_has_an_entry_per_instruction_set(void **state)
{
    (void)state;
    uint8_t stub[12] __attribute__((aligned(4)));
    const struct dkm_arch *a = &dkm_arch_host;
    assert_int_equal(a->stub_size, sizeof stub);
    a->stub_write(stub, 0x76543211);
    uint32_t w[3];
    memcpy(w, stub, sizeof w);
    /* +0 ARM: ldr pc, [pc, #-4] reads +8 - 4 = the literal at +4 */
    assert_int_equal(w[0], 0xe51ff004);
    assert_int_equal(w[1], 0x76543211);
    /* +8 Thumb: ldr.w pc, [pc, #-8] reads Align(+12, 4) - 8 = +4 */
    assert_int_equal(w[2], thumb32(0xf85f, 0xf008));
    /* ARM branches enter at +0, Thumb ones at +8 in Thumb state */
    assert_int_equal(a->stub_entry(0x1000, R_CALL), 0x1000);
    assert_int_equal(a->stub_entry(0x1000, R_JUMP24), 0x1000);
    assert_int_equal(a->stub_entry(0x1000, R_THM_CALL), 0x1009);
    assert_int_equal(a->stub_entry(0x1000, R_THM_JUMP24), 0x1009);
    assert_true(a->stub_defined_funcs);
}

static void table_is_consistent(void **state)
{
    (void)state;
    const struct dkm_arch *a = &dkm_arch_host;
    assert_int_equal(a->machine, EM_ARM);
    assert_int_equal(a->rel_sht, SHT_REL);
    for (uint32_t t = 0; t < a->nhowto; t++) {
        const struct dkm_reloc_howto *h = &a->howto[t];
        if (h->kind == DKM_RK_INVALID)
            continue;
        assert_true(h->kind == DKM_RK_NONE || h->size == 1 || h->size == 2 || h->size == 4);
        assert_string_not_equal(a->reloc_name(t), "unknown");
    }
    /* TLS types are named but refused */
    assert_int_equal(dkm_reloc_check(R_TLS_GD32, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_string_equal(a->reloc_name(R_TLS_GD32), "R_ARM_TLS_GD32");
    assert_int_equal(dkm_reloc_check(R_TLS_LE32, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_int_equal(dkm_reloc_check(200, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_string_equal(a->reloc_name(200), "unknown");
    /* dynamic-only types are refused in relocatable modules */
    assert_int_equal(dkm_reloc_check(R_RELATIVE, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_int_equal(dkm_reloc_check(R_CALL, DKM_RF_DYN, 0, 8, 0, 1), DKM_RP_TYPE);
}

/* ---- ELF32 ARM images: the real module, loaded, then broken one rule at a time ----------------- */

static Elf32_Shdr *sections(struct image *im)
{
    return (Elf32_Shdr *)(im->data + ((Elf32_Ehdr *)im->data)->e_shoff);
}

static Elf32_Shdr *rel_for(struct image *im, const char *target)
{
    Elf32_Ehdr *eh = (Elf32_Ehdr *)im->data;
    Elf32_Shdr *sh = sections(im);
    const char *names = (const char *)im->data + sh[eh->e_shstrndx].sh_offset;
    for (unsigned i = 1; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_REL && !strcmp(names + sh[sh[i].sh_info].sh_name, target))
            return &sh[i];
    fail_msg("no relocations for %s", target);
    return NULL;
}

typedef void (*inspect_fn)(struct dkm_module *m);

/* The module is never run, so its import of printf may resolve anywhere: 2 GiB away from this
 * program (and so from module memory, which is mapped near the C library), a call only a stub
 * reaches. */
static int (*port_resolve_typed)(void *ctx, const char *name, uintptr_t *addr, int *is_code);

static uintptr_t far_printf(void)
{
    return ((uintptr_t)(void *)far_printf ^ 0x80000000u) & ~0xfu;
}

static int resolve_printf_far(void *ctx, const char *name, uintptr_t *addr, int *is_code)
{
    if (strcmp(name, "printf") != 0)
        return port_resolve_typed(ctx, name, addr, is_code);
    *addr = far_printf();
    *is_code = 1;
    return 0;
}

/* Loads the image without running it; returns the error code and the message in msg. */
static int load(struct image *im, char *msg, size_t msgsize, inspect_fn inspect)
{
    struct port_linux p;
    port_linux_init(&p, PORT_LINUX_QUIET | PORT_LINUX_CATCH | PORT_LINUX_LIBC);
    port_resolve_typed = p.port.resolve_typed;
    p.port.resolve_typed = resolve_printf_far;
    struct dkm_loader *ld;
    assert_int_equal(dkm_loader_create(&p.port, NULL, &ld), DKM_OK);
    struct dkm_load_opts o = {"mod", NULL, DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS};
    struct dkm_module *m = NULL;
    struct dkm_error e;
    memset(&e, 0, sizeof e);
    int rc = dkm_load_image(ld, im->data, im->size, &o, &m, &e);
    snprintf(msg, msgsize, "%s", e.msg);
    if (rc == DKM_OK) {
        if (inspect)
            inspect(m);
        assert_int_equal(dkm_unload(ld, m, DKM_UNLOAD_NO_RUN, NULL), DKM_OK);
    }
    struct dkm_stats st;
    dkm_stats(ld, &st);
    assert_int_equal(st.region_bytes, 0);   /* nothing of a failed load stays behind */
    dkm_loader_destroy(ld);
    port_linux_fini(&p);
    return rc;
}

static uintptr_t symbol(struct dkm_module *m, const char *name)
{
    uintptr_t a = 0;
    assert_int_equal(dkm_module_symbol(m, name, &a), 0);
    return a;
}

/* thumb_add (Thumb) calls arm_twice (ARM) with a BL that must have become BLX to exactly
 * arm_twice; module_init (ARM) calls thumb_add with a BLX and printf through a stub; module_fns
 * holds both addresses, the Thumb one with bit 0 set. */
static void check_interworking(struct dkm_module *m)
{
    const uintptr_t arm_twice = symbol(m, "arm_twice"), thumb_add = symbol(m, "thumb_add");
    const uintptr_t init = symbol(m, "module_init"), fns = symbol(m, "module_fns");
    assert_int_equal(arm_twice & 3, 0);
    assert_int_equal(thumb_add & 1, 1);
    uint32_t table[2];
    memcpy(table, (const void *)fns, sizeof table);
    assert_int_equal(table[0], arm_twice);
    assert_int_equal(table[1], thumb_add);
    /* the Thumb function's BLX */
    const uint8_t *code = (const uint8_t *)(thumb_add & ~1u);
    bool found = false;
    for (unsigned off = 0; off < 16 && !found; off += 2) {
        uint32_t w;
        memcpy(&w, code + off, 4);
        if ((w & 0xf800) == 0xf000 && (w >> 16 & 0xd001) == 0xc000) {
            uintptr_t pc = ((uintptr_t)code + off + 4) & ~3u;
            assert_int_equal(pc + (uint32_t)addend_of(R_THM_CALL, w), arm_twice);
            found = true;
        }
    }
    assert_true(found);
    /* the ARM function's BLX to thumb_add, and its BL to the imported printf, out of reach: to a
     * stub that loads printf's address into the PC */
    const uintptr_t printf_addr = far_printf();
    assert_true(printf_addr - init > 0x2000000u && init - printf_addr > 0x2000000u);
    bool blx = false, bl = false;
    for (unsigned off = 0; off < 96; off += 4) {
        uint32_t w;
        memcpy(&w, (const uint8_t *)init + off, 4);
        const uintptr_t target = init + off + 8 + (uint32_t)addend_of(R_CALL, w);
        if ((w & 0xfe000000) == 0xfa000000) {
            assert_true(target == (thumb_add & ~1u) || target == (symbol(m, "thumb_report") & ~1u));
            blx |= target == (thumb_add & ~1u);
        } else if ((w & 0xff000000) == 0xeb000000) {
            uint32_t stub[2];
            memcpy(stub, (const void *)target, sizeof stub);
            assert_int_equal(stub[0], 0xe51ff004);
            assert_int_equal(stub[1], printf_addr);
            bl = true;
        }
    }
    assert_true(blx);
    assert_true(bl);
    /* the Thumb function's call (a tail call: B.W) to printf: to the same stub's Thumb entry, +8 */
    const uintptr_t report = symbol(m, "thumb_report");
    found = false;
    for (unsigned off = 0; off < 16 && !found; off += 2) {
        uint32_t w;
        memcpy(&w, (const uint8_t *)(report & ~1u) + off, 4);
        if ((w & 0xf800) == 0xf000 && ((w >> 16 & 0xd000) == 0xd000 || (w >> 16 & 0xd000) == 0x9000)) {
            const uintptr_t entry = (report & ~1u) + off + 4 + (uint32_t)addend_of(R_THM_CALL, w);
            uint32_t stub[3];
            memcpy(stub, (const void *)(entry - 8), sizeof stub);
            assert_int_equal(stub[0], 0xe51ff004);
            assert_int_equal(stub[1], printf_addr);
            assert_int_equal(stub[2], thumb32(0xf85f, 0xf008));
            found = true;
        }
    }
    assert_true(found);
}

static void real_module_loads_with_interworking(void **state)
{
    (void)state;
    struct image im = read_module();
    char msg[DKM_ERRMSG_MAX];
    assert_int_equal(load(&im, msg, sizeof msg, check_interworking), DKM_OK);
    free(im.data);
}

static void elf64_other_machines_and_abis_are_refused(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    im.data[EI_CLASS] = ELFCLASS64;
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_BAD_CLASS);
    assert_non_null(strstr(msg, "ELF class 2 is not ELFCLASS32 (1), which arm modules use"));
    free(im.data);

    im = read_module();
    ((Elf32_Ehdr *)im.data)->e_machine = EM_386;
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_BAD_MACHINE);
    assert_non_null(strstr(msg, "e_machine 3 is not arm (40)"));
    free(im.data);

    /* the EABI version and the float ABI are part of the machine */
    im = read_module();
    ((Elf32_Ehdr *)im.data)->e_flags = 0x04000000;
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_BAD_MACHINE);
    assert_non_null(strstr(msg, "e_flags 0x4000000: not an ARM EABI version 5 object"));
    free(im.data);

    im = read_module();
    ((Elf32_Ehdr *)im.data)->e_flags = 0x05000200;
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_BAD_MACHINE);
    assert_non_null(strstr(msg, "e_flags 0x5000200: built for the soft-float ABI, this system uses hard-float"));
    free(im.data);

    im = read_module();
    ((Elf32_Ehdr *)im.data)->e_flags = 0x05000400;   /* gcc's hard-float mark */
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_OK);
    free(im.data);
}

static void unknown_and_tls_types_are_refused_naming_arch(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    Elf32_Shdr *rs = rel_for(&im, ".text.thumb_add");
    Elf32_Rel *r = (Elf32_Rel *)(im.data + rs->sh_offset);
    r[0].r_info = ELF32_R_INFO(ELF32_R_SYM(r[0].r_info), 250);
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_RELOC_TYPE);
    assert_non_null(strstr(msg, "#0: arm relocation type 250 (unknown) is not supported"));
    free(im.data);

    im = read_module();
    rs = rel_for(&im, ".text.thumb_add");
    r = (Elf32_Rel *)(im.data + rs->sh_offset);
    r[0].r_info = ELF32_R_INFO(ELF32_R_SYM(r[0].r_info), R_TLS_GD32);
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_RELOC_TYPE);
    assert_non_null(strstr(msg, "arm relocation type 104 (R_ARM_TLS_GD32) is not supported"));
    free(im.data);
}

static void instruction_mismatch_is_refused(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    /* thumb_add's call relocation turned into a MOVW relocation: the field holds a BL */
    Elf32_Rel *r = (Elf32_Rel *)(im.data + rel_for(&im, ".text.thumb_add")->sh_offset);
    r[0].r_info = ELF32_R_INFO(ELF32_R_SYM(r[0].r_info), R_THM_MOVW_ABS_NC);
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_RELOC_TYPE);
    assert_non_null(strstr(msg, "R_ARM_THM_MOVW_ABS_NC against 'arm_twice'"));
    assert_non_null(strstr(msg, "is not the instruction this type applies to"));
    free(im.data);
}

static void rel_entsize_bounds_and_rela(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    rel_for(&im, ".text.module_init")->sh_entsize = 12;
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_ENTSIZE);
    assert_non_null(strstr(msg, "relocations are 8 bytes"));
    free(im.data);

    im = read_module();
    Elf32_Shdr *rs = rel_for(&im, ".text.thumb_add");
    Elf32_Rel *r = (Elf32_Rel *)(im.data + rs->sh_offset);
    r[0].r_offset = sections(&im)[rs->sh_info].sh_size - 2;
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_RELOC_OFFSET);
    assert_non_null(strstr(msg, "overruns"));
    free(im.data);

    im = read_module();
    rel_for(&im, ".text.thumb_add")->sh_type = SHT_RELA;
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_SECTION_TYPE);
    assert_non_null(strstr(msg, "SHT_RELA is not used by arm modules"));
    free(im.data);

    im = read_module();
    rel_for(&im, ".text.thumb_add")->sh_offset = 0xfffffff0u;
    assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_SECTION_BOUNDS);
    free(im.data);
}

static void symbol_value_outside_section(void **state)
{
    (void)state;
    struct image im = read_module();
    Elf32_Ehdr *eh = (Elf32_Ehdr *)im.data;
    Elf32_Shdr *sh = sections(&im);
    for (unsigned i = 1; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB)
            continue;
        Elf32_Sym *s = (Elf32_Sym *)(im.data + sh[i].sh_offset);
        for (unsigned k = 1; k < sh[i].sh_size / sizeof *s; k++)
            if (s[k].st_shndx != SHN_UNDEF && s[k].st_shndx < SHN_LORESERVE &&
                ELF32_ST_TYPE(s[k].st_info) == STT_FUNC) {
                s[k].st_value = 0x10001;
                char msg[DKM_ERRMSG_MAX];
                assert_int_equal(load(&im, msg, sizeof msg, NULL), DKM_E_SYM_VALUE);
                assert_non_null(strstr(msg, "value 0x10001 outside section"));
                free(im.data);
                return;
            }
    }
    fail_msg("no defined function symbol");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(data_fields),
        cmocka_unit_test(prel31),
        cmocka_unit_test(arm_branches),
        cmocka_unit_test(thumb_branches),
        cmocka_unit_test(thumb_short_branches),
        cmocka_unit_test(movw_movt),
        cmocka_unit_test(stub_has_an_entry_per_instruction_set),
        cmocka_unit_test(table_is_consistent),
        cmocka_unit_test(real_module_loads_with_interworking),
        cmocka_unit_test(elf64_other_machines_and_abis_are_refused),
        cmocka_unit_test(unknown_and_tls_types_are_refused_naming_arch),
        cmocka_unit_test(instruction_mismatch_is_refused),
        cmocka_unit_test(rel_entsize_bounds_and_rela),
        cmocka_unit_test(symbol_value_outside_section),
    };
    return cmocka_run_group_tests_name("libdkm-arm", tests, NULL, NULL);
}
