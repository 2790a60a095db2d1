/* arch/arm.c — what each 32-bit ARM relocation type (AAELF32) means, for ARM and Thumb-2 code: the
 * instruction fields REL entries keep their addends in (branches, MOVW/MOVT, PREL31), interworking
 * (a BL to code of the other instruction set becomes BLX), and stubs with an ARM and a Thumb entry
 * for branches out of reach or into the other set. */
#include "../internal.h"

enum {
    R_ARM_NONE = 0, R_ARM_PC24 = 1, R_ARM_ABS32 = 2, R_ARM_REL32 = 3, R_ARM_ABS16 = 5,
    R_ARM_ABS8 = 8, R_ARM_THM_CALL = 10, R_ARM_TLS_DESC = 13, R_ARM_TLS_DTPMOD32 = 17,
    R_ARM_TLS_DTPOFF32 = 18, R_ARM_TLS_TPOFF32 = 19, R_ARM_COPY = 20, R_ARM_GLOB_DAT = 21,
    R_ARM_JUMP_SLOT = 22, R_ARM_RELATIVE = 23, R_ARM_GOTOFF32 = 24, R_ARM_BASE_PREL = 25,
    R_ARM_GOT_BREL = 26, R_ARM_PLT32 = 27, R_ARM_CALL = 28, R_ARM_JUMP24 = 29,
    R_ARM_THM_JUMP24 = 30, R_ARM_TARGET1 = 38, R_ARM_V4BX = 40, R_ARM_TARGET2 = 41,
    R_ARM_PREL31 = 42, R_ARM_MOVW_ABS_NC = 43, R_ARM_MOVT_ABS = 44, R_ARM_MOVW_PREL_NC = 45,
    R_ARM_MOVT_PREL = 46, R_ARM_THM_MOVW_ABS_NC = 47, R_ARM_THM_MOVT_ABS = 48,
    R_ARM_THM_MOVW_PREL_NC = 49, R_ARM_THM_MOVT_PREL = 50, R_ARM_THM_JUMP19 = 51,
    R_ARM_ABS32_NOI = 55, R_ARM_REL32_NOI = 56, R_ARM_TLS_GOTDESC = 90, R_ARM_TLS_CALL = 91,
    R_ARM_TLS_DESCSEQ = 92, R_ARM_THM_TLS_CALL = 93, R_ARM_GOT_PREL = 96, R_ARM_GNU_VTENTRY = 100,
    R_ARM_GNU_VTINHERIT = 101, R_ARM_THM_JUMP11 = 102, R_ARM_THM_JUMP8 = 103, R_ARM_TLS_GD32 = 104,
    R_ARM_TLS_LE12 = 110, R_ARM_TLS_IE12GP = 111, R_ARM_THM_TLS_DESCSEQ16 = 129,
    R_ARM_THM_TLS_DESCSEQ32 = 130, R_ARM_IRELATIVE = 160, R_ARM_COUNT = 161
};

/* The instruction encodings a field may be (struct dkm_reloc_howto's field). */
enum {
    ARM_F_DATA = 0,
    ARM_F_BRANCH,      /* ARM B, BL, BLX: imm24 (with H for BLX), ±32 MiB */
    ARM_F_MOVW,        /* ARM MOVW: imm4:imm12 = v[15:0] */
    ARM_F_MOVT,        /* ARM MOVT: imm4:imm12 = v[31:16] */
    ARM_F_THM_BRANCH,  /* Thumb-2 BL, BLX, B.W: S:I1:I2:imm10:imm11, ±16 MiB */
    ARM_F_THM_MOVW,    /* Thumb-2 MOVW: imm4:i:imm3:imm8 = v[15:0] */
    ARM_F_THM_MOVT,    /* Thumb-2 MOVT: imm4:i:imm3:imm8 = v[31:16] */
    ARM_F_THM_JUMP19,  /* Thumb-2 B<cond>.W: S:J2:J1:imm6:imm11, ±1 MiB */
    ARM_F_THM_JUMP11,  /* Thumb B: imm11, ±2 KiB */
    ARM_F_THM_JUMP8,   /* Thumb B<cond>: imm8, ±256 bytes */
    ARM_F_PREL31,      /* .ARM.exidx: a 31-bit signed offset, bit 31 kept */
};

