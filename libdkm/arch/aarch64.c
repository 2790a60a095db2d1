/* arch/aarch64.c — what each AArch64 (AAELF64) relocation type means: its kind and the instruction
 * field it writes (ADRP/ADR, ADD and load/store offsets, branches, MOVZ/MOVK/MOVN groups), and the
 * veneer that lets a branch or an address reach an imported function anywhere in the 64-bit space. */
#include "../internal.h"

enum {
    R_AARCH64_NONE = 0, R_AARCH64_NONE_ALT = 256,
    R_AARCH64_ABS64 = 257, R_AARCH64_ABS32, R_AARCH64_ABS16, R_AARCH64_PREL64, R_AARCH64_PREL32,
    R_AARCH64_PREL16,
    R_AARCH64_MOVW_UABS_G0 = 263, R_AARCH64_MOVW_UABS_G0_NC, R_AARCH64_MOVW_UABS_G1,
    R_AARCH64_MOVW_UABS_G1_NC, R_AARCH64_MOVW_UABS_G2, R_AARCH64_MOVW_UABS_G2_NC,
    R_AARCH64_MOVW_UABS_G3,
    R_AARCH64_MOVW_SABS_G0 = 270, R_AARCH64_MOVW_SABS_G1, R_AARCH64_MOVW_SABS_G2,
    R_AARCH64_LD_PREL_LO19 = 273, R_AARCH64_ADR_PREL_LO21, R_AARCH64_ADR_PREL_PG_HI21,
    R_AARCH64_ADR_PREL_PG_HI21_NC, R_AARCH64_ADD_ABS_LO12_NC, R_AARCH64_LDST8_ABS_LO12_NC,
    R_AARCH64_TSTBR14 = 279, R_AARCH64_CONDBR19 = 280, R_AARCH64_JUMP26 = 282, R_AARCH64_CALL26,
    R_AARCH64_LDST16_ABS_LO12_NC = 284, R_AARCH64_LDST32_ABS_LO12_NC, R_AARCH64_LDST64_ABS_LO12_NC,
    R_AARCH64_MOVW_PREL_G0 = 287, R_AARCH64_MOVW_PREL_G0_NC, R_AARCH64_MOVW_PREL_G1,
    R_AARCH64_MOVW_PREL_G1_NC, R_AARCH64_MOVW_PREL_G2, R_AARCH64_MOVW_PREL_G2_NC,
    R_AARCH64_MOVW_PREL_G3,
    R_AARCH64_LDST128_ABS_LO12_NC = 299,
    R_AARCH64_MOVW_GOTOFF_G0 = 300, R_AARCH64_MOVW_GOTOFF_G0_NC, R_AARCH64_MOVW_GOTOFF_G1,
    R_AARCH64_MOVW_GOTOFF_G1_NC, R_AARCH64_MOVW_GOTOFF_G2, R_AARCH64_MOVW_GOTOFF_G2_NC,
    R_AARCH64_MOVW_GOTOFF_G3,
    R_AARCH64_GOTREL64 = 307, R_AARCH64_GOTREL32, R_AARCH64_GOT_LD_PREL19,
    R_AARCH64_LD64_GOTOFF_LO15, R_AARCH64_ADR_GOT_PAGE, R_AARCH64_LD64_GOT_LO12_NC,
    R_AARCH64_LD64_GOTPAGE_LO15, R_AARCH64_PLT32, R_AARCH64_GOTPCREL32,
    R_AARCH64_TLS_FIRST = 512, R_AARCH64_TLS_LAST = 573,
    R_AARCH64_COPY = 1024, R_AARCH64_GLOB_DAT, R_AARCH64_JUMP_SLOT, R_AARCH64_RELATIVE,
    R_AARCH64_TLS_DTPMOD, R_AARCH64_TLS_DTPREL, R_AARCH64_TLS_TPREL, R_AARCH64_TLSDESC,
    R_AARCH64_IRELATIVE, R_AARCH64_COUNT
};

/* Instruction fields (howto.field). Each names the instruction class it applies to, which bits of
 * the value it takes and its overflow rule. */
