/* arch/riscv64.c — what each RISC-V (RV64) relocation type means: kinds and instruction fields
 * (U/I/S/B/J formats, the auipc+jalr call pair, compressed branches), the in-place ADD/SUB/SET
 * arithmetic of .eh_frame and debug data, and the branch stub for calls beyond ±2 GiB. */
#include "../internal.h"

enum {
    R_RISCV_NONE = 0, R_RISCV_32 = 1, R_RISCV_64 = 2, R_RISCV_RELATIVE = 3, R_RISCV_COPY = 4,
    R_RISCV_JUMP_SLOT = 5, R_RISCV_BRANCH = 16, R_RISCV_JAL = 17, R_RISCV_CALL = 18,
    R_RISCV_CALL_PLT = 19, R_RISCV_GOT_HI20 = 20, R_RISCV_TLS_GOT_HI20 = 21, R_RISCV_TLS_GD_HI20 = 22,
    R_RISCV_PCREL_HI20 = 23, R_RISCV_PCREL_LO12_I = 24, R_RISCV_PCREL_LO12_S = 25, R_RISCV_HI20 = 26,
    R_RISCV_LO12_I = 27, R_RISCV_LO12_S = 28, R_RISCV_ADD8 = 33, R_RISCV_ADD16 = 34,
    R_RISCV_ADD32 = 35, R_RISCV_ADD64 = 36, R_RISCV_SUB8 = 37, R_RISCV_SUB16 = 38,
    R_RISCV_SUB32 = 39, R_RISCV_SUB64 = 40, R_RISCV_GOT32_PCREL = 41, R_RISCV_ALIGN = 43,
    R_RISCV_RVC_BRANCH = 44, R_RISCV_RVC_JUMP = 45, R_RISCV_RVC_LUI = 46, R_RISCV_RELAX = 51,
    R_RISCV_SUB6 = 52, R_RISCV_SET6 = 53, R_RISCV_SET8 = 54, R_RISCV_SET16 = 55, R_RISCV_SET32 = 56,
    R_RISCV_32_PCREL = 57, R_RISCV_PLT32 = 59, R_RISCV_COUNT = 66
};

/* Instruction and in-place fields (dkm_reloc_howto.field). */
enum {
    F_DATA = 0,
    F_BTYPE,    /* beq..bgeu: 13-bit signed, even */
    F_JTYPE,    /* jal: 21-bit signed, even */
    F_CALL,     /* auipc + jalr: hi20 into the first, lo12 into the second */
    F_HI20,     /* lui/auipc: bits 31:12 of the value rounded by its low 12 bits */
    F_LO12_I,   /* I-type immediate: the low 12 bits */
    F_LO12_S,   /* S-type immediate: the low 12 bits */
    F_RVC_B,    /* c.beqz/c.bnez: 9-bit signed, even */
    F_RVC_J,    /* c.j/c.jal: 12-bit signed, even */
    F_RVC_LUI,  /* c.lui: the hi20 part as a non-zero 6-bit signed immediate */
    F_ADD8, F_ADD16, F_ADD32, F_ADD64,          /* field += value */
    F_SUB6, F_SUB8, F_SUB16, F_SUB32, F_SUB64,  /* field -= value (SUB6: low 6 bits) */
    F_SET6,                                     /* low 6 bits = value */
};

#define REL DKM_RF_REL
#define DYN DKM_RF_DYN
#define NO DKM_OV_NONE
#define SIGNED DKM_OV_SIGNED
#define EITHER DKM_OV_EITHER

