/* cases_regressions.c — inputs the fuzzer found to crash the loader or trip a sanitizer, rebuilt
 * from the samples as the smallest edit that reproduces each. The raw fuzzer inputs are replayed
 * under ASan/UBSan from tests/fuzz/regressions/ by the fuzz-smoke suite; misaligned reads only
 * show in the libdkm-malformed-asan run of these cases. */
#include "malformed.h"

static void reloc_none_symbol_out_of_range(struct mctx *c)
{
    /* R_386_NONE needs no symbol, but its index must not be used unchecked */
    rel(c, ".rel.text", 0)->r_info = ELF32_R_INFO(0xffffffu, R_386_NONE);
    want_value(c, 0xffffffu);
}

static void init_array_unaligned(struct mctx *c)
{
    /* an init array at an odd address: entries must be read without misaligned accesses */
    sec(c, ".init_array")->sh_addralign = 1;
    sec(c, ".data")->sh_size = 3;
    sec(c, ".data")->sh_addralign = 1;
    want_name(c, ".init_array");
}

static void dyn_init_array_unaligned(struct mctx *c)
{
    /* DT_INIT_ARRAY one byte off: the entries read are garbage and at an odd address */
    dyn_tag(c, DT_INIT_ARRAY)->d_un.d_ptr += 1;
}

static void unloaded_refs_bad_reloc(struct mctx *c)
{
    /* a symbol in a section that is not loaded makes the loader look for relocations using such
     * symbols; that scan must not trust a relocation's type or symbol index either */
    sym(c, "sample_cursor")->st_shndx = (uint16_t)sec_index(c, ".comment");
    sym(c, "sample_cursor")->st_value = 0;
    rel(c, ".rel.text", 0)->r_info = ELF32_R_INFO(0x6f6973u, 0x72u);
}

static void exec_at_address_zero(struct mctx *c)
{
    /* a shared object relabelled ET_EXEC: "pre-linked" at address 0, which no port can give */
    eh(c)->e_type = ET_EXEC;
    want_value(c, 0);
}

const struct mcase regression_cases[] = {
    { "regression_reloc_none_symbol_index", SAMPLE_REL, reloc_none_symbol_out_of_range, DKM_E_SYM_INDEX,
      "R_386_NONE symbol index checked (fuzz: reloc-none-symbol-index)", true, 0 },
    { "regression_init_array_unaligned", SAMPLE_REL, init_array_unaligned, DKM_E_ALIGN,
      "init array read without misaligned access (fuzz: init-array-unaligned)", true, 0 },
    { "regression_dyn_init_array_unaligned", SAMPLE_DYN, dyn_init_array_unaligned, DKM_E_ENTRY,
      "DT_INIT_ARRAY read without misaligned access (fuzz: dyn-init-array-unaligned)", false,
      DKM_E_ALIGN },
    { "regression_unloaded_refs_bad_reloc", SAMPLE_REL, unloaded_refs_bad_reloc, DKM_E_RELOC_TYPE,
      "relocation checked before any use (fuzz: unloaded-refs-bad-reloc)", false, DKM_E_SYM_INDEX },
    { "regression_exec_at_address_zero", SAMPLE_DYN, exec_at_address_zero, DKM_E_EXEC_RANGE,
      "ET_EXEC at address 0 refused cleanly (fuzz: exec-at-address-zero)", false, 0 },
    { NULL, 0, NULL, 0, NULL, false, 0 },
};