enum {
    F_DATA = 0,
    F_ADRP, F_ADRP_NC,                 /* ADRP: bits [32:12], signed 33-bit range (±4 GiB) */
    F_ADR,                             /* ADR: bits [20:0], signed */
    F_ADD12,                           /* ADD (immediate): bits [11:0], no check */
    F_LDST8, F_LDST16, F_LDST32, F_LDST64, F_LDST128, /* LD/ST unsigned offset: bits [11:n] */
    F_LDST64_LO15,                     /* LDR Xt offset: bits [14:3], 0 <= v < 2^15 */
    F_TBZ14,                           /* TBZ/TBNZ: bits [15:2], signed */
    F_BCOND19,                         /* B.cond, CBZ/CBNZ: bits [20:2], signed */
    F_LDLIT19,                         /* LDR (literal): bits [20:2], signed */
    F_B26,                             /* B, BL: bits [27:2], signed (±128 MiB) */
    /* MOVZ/MOVK/MOVN imm16 of group n (bits [16n+15:16n]): U checks unsigned, NC none (MOVK), S
     * checks signed and turns the instruction into MOVN for a negative value. */
    F_MOVW_U0, F_MOVW_U1, F_MOVW_U2, F_MOVW_U3,
    F_MOVW_NC0, F_MOVW_NC1, F_MOVW_NC2,
    F_MOVW_S0, F_MOVW_S1, F_MOVW_S2, F_MOVW_S3,
};

#define REL DKM_RF_REL
#define DYN DKM_RF_DYN
#define NO DKM_OV_NONE
#define SIGNED DKM_OV_SIGNED
#define EITHER DKM_OV_EITHER
#define INSN(kind, field) {kind, 4, NO, REL, field}