static const struct dkm_reloc_howto riscv64_howto[R_RISCV_COUNT] = {
    [R_RISCV_NONE] = {DKM_RK_NONE, 0, NO, REL | DYN, 0},
    [R_RISCV_32] = {DKM_RK_ABS, 4, EITHER, REL, 0},
    [R_RISCV_64] = {DKM_RK_ABS, 8, NO, REL | DYN, 0},
    [R_RISCV_RELATIVE] = {DKM_RK_RELATIVE, 8, NO, DYN, 0},
    [R_RISCV_JUMP_SLOT] = {DKM_RK_SYMVAL, 8, NO, DYN, 0},
    /* Conditional branches only ever reach local code; out of reach is an error. */
    [R_RISCV_BRANCH] = {DKM_RK_PCREL, 4, NO, REL, F_BTYPE},
    [R_RISCV_JAL] = {DKM_RK_BRANCH, 4, NO, REL, F_JTYPE},
    /* There is no PLT: calls go straight to the symbol, or through a stub when out of reach. */
    [R_RISCV_CALL] = {DKM_RK_BRANCH, 8, NO, REL, F_CALL},
    [R_RISCV_CALL_PLT] = {DKM_RK_BRANCH, 8, NO, REL, F_CALL},
    [R_RISCV_GOT_HI20] = {DKM_RK_GOTPCREL, 4, NO, REL, F_HI20},
    [R_RISCV_PCREL_HI20] = {DKM_RK_PCREL, 4, NO, REL, F_HI20},
    /* The symbol labels the auipc whose relocation holds the value (relocate.c pairs them). */
    [R_RISCV_PCREL_LO12_I] = {DKM_RK_PAIR_LO, 4, NO, REL, F_LO12_I},
    [R_RISCV_PCREL_LO12_S] = {DKM_RK_PAIR_LO, 4, NO, REL, F_LO12_S},
    /* medlow: absolute addresses in the sign-extended 32-bit range */
    [R_RISCV_HI20] = {DKM_RK_ABS, 4, NO, REL, F_HI20},
    [R_RISCV_LO12_I] = {DKM_RK_ABS, 4, NO, REL, F_LO12_I},
    [R_RISCV_LO12_S] = {DKM_RK_ABS, 4, NO, REL, F_LO12_S},
    /* Label differences the assembler could not fold because relaxation might move code: the
     * loader never relaxes, but applies them as written (V + S + A, V - S - A, S + A). */
    [R_RISCV_ADD8] = {DKM_RK_ABS, 1, NO, REL, F_ADD8},
    [R_RISCV_ADD16] = {DKM_RK_ABS, 2, NO, REL, F_ADD16},
    [R_RISCV_ADD32] = {DKM_RK_ABS, 4, NO, REL, F_ADD32},
    [R_RISCV_ADD64] = {DKM_RK_ABS, 8, NO, REL, F_ADD64},
    [R_RISCV_SUB6] = {DKM_RK_ABS, 1, NO, REL, F_SUB6},
    [R_RISCV_SUB8] = {DKM_RK_ABS, 1, NO, REL, F_SUB8},
    [R_RISCV_SUB16] = {DKM_RK_ABS, 2, NO, REL, F_SUB16},
    [R_RISCV_SUB32] = {DKM_RK_ABS, 4, NO, REL, F_SUB32},
    [R_RISCV_SUB64] = {DKM_RK_ABS, 8, NO, REL, F_SUB64},
    [R_RISCV_SET6] = {DKM_RK_ABS, 1, NO, REL, F_SET6},
    [R_RISCV_SET8] = {DKM_RK_ABS, 1, NO, REL, 0},
    [R_RISCV_SET16] = {DKM_RK_ABS, 2, NO, REL, 0},
    [R_RISCV_SET32] = {DKM_RK_ABS, 4, NO, REL, 0},
    [R_RISCV_GOT32_PCREL] = {DKM_RK_GOTPCREL, 4, SIGNED, REL, 0},
    [R_RISCV_32_PCREL] = {DKM_RK_PCREL, 4, SIGNED, REL, 0},
    [R_RISCV_PLT32] = {DKM_RK_BRANCH, 4, SIGNED, REL, 0},
    /* No code is ever deleted, so the assembler's padding already is the alignment it asked for
     * (the section keeps its sh_addralign); relaxation hints are simply not taken. */
    [R_RISCV_ALIGN] = {DKM_RK_NONE, 0, NO, REL, 0},
    [R_RISCV_RELAX] = {DKM_RK_NONE, 0, NO, REL, 0},
    [R_RISCV_RVC_BRANCH] = {DKM_RK_PCREL, 2, NO, REL, F_RVC_B},
    [R_RISCV_RVC_JUMP] = {DKM_RK_BRANCH, 2, NO, REL, F_RVC_J},
    [R_RISCV_RVC_LUI] = {DKM_RK_ABS, 2, NO, REL, F_RVC_LUI},
};

