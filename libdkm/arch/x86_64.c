/* arch/x86_64.c — what each x86_64 relocation type means (the psABI's table as kinds and data
 * fields; x86_64 has no instruction-encoded fields), and the branch stub that lets a call reach a
 * target beyond ±2 GiB: an indirect jump through an address stored next to it. */
#include "../internal.h"

enum {
    R_X86_64_NONE = 0, R_X86_64_64 = 1, R_X86_64_PC32 = 2, R_X86_64_GOT32 = 3, R_X86_64_PLT32 = 4,
    R_X86_64_COPY = 5, R_X86_64_GLOB_DAT = 6, R_X86_64_JUMP_SLOT = 7, R_X86_64_RELATIVE = 8,
    R_X86_64_GOTPCREL = 9, R_X86_64_32 = 10, R_X86_64_32S = 11, R_X86_64_16 = 12,
    R_X86_64_PC16 = 13, R_X86_64_8 = 14, R_X86_64_PC8 = 15, R_X86_64_PC64 = 24,
    R_X86_64_GOTOFF64 = 25, R_X86_64_GOTPC32 = 26, R_X86_64_GOT64 = 27, R_X86_64_GOTPCREL64 = 28,
    R_X86_64_GOTPC64 = 29, R_X86_64_GOTPLT64 = 30, R_X86_64_PLTOFF64 = 31, R_X86_64_SIZE32 = 32,
    R_X86_64_SIZE64 = 33, R_X86_64_IRELATIVE = 37, R_X86_64_GOTPCRELX = 41,
    R_X86_64_REX_GOTPCRELX = 42, R_X86_64_COUNT = 43
};

#define REL DKM_RF_REL
#define DYN DKM_RF_DYN
#define NO DKM_OV_NONE
#define SIGNED DKM_OV_SIGNED
#define UNSIGNED DKM_OV_UNSIGNED
#define EITHER DKM_OV_EITHER

static const struct dkm_reloc_howto x86_64_howto[R_X86_64_COUNT] = {
    [R_X86_64_NONE] = {DKM_RK_NONE, 0, NO, REL | DYN, 0},
    [R_X86_64_64] = {DKM_RK_ABS, 8, NO, REL | DYN, 0},
    /* A PC32 that is a call or jump may take a stub (pcrel_is_branch); data references may not. */
    [R_X86_64_PC32] = {DKM_RK_PCREL, 4, SIGNED, REL, 0},
    /* There is no PLT: calls go straight to the symbol, or through a stub when out of reach. */
    [R_X86_64_PLT32] = {DKM_RK_BRANCH, 4, SIGNED, REL, 0},
    [R_X86_64_GOT32] = {DKM_RK_GOT, 4, SIGNED, REL, 0},
    /* The relaxable forms keep their GOT load: always correct, and the slot is ours anyway. */
    [R_X86_64_GOTPCREL] = {DKM_RK_GOTPCREL, 4, SIGNED, REL, 0},
    [R_X86_64_GOTPCRELX] = {DKM_RK_GOTPCREL, 4, SIGNED, REL, 0},
    [R_X86_64_REX_GOTPCRELX] = {DKM_RK_GOTPCREL, 4, SIGNED, REL, 0},
    /* -mcmodel=small/-fno-pic: zero-extended; -mcmodel=kernel: sign-extended. */
    [R_X86_64_32] = {DKM_RK_ABS, 4, UNSIGNED, REL, 0},
    [R_X86_64_32S] = {DKM_RK_ABS, 4, SIGNED, REL, 0},
    [R_X86_64_16] = {DKM_RK_ABS, 2, EITHER, REL, 0},
    [R_X86_64_PC16] = {DKM_RK_PCREL, 2, SIGNED, REL, 0},
    [R_X86_64_8] = {DKM_RK_ABS, 1, EITHER, REL, 0},
    [R_X86_64_PC8] = {DKM_RK_PCREL, 1, SIGNED, REL, 0},
    /* -mcmodel=large */
    [R_X86_64_PC64] = {DKM_RK_PCREL, 8, NO, REL, 0},
    [R_X86_64_GOTOFF64] = {DKM_RK_GOTOFF, 8, NO, REL, 0},
    [R_X86_64_GOTPC32] = {DKM_RK_GOTPC, 4, SIGNED, REL, 0},
    [R_X86_64_GOTPC64] = {DKM_RK_GOTPC, 8, NO, REL, 0},
    [R_X86_64_GOT64] = {DKM_RK_GOT, 8, NO, REL, 0},
    [R_X86_64_GOTPLT64] = {DKM_RK_GOT, 8, NO, REL, 0},
    [R_X86_64_GOTPCREL64] = {DKM_RK_GOTPCREL, 8, NO, REL, 0},
    /* The "PLT entry" is the symbol itself. */
    [R_X86_64_PLTOFF64] = {DKM_RK_GOTOFF, 8, NO, REL, 0},
    [R_X86_64_SIZE32] = {DKM_RK_SIZE, 4, UNSIGNED, REL, 0},
    [R_X86_64_SIZE64] = {DKM_RK_SIZE, 8, NO, REL, 0},
    [R_X86_64_GLOB_DAT] = {DKM_RK_SYMVAL, 8, NO, DYN, 0},
    [R_X86_64_JUMP_SLOT] = {DKM_RK_SYMVAL, 8, NO, DYN, 0},
    [R_X86_64_RELATIVE] = {DKM_RK_RELATIVE, 8, NO, DYN, 0},
};