static const struct dkm_reloc_howto aarch64_howto[R_AARCH64_COUNT] = {
    [R_AARCH64_NONE] = {DKM_RK_NONE, 0, NO, REL | DYN, 0},
    [R_AARCH64_NONE_ALT] = {DKM_RK_NONE, 0, NO, REL, 0},
    /* Data: 16- and 32-bit fields accept -2^(n-1) <= X < 2^n. */
    [R_AARCH64_ABS64] = {DKM_RK_ABS, 8, NO, REL | DYN, 0},
    [R_AARCH64_ABS32] = {DKM_RK_ABS, 4, EITHER, REL, 0},
    [R_AARCH64_ABS16] = {DKM_RK_ABS, 2, EITHER, REL, 0},
    [R_AARCH64_PREL64] = {DKM_RK_PCREL, 8, NO, REL, 0},
    [R_AARCH64_PREL32] = {DKM_RK_PCREL, 4, EITHER, REL, 0},
    [R_AARCH64_PREL16] = {DKM_RK_PCREL, 2, EITHER, REL, 0},
    /* A 32-bit PC-relative reference to a function (relative vtables): a stub when out of reach. */
    [R_AARCH64_PLT32] = {DKM_RK_BRANCH, 4, SIGNED, REL, 0},
    [R_AARCH64_GOTREL64] = {DKM_RK_GOTOFF, 8, NO, REL, 0},
    [R_AARCH64_GOTREL32] = {DKM_RK_GOTOFF, 4, EITHER, REL, 0},
    [R_AARCH64_GOTPCREL32] = {DKM_RK_GOTPCREL, 4, SIGNED, REL, 0},
    /* -mcmodel=large: absolute addresses built 16 bits at a time */
    [R_AARCH64_MOVW_UABS_G0] = INSN(DKM_RK_ABS, F_MOVW_U0),
    [R_AARCH64_MOVW_UABS_G0_NC] = INSN(DKM_RK_ABS, F_MOVW_NC0),
    [R_AARCH64_MOVW_UABS_G1] = INSN(DKM_RK_ABS, F_MOVW_U1),
    [R_AARCH64_MOVW_UABS_G1_NC] = INSN(DKM_RK_ABS, F_MOVW_NC1),
    [R_AARCH64_MOVW_UABS_G2] = INSN(DKM_RK_ABS, F_MOVW_U2),
    [R_AARCH64_MOVW_UABS_G2_NC] = INSN(DKM_RK_ABS, F_MOVW_NC2),
    [R_AARCH64_MOVW_UABS_G3] = INSN(DKM_RK_ABS, F_MOVW_U3),
    [R_AARCH64_MOVW_SABS_G0] = INSN(DKM_RK_ABS, F_MOVW_S0),
    [R_AARCH64_MOVW_SABS_G1] = INSN(DKM_RK_ABS, F_MOVW_S1),
    [R_AARCH64_MOVW_SABS_G2] = INSN(DKM_RK_ABS, F_MOVW_S2),
    [R_AARCH64_MOVW_PREL_G0] = INSN(DKM_RK_PCREL, F_MOVW_S0),
    [R_AARCH64_MOVW_PREL_G0_NC] = INSN(DKM_RK_PCREL, F_MOVW_NC0),
    [R_AARCH64_MOVW_PREL_G1] = INSN(DKM_RK_PCREL, F_MOVW_S1),
    [R_AARCH64_MOVW_PREL_G1_NC] = INSN(DKM_RK_PCREL, F_MOVW_NC1),
    [R_AARCH64_MOVW_PREL_G2] = INSN(DKM_RK_PCREL, F_MOVW_S2),
    [R_AARCH64_MOVW_PREL_G2_NC] = INSN(DKM_RK_PCREL, F_MOVW_NC2),
    [R_AARCH64_MOVW_PREL_G3] = INSN(DKM_RK_PCREL, F_MOVW_S3),
    [R_AARCH64_MOVW_GOTOFF_G0] = INSN(DKM_RK_GOT, F_MOVW_S0),
    [R_AARCH64_MOVW_GOTOFF_G0_NC] = INSN(DKM_RK_GOT, F_MOVW_NC0),
    [R_AARCH64_MOVW_GOTOFF_G1] = INSN(DKM_RK_GOT, F_MOVW_S1),
    [R_AARCH64_MOVW_GOTOFF_G1_NC] = INSN(DKM_RK_GOT, F_MOVW_NC1),
    [R_AARCH64_MOVW_GOTOFF_G2] = INSN(DKM_RK_GOT, F_MOVW_S2),
    [R_AARCH64_MOVW_GOTOFF_G2_NC] = INSN(DKM_RK_GOT, F_MOVW_NC2),
    [R_AARCH64_MOVW_GOTOFF_G3] = INSN(DKM_RK_GOT, F_MOVW_S3),
    /* small and tiny: PC-relative addresses and literal loads */
    [R_AARCH64_LD_PREL_LO19] = INSN(DKM_RK_PCREL, F_LDLIT19),
    [R_AARCH64_ADR_PREL_LO21] = INSN(DKM_RK_PCREL, F_ADR),
    [R_AARCH64_ADR_PREL_PG_HI21] = INSN(DKM_RK_PAGE_PCREL, F_ADRP),
    [R_AARCH64_ADR_PREL_PG_HI21_NC] = INSN(DKM_RK_PAGE_PCREL, F_ADRP_NC),
    [R_AARCH64_ADD_ABS_LO12_NC] = INSN(DKM_RK_ABS, F_ADD12),
    [R_AARCH64_LDST8_ABS_LO12_NC] = INSN(DKM_RK_ABS, F_LDST8),
    [R_AARCH64_LDST16_ABS_LO12_NC] = INSN(DKM_RK_ABS, F_LDST16),
    [R_AARCH64_LDST32_ABS_LO12_NC] = INSN(DKM_RK_ABS, F_LDST32),
    [R_AARCH64_LDST64_ABS_LO12_NC] = INSN(DKM_RK_ABS, F_LDST64),
    [R_AARCH64_LDST128_ABS_LO12_NC] = INSN(DKM_RK_ABS, F_LDST128),
    /* branches: calls and tail calls take a veneer when out of reach; the short ones must reach */
    [R_AARCH64_TSTBR14] = INSN(DKM_RK_PCREL, F_TBZ14),
    [R_AARCH64_CONDBR19] = INSN(DKM_RK_PCREL, F_BCOND19),
    [R_AARCH64_JUMP26] = INSN(DKM_RK_BRANCH, F_B26),
    [R_AARCH64_CALL26] = INSN(DKM_RK_BRANCH, F_B26),
    /* GOT-relative (-fPIC): the slots are the module's own */
    [R_AARCH64_GOT_LD_PREL19] = INSN(DKM_RK_GOTPCREL, F_LDLIT19),
    [R_AARCH64_LD64_GOTOFF_LO15] = INSN(DKM_RK_GOT, F_LDST64_LO15),
    [R_AARCH64_ADR_GOT_PAGE] = INSN(DKM_RK_GOT_PAGE_PCREL, F_ADRP),
    [R_AARCH64_LD64_GOT_LO12_NC] = INSN(DKM_RK_GOTABS, F_LDST64),
    [R_AARCH64_LD64_GOTPAGE_LO15] = INSN(DKM_RK_GOT_PAGEOFF, F_LDST64_LO15),
    /* linked images */
    [R_AARCH64_GLOB_DAT] = {DKM_RK_SYMVAL, 8, NO, DYN, 0},
    [R_AARCH64_JUMP_SLOT] = {DKM_RK_SYMVAL, 8, NO, DYN, 0},
    [R_AARCH64_RELATIVE] = {DKM_RK_RELATIVE, 8, NO, DYN, 0},
};