static const char *const riscv64_names[R_RISCV_COUNT] = {
    "R_RISCV_NONE", "R_RISCV_32", "R_RISCV_64", "R_RISCV_RELATIVE", "R_RISCV_COPY",
    "R_RISCV_JUMP_SLOT", "R_RISCV_TLS_DTPMOD32", "R_RISCV_TLS_DTPMOD64", "R_RISCV_TLS_DTPREL32",
    "R_RISCV_TLS_DTPREL64", "R_RISCV_TLS_TPREL32", "R_RISCV_TLS_TPREL64", "R_RISCV_TLSDESC",
    [R_RISCV_BRANCH] = "R_RISCV_BRANCH", "R_RISCV_JAL", "R_RISCV_CALL", "R_RISCV_CALL_PLT",
    "R_RISCV_GOT_HI20", "R_RISCV_TLS_GOT_HI20", "R_RISCV_TLS_GD_HI20", "R_RISCV_PCREL_HI20",
    "R_RISCV_PCREL_LO12_I", "R_RISCV_PCREL_LO12_S", "R_RISCV_HI20", "R_RISCV_LO12_I",
    "R_RISCV_LO12_S", "R_RISCV_TPREL_HI20", "R_RISCV_TPREL_LO12_I", "R_RISCV_TPREL_LO12_S",
    "R_RISCV_TPREL_ADD", "R_RISCV_ADD8", "R_RISCV_ADD16", "R_RISCV_ADD32", "R_RISCV_ADD64",
    "R_RISCV_SUB8", "R_RISCV_SUB16", "R_RISCV_SUB32", "R_RISCV_SUB64", "R_RISCV_GOT32_PCREL",
    [R_RISCV_ALIGN] = "R_RISCV_ALIGN", "R_RISCV_RVC_BRANCH", "R_RISCV_RVC_JUMP", "R_RISCV_RVC_LUI",
    "R_RISCV_GPREL_I", "R_RISCV_GPREL_S", "R_RISCV_TPREL_I", "R_RISCV_TPREL_S", "R_RISCV_RELAX",
    "R_RISCV_SUB6", "R_RISCV_SET6", "R_RISCV_SET8", "R_RISCV_SET16", "R_RISCV_SET32",
    "R_RISCV_32_PCREL", "R_RISCV_IRELATIVE", "R_RISCV_PLT32", "R_RISCV_SET_ULEB128",
    "R_RISCV_SUB_ULEB128", "R_RISCV_TLSDESC_HI20", "R_RISCV_TLSDESC_LOAD_LO12",
    "R_RISCV_TLSDESC_ADD_LO12", "R_RISCV_TLSDESC_CALL",
};

static const char *riscv64_reloc_name(uint32_t type)
{
    return type < R_RISCV_COUNT && riscv64_names[type] ? riscv64_names[type] : "unknown";
}

static dkm_addr_t sext(dkm_addr_t v, unsigned bits)
{
    const dkm_addr_t m = (dkm_addr_t)1 << (bits - 1);
    v &= ((dkm_addr_t)1 << bits) - 1;
    return (v ^ m) - m;
}

/* The upper part of a value split between a 20-bit and a signed 12-bit immediate: the low part
 * is sign-extended by the hardware, so the upper part is rounded. */
static dkm_addr_t hi20_of(dkm_addr_t v)
{
    return (dkm_addr_t)((dkm_saddr_t)(v + 0x800) >> 12);
}