#define REL DKM_RF_REL
#define DYN DKM_RF_DYN
#define NO DKM_OV_NONE
#define EITHER DKM_OV_EITHER

static const struct dkm_reloc_howto arm_howto[R_ARM_COUNT] = {
    [R_ARM_NONE] = {DKM_RK_NONE, 0, NO, REL | DYN, 0},
    /* ARMv4T's marker on BX for linkers that rewrite it for ARMv4: nothing to do from ARMv5 on. */
    [R_ARM_V4BX] = {DKM_RK_NONE, 0, NO, REL, 0},
    [R_ARM_GNU_VTENTRY] = {DKM_RK_NONE, 0, NO, REL, 0},
    [R_ARM_GNU_VTINHERIT] = {DKM_RK_NONE, 0, NO, REL, 0},
    /* (S + A) | T: a Thumb function's symbol value already has bit 0 set. */
    [R_ARM_ABS32] = {DKM_RK_ABS, 4, NO, REL | DYN, 0},
    [R_ARM_ABS32_NOI] = {DKM_RK_ABS, 4, NO, REL, 0},
    /* The platform's choice for constructor tables; on Linux it is ABS32. */
    [R_ARM_TARGET1] = {DKM_RK_ABS, 4, NO, REL, 0},
    [R_ARM_REL32] = {DKM_RK_PCREL, 4, NO, REL, 0},
    [R_ARM_REL32_NOI] = {DKM_RK_PCREL, 4, NO, REL, 0},
    [R_ARM_ABS16] = {DKM_RK_ABS, 2, EITHER, REL, 0},
    [R_ARM_ABS8] = {DKM_RK_ABS, 1, EITHER, REL, 0},
    /* Branches: straight to the target, through a stub when out of reach or when the instruction
     * cannot switch to the target's instruction set. There is no PLT: PLT32 is a plain branch. */
    [R_ARM_PC24] = {DKM_RK_BRANCH, 4, NO, REL, ARM_F_BRANCH},
    [R_ARM_PLT32] = {DKM_RK_BRANCH, 4, NO, REL, ARM_F_BRANCH},
    [R_ARM_CALL] = {DKM_RK_BRANCH, 4, NO, REL, ARM_F_BRANCH},
    [R_ARM_JUMP24] = {DKM_RK_BRANCH, 4, NO, REL, ARM_F_BRANCH},
    [R_ARM_THM_CALL] = {DKM_RK_BRANCH, 4, NO, REL, ARM_F_THM_BRANCH},
    [R_ARM_THM_JUMP24] = {DKM_RK_BRANCH, 4, NO, REL, ARM_F_THM_BRANCH},
    /* Short Thumb branches stay inside a function; they cannot take a stub. */
    [R_ARM_THM_JUMP19] = {DKM_RK_PCREL, 4, NO, REL, ARM_F_THM_JUMP19},
    [R_ARM_THM_JUMP11] = {DKM_RK_PCREL, 2, NO, REL, ARM_F_THM_JUMP11},
    [R_ARM_THM_JUMP8] = {DKM_RK_PCREL, 2, NO, REL, ARM_F_THM_JUMP8},
    [R_ARM_PREL31] = {DKM_RK_PCREL, 4, NO, REL, ARM_F_PREL31},
    [R_ARM_MOVW_ABS_NC] = {DKM_RK_ABS, 4, NO, REL, ARM_F_MOVW},
    [R_ARM_MOVT_ABS] = {DKM_RK_ABS, 4, NO, REL, ARM_F_MOVT},
    [R_ARM_MOVW_PREL_NC] = {DKM_RK_PCREL, 4, NO, REL, ARM_F_MOVW},
    [R_ARM_MOVT_PREL] = {DKM_RK_PCREL, 4, NO, REL, ARM_F_MOVT},
    [R_ARM_THM_MOVW_ABS_NC] = {DKM_RK_ABS, 4, NO, REL, ARM_F_THM_MOVW},
    [R_ARM_THM_MOVT_ABS] = {DKM_RK_ABS, 4, NO, REL, ARM_F_THM_MOVT},
    [R_ARM_THM_MOVW_PREL_NC] = {DKM_RK_PCREL, 4, NO, REL, ARM_F_THM_MOVW},
    [R_ARM_THM_MOVT_PREL] = {DKM_RK_PCREL, 4, NO, REL, ARM_F_THM_MOVT},
    /* GOT-relative: the GOT origin is the module's GOT; BASE_PREL is used against
     * _GLOBAL_OFFSET_TABLE_ to form it. */
    [R_ARM_GOTOFF32] = {DKM_RK_GOTOFF, 4, NO, REL, 0},
    [R_ARM_BASE_PREL] = {DKM_RK_GOTPC, 4, NO, REL, 0},
    [R_ARM_GOT_BREL] = {DKM_RK_GOT, 4, NO, REL, 0},
    [R_ARM_GOT_PREL] = {DKM_RK_GOTPCREL, 4, NO, REL, 0},
    /* The platform's choice for exception-table type references; GNU/Linux makes it GOT_PREL. */
    [R_ARM_TARGET2] = {DKM_RK_GOTPCREL, 4, NO, REL, 0},
    [R_ARM_GLOB_DAT] = {DKM_RK_SYMVAL, 4, NO, DYN, 0},
    [R_ARM_JUMP_SLOT] = {DKM_RK_SYMVAL, 4, NO, DYN, 0},
    [R_ARM_RELATIVE] = {DKM_RK_RELATIVE, 4, NO, DYN, 0},
};