static const char *const aarch64_names_256[] = {
    "R_AARCH64_NONE", "R_AARCH64_ABS64", "R_AARCH64_ABS32", "R_AARCH64_ABS16",
    "R_AARCH64_PREL64", "R_AARCH64_PREL32", "R_AARCH64_PREL16", "R_AARCH64_MOVW_UABS_G0",
    "R_AARCH64_MOVW_UABS_G0_NC", "R_AARCH64_MOVW_UABS_G1", "R_AARCH64_MOVW_UABS_G1_NC",
    "R_AARCH64_MOVW_UABS_G2", "R_AARCH64_MOVW_UABS_G2_NC", "R_AARCH64_MOVW_UABS_G3",
    "R_AARCH64_MOVW_SABS_G0", "R_AARCH64_MOVW_SABS_G1", "R_AARCH64_MOVW_SABS_G2",
    "R_AARCH64_LD_PREL_LO19", "R_AARCH64_ADR_PREL_LO21", "R_AARCH64_ADR_PREL_PG_HI21",
    "R_AARCH64_ADR_PREL_PG_HI21_NC", "R_AARCH64_ADD_ABS_LO12_NC", "R_AARCH64_LDST8_ABS_LO12_NC",
    "R_AARCH64_TSTBR14", "R_AARCH64_CONDBR19", "unknown", "R_AARCH64_JUMP26", "R_AARCH64_CALL26",
    "R_AARCH64_LDST16_ABS_LO12_NC", "R_AARCH64_LDST32_ABS_LO12_NC", "R_AARCH64_LDST64_ABS_LO12_NC",
    "R_AARCH64_MOVW_PREL_G0", "R_AARCH64_MOVW_PREL_G0_NC", "R_AARCH64_MOVW_PREL_G1",
    "R_AARCH64_MOVW_PREL_G1_NC", "R_AARCH64_MOVW_PREL_G2", "R_AARCH64_MOVW_PREL_G2_NC",
    "R_AARCH64_MOVW_PREL_G3", "unknown", "unknown", "unknown", "unknown", "unknown",
    "R_AARCH64_LDST128_ABS_LO12_NC", "R_AARCH64_MOVW_GOTOFF_G0", "R_AARCH64_MOVW_GOTOFF_G0_NC",
    "R_AARCH64_MOVW_GOTOFF_G1", "R_AARCH64_MOVW_GOTOFF_G1_NC", "R_AARCH64_MOVW_GOTOFF_G2",
    "R_AARCH64_MOVW_GOTOFF_G2_NC", "R_AARCH64_MOVW_GOTOFF_G3", "R_AARCH64_GOTREL64",
    "R_AARCH64_GOTREL32", "R_AARCH64_GOT_LD_PREL19", "R_AARCH64_LD64_GOTOFF_LO15",
    "R_AARCH64_ADR_GOT_PAGE", "R_AARCH64_LD64_GOT_LO12_NC", "R_AARCH64_LD64_GOTPAGE_LO15",
    "R_AARCH64_PLT32", "R_AARCH64_GOTPCREL32",
};