static uint32_t itype_imm(dkm_addr_t v)
{
    return ((uint32_t)v & 0xfff) << 20;
}
static uint32_t stype_imm(dkm_addr_t v)
{
    return (((uint32_t)v & 0xfe0) << 20) | (((uint32_t)v & 0x1f) << 7);
}
static uint32_t btype_imm(dkm_addr_t v)
{
    const uint32_t x = (uint32_t)v;
    return ((x & 0x1000) << 19) | ((x & 0x7e0) << 20) | ((x & 0x1e) << 7) | ((x & 0x800) >> 4);
}
static uint32_t jtype_imm(dkm_addr_t v)
{
    const uint32_t x = (uint32_t)v;
    return ((x & 0x100000) << 11) | ((x & 0x7fe) << 20) | ((x & 0x800) << 9) | (x & 0xff000);
}
static uint16_t cb_imm(dkm_addr_t v)
{
    const uint32_t x = (uint32_t)v;
    return (uint16_t)(((x & 0x100) << 4) | ((x & 0x18) << 7) | ((x & 0xc0) >> 1) | ((x & 0x6) << 2) |
                      ((x & 0x20) >> 3));
}
static uint16_t cj_imm(dkm_addr_t v)
{
    const uint32_t x = (uint32_t)v;
    return (uint16_t)(((x & 0x800) << 1) | ((x & 0x10) << 7) | ((x & 0x300) << 1) | ((x & 0x400) >> 2) |
                      ((x & 0x40) << 1) | ((x & 0x80) >> 1) | ((x & 0xe) << 2) | ((x & 0x20) >> 3));
}

/* Major opcodes, so that a relocation is never written into an instruction of another kind. */
#define OP_MASK 0x7fu
#define OP_LUI 0x37u
#define OP_AUIPC 0x17u
#define OP_JALR 0x67u
#define OP_JAL 0x6fu
#define OP_BRANCH 0x63u
#define OP_STORE 0x23u
#define OP_STORE_FP 0x27u
#define MASK_BTYPE 0x01fff07fu
#define MASK_ITYPE 0x000fffffu
#define MASK_STYPE 0x01fff07fu

static bool is_itype(uint32_t insn)
{
    /* loads, fp loads, op-imm(-32), jalr: every I-type opcode with a 12-bit immediate */
    const uint32_t op = insn & OP_MASK;
    return op == 0x03 || op == 0x07 || op == 0x13 || op == 0x1b || op == OP_JALR;
}

static int put_hi20(uint8_t *where, dkm_addr_t v)
{
    const uint32_t insn = dkm_get32(where);
    if ((insn & OP_MASK) != OP_LUI && (insn & OP_MASK) != OP_AUIPC)
        return DKM_E_RELOC_TYPE;
    if (!dkm_fits_signed(v + 0x800, 32))
        return DKM_E_RELOC_OVERFLOW;
    dkm_put32(where, (insn & 0xfffu) | ((uint32_t)hi20_of(v) << 12));
    return DKM_OK;
}

static int put_add_sub(unsigned field, uint8_t *where, dkm_addr_t v)
{
    switch (field) {
    case F_ADD8: *where = (uint8_t)(*where + v); break;
    case F_ADD16: dkm_put16(where, (uint16_t)(dkm_get16(where) + v)); break;
    case F_ADD32: dkm_put32(where, (uint32_t)(dkm_get32(where) + v)); break;
    case F_ADD64: ((dkm_unaligned64_t *)(void *)where)->v += (uint64_t)v; break;
    case F_SUB6: *where = (uint8_t)((*where & 0xc0) | ((*where - v) & 0x3f)); break;
    case F_SUB8: *where = (uint8_t)(*where - v); break;
    case F_SUB16: dkm_put16(where, (uint16_t)(dkm_get16(where) - v)); break;
    case F_SUB32: dkm_put32(where, (uint32_t)(dkm_get32(where) - v)); break;
    case F_SUB64: ((dkm_unaligned64_t *)(void *)where)->v -= (uint64_t)v; break;
    case F_SET6: *where = (uint8_t)((*where & 0xc0) | (v & 0x3f)); break;
    default: return DKM_E_RELOC_TYPE;
    }
    return DKM_OK;
}