static const char *arm_reloc_name(uint32_t type)
{
    static const struct {
        uint16_t type;
        const char *name;
    } names[] = {
        {R_ARM_NONE, "R_ARM_NONE"}, {R_ARM_PC24, "R_ARM_PC24"}, {R_ARM_ABS32, "R_ARM_ABS32"},
        {R_ARM_REL32, "R_ARM_REL32"}, {4, "R_ARM_LDR_PC_G0"}, {R_ARM_ABS16, "R_ARM_ABS16"},
        {6, "R_ARM_ABS12"}, {7, "R_ARM_THM_ABS5"}, {R_ARM_ABS8, "R_ARM_ABS8"},
        {9, "R_ARM_SBREL32"}, {R_ARM_THM_CALL, "R_ARM_THM_CALL"}, {11, "R_ARM_THM_PC8"},
        {12, "R_ARM_BREL_ADJ"}, {R_ARM_TLS_DESC, "R_ARM_TLS_DESC"},
        {R_ARM_TLS_DTPMOD32, "R_ARM_TLS_DTPMOD32"}, {R_ARM_TLS_DTPOFF32, "R_ARM_TLS_DTPOFF32"},
        {R_ARM_TLS_TPOFF32, "R_ARM_TLS_TPOFF32"}, {R_ARM_COPY, "R_ARM_COPY"},
        {R_ARM_GLOB_DAT, "R_ARM_GLOB_DAT"}, {R_ARM_JUMP_SLOT, "R_ARM_JUMP_SLOT"},
        {R_ARM_RELATIVE, "R_ARM_RELATIVE"}, {R_ARM_GOTOFF32, "R_ARM_GOTOFF32"},
        {R_ARM_BASE_PREL, "R_ARM_BASE_PREL"}, {R_ARM_GOT_BREL, "R_ARM_GOT_BREL"},
        {R_ARM_PLT32, "R_ARM_PLT32"}, {R_ARM_CALL, "R_ARM_CALL"}, {R_ARM_JUMP24, "R_ARM_JUMP24"},
        {R_ARM_THM_JUMP24, "R_ARM_THM_JUMP24"}, {31, "R_ARM_BASE_ABS"},
        {R_ARM_TARGET1, "R_ARM_TARGET1"}, {39, "R_ARM_SBREL31"}, {R_ARM_V4BX, "R_ARM_V4BX"},
        {R_ARM_TARGET2, "R_ARM_TARGET2"}, {R_ARM_PREL31, "R_ARM_PREL31"},
        {R_ARM_MOVW_ABS_NC, "R_ARM_MOVW_ABS_NC"}, {R_ARM_MOVT_ABS, "R_ARM_MOVT_ABS"},
        {R_ARM_MOVW_PREL_NC, "R_ARM_MOVW_PREL_NC"}, {R_ARM_MOVT_PREL, "R_ARM_MOVT_PREL"},
        {R_ARM_THM_MOVW_ABS_NC, "R_ARM_THM_MOVW_ABS_NC"}, {R_ARM_THM_MOVT_ABS, "R_ARM_THM_MOVT_ABS"},
        {R_ARM_THM_MOVW_PREL_NC, "R_ARM_THM_MOVW_PREL_NC"},
        {R_ARM_THM_MOVT_PREL, "R_ARM_THM_MOVT_PREL"}, {R_ARM_THM_JUMP19, "R_ARM_THM_JUMP19"},
        {52, "R_ARM_THM_JUMP6"}, {53, "R_ARM_THM_ALU_PREL_11_0"}, {54, "R_ARM_THM_PC12"},
        {R_ARM_ABS32_NOI, "R_ARM_ABS32_NOI"}, {R_ARM_REL32_NOI, "R_ARM_REL32_NOI"},
        {84, "R_ARM_MOVW_BREL_NC"}, {85, "R_ARM_MOVT_BREL"}, {86, "R_ARM_MOVW_BREL"},
        {87, "R_ARM_THM_MOVW_BREL_NC"}, {88, "R_ARM_THM_MOVT_BREL"}, {89, "R_ARM_THM_MOVW_BREL"},
        {R_ARM_TLS_GOTDESC, "R_ARM_TLS_GOTDESC"}, {R_ARM_TLS_CALL, "R_ARM_TLS_CALL"},
        {R_ARM_TLS_DESCSEQ, "R_ARM_TLS_DESCSEQ"}, {R_ARM_THM_TLS_CALL, "R_ARM_THM_TLS_CALL"},
        {94, "R_ARM_PLT32_ABS"}, {95, "R_ARM_GOT_ABS"}, {R_ARM_GOT_PREL, "R_ARM_GOT_PREL"},
        {97, "R_ARM_GOT_BREL12"}, {98, "R_ARM_GOTOFF12"}, {99, "R_ARM_GOTRELAX"},
        {R_ARM_GNU_VTENTRY, "R_ARM_GNU_VTENTRY"}, {R_ARM_GNU_VTINHERIT, "R_ARM_GNU_VTINHERIT"},
        {R_ARM_THM_JUMP11, "R_ARM_THM_JUMP11"}, {R_ARM_THM_JUMP8, "R_ARM_THM_JUMP8"},
        {R_ARM_TLS_GD32, "R_ARM_TLS_GD32"}, {105, "R_ARM_TLS_LDM32"}, {106, "R_ARM_TLS_LDO32"},
        {107, "R_ARM_TLS_IE32"}, {108, "R_ARM_TLS_LE32"}, {109, "R_ARM_TLS_LDO12"},
        {R_ARM_TLS_LE12, "R_ARM_TLS_LE12"}, {R_ARM_TLS_IE12GP, "R_ARM_TLS_IE12GP"},
        {R_ARM_THM_TLS_DESCSEQ16, "R_ARM_THM_TLS_DESCSEQ16"},
        {R_ARM_THM_TLS_DESCSEQ32, "R_ARM_THM_TLS_DESCSEQ32"}, {131, "R_ARM_THM_GOT_BREL12"},
        {R_ARM_IRELATIVE, "R_ARM_IRELATIVE"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].type == type)
            return names[i].name;
    return "unknown";
}

