/* tests/libdkm-behaviour/main.c — runs every behaviour test once per compiler and code model,
 * each test in a fresh loader, with names like "gcc-pic: ctors_dtors" in the TAP output.
 *     behaviour FIXTURE_ROOT      (e.g. build/fixtures) */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T(fn) { #fn, fn }

struct named_test {
    const char *name;
    CMUnitTestFunction fn;
};

/* Every variant runs these. */
static const struct named_test common_tests[] = {
    T(test_hello), T(test_reloc_data), T(test_reloc_calls), T(test_calls_O0), T(test_got_heavy),
    T(test_got_norelax), T(test_weak), T(test_common), T(test_aligned), T(test_strings),
    T(test_ehframe), T(test_comdat), T(test_multi_object), T(test_div64_libgcc),
    T(test_symbols_and_addresses), T(test_narrow_relocations),
    T(test_ctors_dtors), T(test_register_macros),
    T(test_init_failure_rolls_back), T(test_init_sections_freed), T(test_crash_in_init_rolls_back),
    T(test_crash_in_constructor_rolls_back),
    T(test_no_run), T(test_duplicate_name), T(test_kernel_services), T(test_leftover_registrations),
    T(test_failed_init_leftovers),
    T(test_seed_void), T(test_seed_api), T(test_dependency_refuses_unload), T(test_force_unload),
    T(test_holds), T(test_depends_version), T(test_export_clash), T(test_unresolved_all_named),
    T(test_modinfo), T(test_abi_major_mismatch), T(test_abi_minor_newer),
    T(test_abi_missing_warns), T(test_params_defaults), T(test_params_set), T(test_params_bad),
    T(test_param_set_at_runtime),
};

/* Linked formats exist in the variant whose code model they were built with. */
static const struct named_test nopic_tests[] = { T(test_exec_fixed_address) };
static const struct named_test pie_tests[] = { T(test_seed_pie) };
static const struct named_test pic_tests[] = { T(test_shared_object) };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int run_variant(const char *variant, const struct named_test *extra, size_t nextra)
{
    size_t n = COUNT(common_tests) + nextra;
    struct CMUnitTest *tests = calloc(n, sizeof(*tests));
    char (*names)[96] = calloc(n, sizeof(*names));
    if (tests == NULL || names == NULL)
        return 1;
    for (size_t i = 0; i < n; i++) {
        const struct named_test *t = i < COUNT(common_tests) ? &common_tests[i]
                                                            : &extra[i - COUNT(common_tests)];
        snprintf(names[i], sizeof(names[i]), "%s: %s", variant, t->name + 5);
        tests[i] = (struct CMUnitTest){ names[i], t->fn, fx_setup, fx_teardown, NULL };
    }
    fx_variant = variant;
    int failed = _cmocka_run_group_tests(variant, tests, n, NULL, NULL);
    free(tests);
    free(names);
    return failed;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        fx_root = argv[1];
    static const char *const compilers[] = { "gcc", "clang" };
    int failed = 0;
    for (size_t c = 0; c < COUNT(compilers); c++) {
        char v[32];
        snprintf(v, sizeof(v), "%s-nopic", compilers[c]);
        failed += run_variant(v, nopic_tests, COUNT(nopic_tests));
        snprintf(v, sizeof(v), "%s-pie", compilers[c]);
        failed += run_variant(v, pie_tests, COUNT(pie_tests));
        snprintf(v, sizeof(v), "%s-pic", compilers[c]);
        failed += run_variant(v, pic_tests, COUNT(pic_tests));
    }
    const struct CMUnitTest corpus[] = {
        cmocka_unit_test(test_corpus_covers_relocations), cmocka_unit_test(test_port_regions),
        cmocka_unit_test(test_port_claim),                cmocka_unit_test(test_port_resolve),
        cmocka_unit_test(test_port_catches_crashes),
    };
    failed += cmocka_run_group_tests_name("port and corpus", corpus, NULL, NULL);
    return failed ? 1 : 0;
}