static int riscv64_field_put(unsigned field, uint8_t *where, dkm_addr_t v)
{
    uint32_t insn = field < F_RVC_B ? dkm_get32(where) : 0;
    uint16_t c = field >= F_RVC_B && field <= F_RVC_LUI ? dkm_get16(where) : 0;
    switch (field) {
    case F_BTYPE:
        if ((insn & OP_MASK) != OP_BRANCH)
            return DKM_E_RELOC_TYPE;
        if (!dkm_fits_signed(v, 13) || (v & 1))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put32(where, (insn & MASK_BTYPE) | btype_imm(v));
        return DKM_OK;
    case F_JTYPE:
        if ((insn & OP_MASK) != OP_JAL)
            return DKM_E_RELOC_TYPE;
        if (!dkm_fits_signed(v, 21) || (v & 1))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put32(where, (insn & 0xfffu) | jtype_imm(v));
        return DKM_OK;
    case F_CALL: {
        const uint32_t jalr = dkm_get32(where + 4);
        if ((insn & OP_MASK) != OP_AUIPC || (jalr & OP_MASK) != OP_JALR)
            return DKM_E_RELOC_TYPE;
        if (!dkm_fits_signed(v + 0x800, 32))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put32(where, (insn & 0xfffu) | ((uint32_t)hi20_of(v) << 12));
        dkm_put32(where + 4, (jalr & MASK_ITYPE) | itype_imm(v));
        return DKM_OK;
    }
    case F_HI20:
        return put_hi20(where, v);
    case F_LO12_I:
        if (!is_itype(insn))
            return DKM_E_RELOC_TYPE;
        dkm_put32(where, (insn & MASK_ITYPE) | itype_imm(v));
        return DKM_OK;
    case F_LO12_S:
        if ((insn & OP_MASK) != OP_STORE && (insn & OP_MASK) != OP_STORE_FP)
            return DKM_E_RELOC_TYPE;
        dkm_put32(where, (insn & MASK_STYPE) | stype_imm(v));
        return DKM_OK;
    case F_RVC_B:   /* quadrant 1, funct3 110/111 */
        if ((c & 0xe003) != 0xc001 && (c & 0xe003) != 0xe001)
            return DKM_E_RELOC_TYPE;
        if (!dkm_fits_signed(v, 9) || (v & 1))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put16(where, (uint16_t)((c & 0xe383) | cb_imm(v)));
        return DKM_OK;
    case F_RVC_J:   /* quadrant 1, funct3 101 (c.j; RV64 has no c.jal) */
        if ((c & 0xe003) != 0xa001)
            return DKM_E_RELOC_TYPE;
        if (!dkm_fits_signed(v, 12) || (v & 1))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put16(where, (uint16_t)((c & 0xe003) | cj_imm(v)));
        return DKM_OK;
    case F_RVC_LUI: {  /* quadrant 1, funct3 011, rd neither x0 nor x2 */
        const unsigned rd = (c >> 7) & 0x1f;
        if ((c & 0xe003) != 0x6001 || rd == 0 || rd == 2)
            return DKM_E_RELOC_TYPE;
        const dkm_addr_t hi = hi20_of(v);
        if (!dkm_fits_signed(hi, 6) || hi == 0 || !dkm_fits_signed(v + 0x800, 32))
            return DKM_E_RELOC_OVERFLOW;
        dkm_put16(where, (uint16_t)((c & 0xef83) | ((hi & 0x20) << 7) | ((hi & 0x1f) << 2)));
        return DKM_OK;
    }
    default:
        return put_add_sub(field, where, v);
    }
}

/* The value an instruction field holds (RISC-V modules are RELA, so this serves inspection and
 * tests; ADD/SUB/SET fields hold plain data). */