/* ---- Instruction fields ------------------------------------------------------------------------
 * ARM instructions are one little-endian word; Thumb-2 ones two little-endian halfwords, the
 * first at the lower address. Values arrive as S + A - P (or S + A): for a branch, bit 0 is the
 * target's Thumb bit. */

/* x sign-extended from its low `bits` bits. */
static int32_t sext(uint32_t x, unsigned bits)
{
    const uint32_t m = 1u << (bits - 1);
    x &= (m << 1) - 1;
    return (int32_t)((x ^ m) - m);
}

/* Does the signed value v fit `bits` bits? */
static bool fits(int32_t v, unsigned bits)
{
    return v >= -(1 << (bits - 1)) && v < (1 << (bits - 1));
}

static bool arm_is_blx(uint32_t insn)
{
    return (insn & 0xfe000000u) == 0xfa000000u;
}
static bool arm_is_b_or_bl(uint32_t insn)
{
    return (insn & 0x0e000000u) == 0x0a000000u && (insn >> 28) != 0xfu;
}
static bool arm_is_movw(uint32_t insn)
{
    return (insn & 0x0ff00000u) == 0x03000000u;
}
static bool arm_is_movt(uint32_t insn)
{
    return (insn & 0x0ff00000u) == 0x03400000u;
}