static const char *const x86_64_names[] = {
    "R_X86_64_NONE", "R_X86_64_64", "R_X86_64_PC32", "R_X86_64_GOT32", "R_X86_64_PLT32",
    "R_X86_64_COPY", "R_X86_64_GLOB_DAT", "R_X86_64_JUMP_SLOT", "R_X86_64_RELATIVE",
    "R_X86_64_GOTPCREL", "R_X86_64_32", "R_X86_64_32S", "R_X86_64_16", "R_X86_64_PC16",
    "R_X86_64_8", "R_X86_64_PC8", "R_X86_64_DTPMOD64", "R_X86_64_DTPOFF64", "R_X86_64_TPOFF64",
    "R_X86_64_TLSGD", "R_X86_64_TLSLD", "R_X86_64_DTPOFF32", "R_X86_64_GOTTPOFF",
    "R_X86_64_TPOFF32", "R_X86_64_PC64", "R_X86_64_GOTOFF64", "R_X86_64_GOTPC32",
    "R_X86_64_GOT64", "R_X86_64_GOTPCREL64", "R_X86_64_GOTPC64", "R_X86_64_GOTPLT64",
    "R_X86_64_PLTOFF64", "R_X86_64_SIZE32", "R_X86_64_SIZE64", "R_X86_64_GOTPC32_TLSDESC",
    "R_X86_64_TLSDESC_CALL", "R_X86_64_TLSDESC", "R_X86_64_IRELATIVE", "R_X86_64_RELATIVE64",
    "R_X86_64_39", "R_X86_64_40", "R_X86_64_GOTPCRELX", "R_X86_64_REX_GOTPCRELX",
};

static const char *x86_64_reloc_name(uint32_t type)
{
    return type < sizeof x86_64_names / sizeof x86_64_names[0] ? x86_64_names[type] : "unknown";
}

/* jmp *0(%rip); .quad target — 14 bytes, padded with int3 to 16. */
#define X86_64_STUB_SIZE 16u

static void x86_64_stub_write(uint8_t *stub, dkm_addr_t target)
{
    static const uint8_t jmp_rip[6] = {0xff, 0x25, 0, 0, 0, 0};
    dkm_memcpy(stub, jmp_rip, sizeof jmp_rip);
    ((dkm_unaligned64_t *)(void *)(stub + 6))->v = (uint64_t)target;
    stub[14] = stub[15] = 0xcc;
}

/* A PC32 field is a branch when it is the rel32 of call (e8) or jmp (e9) with the usual -4
 * addend; anything else (a RIP-relative data access) must reach its symbol directly. */
static bool x86_64_pcrel_is_branch(const uint8_t *where, dkm_addr_t off, dkm_addr_t A)
{
    return off >= 1 && A == (dkm_addr_t)-4 && (where[-1] == 0xe8 || where[-1] == 0xe9);
}

const struct dkm_arch dkm_arch_host = {
    .machine = 62,
    .name = "x86_64",
    .howto = x86_64_howto,
    .nhowto = R_X86_64_COUNT,
    .reloc_name = x86_64_reloc_name,
    .rel_sht = DKM_SHT_RELA,
    .got_needs_symbol = false,
    .stub_size = X86_64_STUB_SIZE,
    .stub_write = x86_64_stub_write,
    .pcrel_is_branch = x86_64_pcrel_is_branch,
};