static dkm_addr_t riscv64_field_get(unsigned field, const uint8_t *where)
{
    const bool word = field < F_RVC_B || field == F_ADD32 || field == F_SUB32;
    const uint32_t i = word ? dkm_get32(where) : 0;
    const uint32_t c = field >= F_RVC_B && field <= F_RVC_LUI ? dkm_get16(where) : 0;
    switch (field) {
    case F_BTYPE:
        return sext(((i >> 19) & 0x1000) | ((i >> 20) & 0x7e0) | ((i >> 7) & 0x1e) | ((i << 4) & 0x800), 13);
    case F_JTYPE:
        return sext(((i >> 11) & 0x100000) | ((i >> 20) & 0x7fe) | ((i >> 9) & 0x800) | (i & 0xff000), 21);
    case F_CALL:
        return sext(i & 0xfffff000u, 32) + sext(dkm_get32(where + 4) >> 20, 12);
    case F_HI20:
        return sext(i & 0xfffff000u, 32);
    case F_LO12_I:
        return sext(i >> 20, 12);
    case F_LO12_S:
        return sext(((i >> 20) & 0xfe0) | ((i >> 7) & 0x1f), 12);
    case F_RVC_B:
        return sext(((c >> 4) & 0x100) | ((c >> 7) & 0x18) | ((c << 1) & 0xc0) | ((c >> 2) & 0x6) |
                    ((c << 3) & 0x20), 9);
    case F_RVC_J:
        return sext(((c >> 1) & 0x800) | ((c >> 7) & 0x10) | ((c >> 1) & 0x300) | ((c << 2) & 0x400) |
                    ((c >> 1) & 0x40) | ((c << 1) & 0x80) | ((c >> 2) & 0xe) | ((c << 3) & 0x20), 12);
    case F_RVC_LUI:
        return sext((((c >> 7) & 0x20) | ((c >> 2) & 0x1f)) << 12, 18);
    case F_ADD8: case F_SUB8:
        return *where;
    case F_SUB6: case F_SET6:
        return *where & 0x3f;
    case F_ADD16: case F_SUB16:
        return dkm_get16(where);
    case F_ADD32: case F_SUB32:
        return i;
    default:
        return (dkm_addr_t)((const dkm_unaligned64_t *)(const void *)where)->v;
    }
}

/* PCREL_HI20 and GOT_HI20 carry the value their PCREL_LO12 partners take the low part of. */
static bool riscv64_pair_hi(uint32_t type)
{
    return type == R_RISCV_PCREL_HI20 || type == R_RISCV_GOT_HI20;
}

/* LO12_I/S complete a HI20 (medlow): when the full value is beyond the HI20's reach, the HI20
 * goes to the symbol's stub, so its low part must too. */
static bool riscv64_low_part_far(uint32_t type, dkm_addr_t v)
{
    return (type == R_RISCV_LO12_I || type == R_RISCV_LO12_S) && !dkm_fits_signed(v + 0x800, 32);
}

/* auipc t1, 0; ld t1, 16(t1); jalr x0, 0(t1); nop; .quad target — 24 bytes. t1 is a temporary
 * no call preserves (the psABI's PLT entries use it likewise). */
#define RISCV64_STUB_SIZE 24u

static void riscv64_stub_write(uint8_t *stub, dkm_addr_t target)
{
    dkm_put32(stub, 0x00000317u);       /* auipc t1, 0 */
    dkm_put32(stub + 4, 0x01033303u);   /* ld t1, 16(t1) */
    dkm_put32(stub + 8, 0x00030067u);   /* jalr x0, 0(t1) */
    dkm_put32(stub + 12, 0x00000013u);  /* nop: the address below stays 8-byte aligned */
    ((dkm_unaligned64_t *)(void *)(stub + 16))->v = (uint64_t)target;
}

const struct dkm_arch dkm_arch_host = {
    .machine = 243,
    .name = "riscv64",
    .howto = riscv64_howto,
    .nhowto = R_RISCV_COUNT,
    .reloc_name = riscv64_reloc_name,
    .rel_sht = DKM_SHT_RELA,
    .got_needs_symbol = false,
    .field_put = riscv64_field_put,
    .field_get = riscv64_field_get,
    .stub_size = RISCV64_STUB_SIZE,
    .stub_write = riscv64_stub_write,
    .pair_hi = riscv64_pair_hi,
    .low_part_far = riscv64_low_part_far,
};