/* Thumb-2 32-bit branches with link (BL, BLX) and without (B.W, encoding T4). */
static bool thm_is_bl(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xf800u) == 0xf000u && (hw2 & 0xd000u) == 0xd000u;
}
static bool thm_is_blx(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xf800u) == 0xf000u && (hw2 & 0xd001u) == 0xc000u;
}
static bool thm_is_bw(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xf800u) == 0xf000u && (hw2 & 0xd000u) == 0x9000u;
}
static bool thm_is_bcond_w(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xf800u) == 0xf000u && (hw2 & 0xd000u) == 0x8000u && ((hw1 >> 6) & 0xeu) != 0xeu;
}
static bool thm_is_movw(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xfbf0u) == 0xf240u && !(hw2 & 0x8000u);
}
static bool thm_is_movt(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xfbf0u) == 0xf2c0u && !(hw2 & 0x8000u);
}

static uint32_t arm_imm16_get(uint32_t insn)
{
    return ((insn >> 4) & 0xf000u) | (insn & 0xfffu);
}
static uint32_t arm_imm16_put(uint32_t insn, uint32_t x)
{
    return (insn & 0xfff0f000u) | ((x & 0xf000u) << 4) | (x & 0xfffu);
}
static uint32_t thm_imm16_get(uint16_t hw1, uint16_t hw2)
{
    return ((hw1 & 0xfu) << 12) | ((hw1 & 0x400u) << 1) | ((hw2 & 0x7000u) >> 4) | (hw2 & 0xffu);
}
static void thm_imm16_put(uint8_t *where, uint16_t hw1, uint16_t hw2, uint32_t x)
{
    dkm_put16(where, (uint16_t)((hw1 & 0xfbf0u) | ((x >> 12) & 0xfu) | ((x >> 1) & 0x400u)));
    dkm_put16(where + 2, (uint16_t)((hw2 & 0x8f00u) | ((x << 4) & 0x7000u) | (x & 0xffu)));
}

/* S:I1:I2:imm10:imm11:'0' of BL, BLX and B.W (I = NOT(J XOR S)). */
static int32_t thm_branch_get(uint16_t hw1, uint16_t hw2)
{
    const uint32_t s = (hw1 >> 10) & 1u, j1 = (hw2 >> 13) & 1u, j2 = (hw2 >> 11) & 1u;
    const uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
    return sext((s << 24) | (i1 << 23) | (i2 << 22) | ((hw1 & 0x3ffu) << 12) | ((hw2 & 0x7ffu) << 1), 25);
}
/* Writes off (even, in reach) with hw2's fixed bits op (0xd000 BL, 0xc000 BLX, 0x9000 B.W). */
static void thm_branch_encode(uint8_t *where, uint16_t hw1, uint16_t op, int32_t off)
{
    const uint32_t u = (uint32_t)off, s = (u >> 24) & 1u, i1 = (u >> 23) & 1u, i2 = (u >> 22) & 1u;
    const uint32_t j1 = !i1 ^ s, j2 = !i2 ^ s;
    dkm_put16(where, (uint16_t)((hw1 & 0xf800u) | (s << 10) | ((u >> 12) & 0x3ffu)));
    dkm_put16(where + 2, (uint16_t)(op | (j1 << 13) | (j2 << 11) | ((u >> 1) & 0x7ffu)));
}