static const char *const aarch64_names_1024[] = {
    "R_AARCH64_COPY", "R_AARCH64_GLOB_DAT", "R_AARCH64_JUMP_SLOT", "R_AARCH64_RELATIVE",
    "R_AARCH64_TLS_DTPMOD (thread-local storage)", "R_AARCH64_TLS_DTPREL (thread-local storage)",
    "R_AARCH64_TLS_TPREL (thread-local storage)", "R_AARCH64_TLSDESC (thread-local storage)",
    "R_AARCH64_IRELATIVE",
};

static const char *aarch64_reloc_name(uint32_t type)
{
    if (type == R_AARCH64_NONE)
        return "R_AARCH64_NONE";
    if (type >= 256 && type - 256 < sizeof aarch64_names_256 / sizeof aarch64_names_256[0])
        return aarch64_names_256[type - 256];
    /* Modules cannot carry thread-local storage: there is no TLS block for them to live in. */
    if (type >= R_AARCH64_TLS_FIRST && type <= R_AARCH64_TLS_LAST)
        return "R_AARCH64_TLS* (thread-local storage)";
    if (type >= 1024 && type - 1024 < sizeof aarch64_names_1024 / sizeof aarch64_names_1024[0])
        return aarch64_names_1024[type - 1024];
    return "unknown";
}

static uint32_t insn_get(const uint8_t *where)
{
    return ((const dkm_unaligned32_t *)(const void *)where)->v;
}

static void insn_set(uint8_t *where, uint32_t insn)
{
    ((dkm_unaligned32_t *)(void *)where)->v = insn;
}

/* Does insn belong to the instruction class the field applies to? */
static bool insn_matches(unsigned field, uint32_t insn)
{
    switch (field) {
    case F_ADRP: case F_ADRP_NC: return (insn & 0x9f000000u) == 0x90000000u;
    case F_ADR: return (insn & 0x9f000000u) == 0x10000000u;
    case F_ADD12: return (insn & 0x1f800000u) == 0x11000000u;   /* ADD/ADDS/SUB (immediate) */
    case F_LDST8: case F_LDST16: case F_LDST32: case F_LDST64: case F_LDST128: case F_LDST64_LO15:
        return (insn & 0x3b000000u) == 0x39000000u;             /* LD/ST (unsigned offset) */
    case F_TBZ14: return (insn & 0x7e000000u) == 0x36000000u;
    case F_BCOND19:
        return (insn & 0xff000010u) == 0x54000000u || (insn & 0x7e000000u) == 0x34000000u;
    case F_LDLIT19: return (insn & 0x3b000000u) == 0x18000000u;
    case F_B26: return (insn & 0x7c000000u) == 0x14000000u;
    default: return (insn & 0x1f800000u) == 0x12800000u;       /* MOVN/MOVZ/MOVK */
    }
}

/* A PC-relative immediate split as ADR/ADRP keep it: immlo in [30:29], immhi in [23:5]. */
static uint32_t put_adr_imm(uint32_t insn, uint32_t imm21)
{
    return (insn & ~0x60ffffe0u) | ((imm21 & 3u) << 29) | (((imm21 >> 2) & 0x7ffffu) << 5);
}

static int put_movw(uint32_t *insn, unsigned field, dkm_addr_t v)
{
    unsigned group, mode;   /* mode 0: unsigned check, 1: no check, 2: signed, MOVN/MOVZ */
    if (field <= F_MOVW_U3)
        group = field - F_MOVW_U0, mode = 0;
    else if (field <= F_MOVW_NC2)
        group = field - F_MOVW_NC0, mode = 1;
    else
        group = field - F_MOVW_S0, mode = 2;
    const unsigned shift = 16 * group, bits = 16 * (group + 1);
    if (mode == 0 && bits < 64 && v >> bits)
        return DKM_E_RELOC_OVERFLOW;
    if (mode == 2 && bits < 64 && !dkm_fits_signed(v, bits + 1))
        return DKM_E_RELOC_OVERFLOW;
    dkm_addr_t imm = v;
    uint32_t i = *insn;
    if (mode == 2) {
        /* opc [30:29]: 00 MOVN, 10 MOVZ; MOVN writes the inverted value */
        i &= ~0x60000000u;
        if ((dkm_saddr_t)v < 0)
            imm = ~v;
        else
            i |= 0x40000000u;
    }
    *insn = (i & ~(0xffffu << 5)) | (uint32_t)(((imm >> shift) & 0xffffu) << 5);
    return DKM_OK;
}

