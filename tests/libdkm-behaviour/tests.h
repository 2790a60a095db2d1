/* tests/libdkm-behaviour/tests.h — the test functions of each file, run by main.c once per
 * compiler and code model. */
#ifndef BEHAVIOUR_TESTS_H
#define BEHAVIOUR_TESTS_H

#include "harness.h"

/* test_features.c — one fixture per relocation kind and section feature */
void test_hello(void **state);
void test_reloc_data(void **state);
void test_reloc_calls(void **state);
void test_calls_O0(void **state);
void test_got_heavy(void **state);
void test_got_norelax(void **state);
void test_weak(void **state);
void test_common(void **state);
void test_aligned(void **state);
void test_strings(void **state);
void test_ehframe(void **state);
void test_comdat(void **state);
void test_multi_object(void **state);
void test_div64_libgcc(void **state);
void test_symbols_and_addresses(void **state);
void test_narrow_relocations(void **state);

/* test_lifecycle.c — constructors, init, exit, init sections, failures and rollback */
void test_ctors_dtors(void **state);
void test_register_macros(void **state);
void test_init_failure_rolls_back(void **state);
void test_init_sections_freed(void **state);
void test_crash_in_init_rolls_back(void **state);
void test_crash_in_constructor_rolls_back(void **state);
void test_no_run(void **state);
void test_duplicate_name(void **state);
void test_kernel_services(void **state);
void test_leftover_registrations(void **state);
void test_failed_init_leftovers(void **state);
void test_seed_void(void **state);
void test_seed_api(void **state);

/* test_modules.c — dependencies, metadata, parameters, ABI, unresolved symbols */
void test_dependency_refuses_unload(void **state);
void test_force_unload(void **state);
void test_holds(void **state);
void test_depends_version(void **state);
void test_export_clash(void **state);
void test_unresolved_all_named(void **state);
void test_modinfo(void **state);
void test_abi_major_mismatch(void **state);
void test_abi_minor_newer(void **state);
void test_abi_missing_warns(void **state);
void test_params_defaults(void **state);
void test_params_set(void **state);
void test_params_bad(void **state);
void test_param_set_at_runtime(void **state);

/* test_formats.c — ET_DYN, ET_EXEC, and the relocation coverage of the fixture corpus */
void test_shared_object(void **state);
void test_seed_pie(void **state);
void test_exec_fixed_address(void **state);
void test_corpus_covers_relocations(void **state);

/* test_port.c — the Linux port */
void test_port_regions(void **state);
void test_port_claim(void **state);
void test_port_resolve(void **state);
void test_port_catches_crashes(void **state);

#endif