/* A branch of ARM code. BL becomes BLX for a Thumb target and BLX becomes BL for an ARM one;
 * B and conditional BL cannot switch sets, so a Thumb target is "out of reach" (its stub is ARM). */
static int arm_branch_put(uint8_t *where, uint32_t v)
{
    const uint32_t insn = dkm_get32(where);
    const bool call = arm_is_blx(insn) || (arm_is_b_or_bl(insn) && (insn >> 24) == 0xebu);
    if (!arm_is_blx(insn) && !arm_is_b_or_bl(insn))
        return DKM_E_RELOC_TYPE;
    if (v & 1u) {
        const int32_t off = (int32_t)(v & ~1u);
        if (!call || !fits(off, 26))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put32(where, 0xfa000000u | (((uint32_t)off & 2u) << 23) | (((uint32_t)off >> 2) & 0xffffffu));
        return DKM_OK;
    }
    const int32_t off = (int32_t)v;
    if ((v & 3u) || !fits(off, 26))
        return DKM_E_RELOC_OVERFLOW;
    const uint32_t op = arm_is_blx(insn) ? 0xeb000000u : (insn & 0xff000000u);
    dkm_put32(where, op | (((uint32_t)off >> 2) & 0xffffffu));
    return DKM_OK;
}

/* A branch of Thumb code. BL and BLX switch as the target needs; B.W cannot (its stub is Thumb).
 * BLX counts from the word-aligned PC, so its offset gains bit 1 of the field's address, which is
 * the place P: fields are written where they are executed. */
static int thm_branch_put(uint8_t *where, uint32_t v)
{
    const uint16_t hw1 = dkm_get16(where), hw2 = dkm_get16(where + 2);
    const bool call = thm_is_bl(hw1, hw2) || thm_is_blx(hw1, hw2);
    if (!call && !thm_is_bw(hw1, hw2))
        return DKM_E_RELOC_TYPE;
    if (v & 1u) {
        const int32_t off = (int32_t)(v & ~1u);
        if (!fits(off, 25))
            return DKM_E_RELOC_OVERFLOW;
        thm_branch_encode(where, hw1, call ? 0xd000u : 0x9000u, off);
        return DKM_OK;
    }
    const int32_t off = (int32_t)(v + ((uint32_t)(uintptr_t)where & 2u));
    if (!call || (off & 3) || !fits(off, 25))
        return DKM_E_RELOC_OVERFLOW;
    thm_branch_encode(where, hw1, 0xc000u, off);
    return DKM_OK;
}