static int aarch64_field_put(unsigned field, uint8_t *where, dkm_addr_t v)
{
    uint32_t insn = insn_get(where);
    if (!insn_matches(field, insn))
        return DKM_E_RELOC_TYPE;
    switch (field) {
    case F_ADRP:
        if (!dkm_fits_signed(v, 33))
            return DKM_E_RELOC_OVERFLOW;
        /* fall through */
    case F_ADRP_NC:
        insn = put_adr_imm(insn, (uint32_t)(v >> 12));
        break;
    case F_ADR:
        if (!dkm_fits_signed(v, 21))
            return DKM_E_RELOC_OVERFLOW;
        insn = put_adr_imm(insn, (uint32_t)v);
        break;
    case F_ADD12:
        insn = (insn & ~(0xfffu << 10)) | (uint32_t)((v & 0xfff) << 10);
        break;
    case F_LDST8: case F_LDST16: case F_LDST32: case F_LDST64: case F_LDST128: {
        /* The offset is scaled by the access size: an unaligned low part cannot be encoded. */
        const unsigned scale = field - F_LDST8;
        if (v & ((1u << scale) - 1))
            return DKM_E_RELOC_OVERFLOW;
        insn = (insn & ~(0xfffu << 10)) | (uint32_t)(((v & 0xfff) >> scale) << 10);
        break;
    }
    case F_LDST64_LO15:
        if (v >= 0x8000 || (v & 7))
            return DKM_E_RELOC_OVERFLOW;
        insn = (insn & ~(0xfffu << 10)) | (uint32_t)((v >> 3) << 10);
        break;
    case F_TBZ14:
        if ((v & 3) || !dkm_fits_signed(v, 16))
            return DKM_E_RELOC_OVERFLOW;
        insn = (insn & ~(0x3fffu << 5)) | (uint32_t)(((v >> 2) & 0x3fff) << 5);
        break;
    case F_BCOND19: case F_LDLIT19:
        if ((v & 3) || !dkm_fits_signed(v, 21))
            return DKM_E_RELOC_OVERFLOW;
        insn = (insn & ~(0x7ffffu << 5)) | (uint32_t)(((v >> 2) & 0x7ffff) << 5);
        break;
    case F_B26:
        if ((v & 3) || !dkm_fits_signed(v, 28))
            return DKM_E_RELOC_OVERFLOW;
        insn = (insn & ~0x3ffffffu) | (uint32_t)((v >> 2) & 0x3ffffff);
        break;
    default: {
        int rc = put_movw(&insn, field, v);
        if (rc)
            return rc;
        break;
    }
    }
    insn_set(where, insn);
    return DKM_OK;
}

/* Relocatable AArch64 objects are RELA only: an instruction field never holds an addend. */
static dkm_addr_t aarch64_field_get(unsigned field, const uint8_t *where)
{
    (void)field;
    (void)where;
    return 0;
}

/* ldr x16, 8; br x16; .quad target — x16 (IP0) is the register the procedure call standard
 * leaves to veneers. */
#define AARCH64_STUB_SIZE 16u

static void aarch64_stub_write(uint8_t *stub, dkm_addr_t target)
{
    insn_set(stub, 0x58000050u);
    insn_set(stub + 4, 0xd61f0200u);
    ((dkm_unaligned64_t *)(void *)(stub + 8))->v = (uint64_t)target;
}

const struct dkm_arch dkm_arch_host = {
    .machine = 183,
    .name = "aarch64",
    .howto = aarch64_howto,
    .nhowto = R_AARCH64_COUNT,
    .reloc_name = aarch64_reloc_name,
    .rel_sht = DKM_SHT_RELA,
    .got_needs_symbol = false,
    .field_put = aarch64_field_put,
    .field_get = aarch64_field_get,
    .stub_size = AARCH64_STUB_SIZE,
    .stub_write = aarch64_stub_write,
    /* An ADRP and the ADD or load that completes it are relocated separately: both must name
     * the same address, so an imported function is addressed through its stub everywhere. */
    .stub_is_canonical = true,
    /* GDAT(S + A): a GOT reference with an addend would need a slot of its own */
    .got_addend_names_slot = true,
};
