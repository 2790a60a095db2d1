/* arch/i386.c — what each i386 relocation type means, as a table the generic relocation code
 * (relocate.c) reads: the kind of value (S + A, S + A - P, GOT-relative...), the field width and
 * whether the type may appear in relocatable objects or in linked images. 32-bit fields wrap (the
 * address space is 32 bits wide), narrower ones are range-checked. */
#include "../internal.h"

enum {
    R_386_NONE = 0, R_386_32 = 1, R_386_PC32 = 2, R_386_GOT32 = 3, R_386_PLT32 = 4,
    R_386_COPY = 5, R_386_GLOB_DAT = 6, R_386_JMP_SLOT = 7, R_386_RELATIVE = 8,
    R_386_GOTOFF = 9, R_386_GOTPC = 10, R_386_16 = 20, R_386_PC16 = 21, R_386_8 = 22,
    R_386_PC8 = 23, R_386_GOT32X = 43, R_386_COUNT = 44
};

#define REL DKM_RF_REL
#define DYN DKM_RF_DYN
#define NO DKM_OV_NONE
#define SIGNED DKM_OV_SIGNED
#define EITHER DKM_OV_EITHER

static const struct dkm_reloc_howto i386_howto[R_386_COUNT] = {
    [R_386_NONE] = {DKM_RK_NONE, 0, NO, REL | DYN, 0},
    [R_386_32] = {DKM_RK_ABS, 4, NO, REL | DYN, 0},
    [R_386_PC32] = {DKM_RK_PCREL, 4, NO, REL | DYN, 0},
    /* GOT32X may be relaxed by a linker; keeping the GOT load is always correct. */
    [R_386_GOT32] = {DKM_RK_GOT, 4, NO, REL, 0},
    [R_386_GOT32X] = {DKM_RK_GOT, 4, NO, REL, 0},
    /* There is no PLT: calls through PLT32 go straight to the symbol. */
    [R_386_PLT32] = {DKM_RK_PCREL, 4, NO, REL, 0},
    [R_386_GOTOFF] = {DKM_RK_GOTOFF, 4, NO, REL, 0},
    [R_386_GOTPC] = {DKM_RK_GOTPC, 4, NO, REL, 0},
    [R_386_GLOB_DAT] = {DKM_RK_SYMVAL, 4, NO, DYN, 0},
    [R_386_JMP_SLOT] = {DKM_RK_SYMVAL, 4, NO, DYN, 0},
    [R_386_RELATIVE] = {DKM_RK_RELATIVE, 4, NO, DYN, 0},
    [R_386_16] = {DKM_RK_ABS, 2, EITHER, REL, 0},
    [R_386_PC16] = {DKM_RK_PCREL, 2, SIGNED, REL, 0},
    [R_386_8] = {DKM_RK_ABS, 1, EITHER, REL, 0},
    [R_386_PC8] = {DKM_RK_PCREL, 1, SIGNED, REL, 0},
};

static const char *i386_reloc_name(uint32_t type)
{
    switch (type) {
    case R_386_NONE: return "R_386_NONE";
    case R_386_32: return "R_386_32";
    case R_386_PC32: return "R_386_PC32";
    case R_386_GOT32: return "R_386_GOT32";
    case R_386_PLT32: return "R_386_PLT32";
    case R_386_COPY: return "R_386_COPY";
    case R_386_GLOB_DAT: return "R_386_GLOB_DAT";
    case R_386_JMP_SLOT: return "R_386_JMP_SLOT";
    case R_386_RELATIVE: return "R_386_RELATIVE";
    case R_386_GOTOFF: return "R_386_GOTOFF";
    case R_386_GOTPC: return "R_386_GOTPC";
    case R_386_16: return "R_386_16";
    case R_386_PC16: return "R_386_PC16";
    case R_386_8: return "R_386_8";
    case R_386_PC8: return "R_386_PC8";
    case R_386_GOT32X: return "R_386_GOT32X";
    case 14: case 15: case 16: case 17: case 18: case 19: case 24: case 25: case 26: case 27:
    case 28: case 29: case 30: case 31: case 32: case 33: case 34: case 35: case 36: case 37:
    case 39: case 40: case 41:
        return "TLS";
    case 42: return "R_386_IRELATIVE";
    default: return "unknown";
    }
}

const struct dkm_arch dkm_arch_host = {
    .machine = 3,
    .name = "i386",
    .howto = i386_howto,
    .nhowto = R_386_COUNT,
    .reloc_name = i386_reloc_name,
    .rel_sht = DKM_SHT_REL,
    /* GOT32 always comes with a GOTPC against _GLOBAL_OFFSET_TABLE_ to form the base. */
    .got_needs_symbol = true,
};