static int arm_field_put(unsigned field, uint8_t *where, dkm_addr_t value)
{
    const uint32_t v = (uint32_t)value;
    uint32_t insn;
    uint16_t hw1, hw2;
    int32_t off;
    switch (field) {
    case ARM_F_BRANCH:
        return arm_branch_put(where, v);
    case ARM_F_THM_BRANCH:
        return thm_branch_put(where, v);
    case ARM_F_MOVW:
    case ARM_F_MOVT:
        insn = dkm_get32(where);
        if (field == ARM_F_MOVW ? !arm_is_movw(insn) : !arm_is_movt(insn))
            return DKM_E_RELOC_TYPE;
        dkm_put32(where, arm_imm16_put(insn, field == ARM_F_MOVW ? v : v >> 16));
        return DKM_OK;
    case ARM_F_THM_MOVW:
    case ARM_F_THM_MOVT:
        hw1 = dkm_get16(where);
        hw2 = dkm_get16(where + 2);
        if (field == ARM_F_THM_MOVW ? !thm_is_movw(hw1, hw2) : !thm_is_movt(hw1, hw2))
            return DKM_E_RELOC_TYPE;
        thm_imm16_put(where, hw1, hw2, field == ARM_F_THM_MOVW ? v & 0xffffu : v >> 16);
        return DKM_OK;
    case ARM_F_THM_JUMP19:
        hw1 = dkm_get16(where);
        hw2 = dkm_get16(where + 2);
        if (!thm_is_bcond_w(hw1, hw2))
            return DKM_E_RELOC_TYPE;
        off = (int32_t)(v & ~1u);
        if (!fits(off, 21))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put16(where, (uint16_t)((hw1 & 0xfbc0u) | ((((uint32_t)off >> 20) & 1u) << 10) |
                                (((uint32_t)off >> 12) & 0x3fu)));
        dkm_put16(where + 2, (uint16_t)((hw2 & 0xd000u) | ((((uint32_t)off >> 18) & 1u) << 13) |
                                    ((((uint32_t)off >> 19) & 1u) << 11) | (((uint32_t)off >> 1) & 0x7ffu)));
        return DKM_OK;
    case ARM_F_THM_JUMP11:
        hw1 = dkm_get16(where);
        if ((hw1 & 0xf800u) != 0xe000u)
            return DKM_E_RELOC_TYPE;
        off = (int32_t)(v & ~1u);
        if (!fits(off, 12))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put16(where, (uint16_t)(0xe000u | (((uint32_t)off >> 1) & 0x7ffu)));
        return DKM_OK;
    case ARM_F_THM_JUMP8:
        hw1 = dkm_get16(where);
        if ((hw1 & 0xf000u) != 0xd000u || (hw1 & 0x0e00u) == 0x0e00u)
            return DKM_E_RELOC_TYPE;
        off = (int32_t)(v & ~1u);
        if (!fits(off, 9))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put16(where, (uint16_t)((hw1 & 0xff00u) | (((uint32_t)off >> 1) & 0xffu)));
        return DKM_OK;
    case ARM_F_PREL31:
        if (!fits((int32_t)v, 31))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put32(where, (dkm_get32(where) & 0x80000000u) | (v & 0x7fffffffu));
        return DKM_OK;
    default:
        return DKM_E_RELOC_TYPE;
    }
}

/* The addend a REL entry keeps in its field: a branch's offset, MOVW's and MOVT's 16-bit
 * immediate as a signed number (both halves of a pair carry the same addend), PREL31's 31 bits. */
static dkm_addr_t arm_field_get(unsigned field, const uint8_t *where)
{
    uint32_t insn;
    uint16_t hw1, hw2;
    switch (field) {
    case ARM_F_BRANCH:
        insn = dkm_get32(where);
        if (arm_is_blx(insn))
            return (dkm_addr_t)(sext(insn << 2, 26) + (int32_t)((insn >> 23) & 2u));
        return (dkm_addr_t)sext(insn << 2, 26);
    case ARM_F_THM_BRANCH:
        return (dkm_addr_t)thm_branch_get(dkm_get16(where), dkm_get16(where + 2));
    case ARM_F_MOVW:
    case ARM_F_MOVT:
        return (dkm_addr_t)sext(arm_imm16_get(dkm_get32(where)), 16);
    case ARM_F_THM_MOVW:
    case ARM_F_THM_MOVT:
        return (dkm_addr_t)sext(thm_imm16_get(dkm_get16(where), dkm_get16(where + 2)), 16);
    case ARM_F_THM_JUMP19:
        hw1 = dkm_get16(where);
        hw2 = dkm_get16(where + 2);
        return (dkm_addr_t)sext((((uint32_t)hw1 >> 10) & 1u) << 20 | (((uint32_t)hw2 >> 11) & 1u) << 19 |
                                    (((uint32_t)hw2 >> 13) & 1u) << 18 | ((uint32_t)hw1 & 0x3fu) << 12 |
                                    ((uint32_t)hw2 & 0x7ffu) << 1,
                                21);
    case ARM_F_THM_JUMP11:
        return (dkm_addr_t)sext((uint32_t)dkm_get16(where) << 1, 12);
    case ARM_F_THM_JUMP8:
        return (dkm_addr_t)sext((uint32_t)dkm_get16(where) << 1, 9);
    case ARM_F_PREL31:
        return (dkm_addr_t)sext(dkm_get32(where), 31);
    default:
        return 0;
    }
}

/* ---- Stubs ---------------------------------------------------------------------------------------
 * One stub per target, entered in either set; both entries load the target into the PC, which
 * switches to the target's set by its bit 0:
 *   +0  ARM    ldr pc, [pc, #-4]     (PC reads as +8: the word at +4)
 *   +4         .word target
 *   +8  Thumb  ldr.w pc, [pc, #-8]   (PC reads as Align(+12, 4): the word at +4)
 * The stub area is 16-byte aligned and each stub a multiple of 4 long, so every literal is
 * word-aligned. */
#define ARM_STUB_SIZE 12u
#define ARM_STUB_THUMB_ENTRY 8u

static void arm_stub_write(uint8_t *stub, dkm_addr_t target)
{
    dkm_put32(stub, 0xe51ff004u);
    dkm_put32(stub + 4, (uint32_t)target);
    dkm_put16(stub + 8, 0xf85fu);
    dkm_put16(stub + 10, 0xf008u);
}

static dkm_addr_t arm_stub_entry(dkm_addr_t stub, uint32_t type)
{
    return arm_howto[type].field == ARM_F_THM_BRANCH ? stub + ARM_STUB_THUMB_ENTRY + 1 : stub;
}

/* Only EABI version 5 objects (what current compilers write; older ABIs lay out and pass data
 * differently), and not marked for the other float ABI: hard-float code passes floating-point
 * arguments in VFP registers, soft-float code in core registers. clang records the float ABI only
 * in .ARM.attributes, gcc also here. A build for another host (tests) takes Debian armhf's
 * hard-float ABI. */
#define EF_ARM_EABIMASK 0xff000000u
#define EF_ARM_EABI_VER5 0x05000000u
#define EF_ARM_ABI_FLOAT_SOFT 0x200u
#define EF_ARM_ABI_FLOAT_HARD 0x400u
#if defined(__arm__) && !defined(__ARM_PCS_VFP)
#define ARM_OTHER_FLOAT_ABI EF_ARM_ABI_FLOAT_HARD
#define ARM_FLOAT_ABI_PROBLEM "built for the hard-float ABI, this system uses soft-float"
#else
#define ARM_OTHER_FLOAT_ABI EF_ARM_ABI_FLOAT_SOFT
#define ARM_FLOAT_ABI_PROBLEM "built for the soft-float ABI, this system uses hard-float"
#endif

static const char *arm_flags_problem(uint32_t flags)
{
    if ((flags & EF_ARM_EABIMASK) != EF_ARM_EABI_VER5)
        return "not an ARM EABI version 5 object";
    if (flags & ARM_OTHER_FLOAT_ABI)
        return ARM_FLOAT_ABI_PROBLEM;
    return NULL;
}

const struct dkm_arch dkm_arch_host = {
    .machine = 40,
    .name = "arm",
    .howto = arm_howto,
    .nhowto = R_ARM_COUNT,
    .reloc_name = arm_reloc_name,
    .rel_sht = DKM_SHT_REL,
    .got_needs_symbol = false,
    .field_put = arm_field_put,
    .field_get = arm_field_get,
    .stub_size = ARM_STUB_SIZE,
    .stub_write = arm_stub_write,
    .stub_entry = arm_stub_entry,
    .stub_defined_funcs = true,
    .flags_problem = arm_flags_problem,
};
