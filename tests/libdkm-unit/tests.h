/* tests.h — every test of the libdkm-unit suite, one list per file, gathered by main.c into a
 * single cmocka group (one TAP plan). */
#ifndef LIBDKM_UNIT_TESTS_H
#define LIBDKM_UNIT_TESTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define UNIT_TEST_LIST(name) extern const struct CMUnitTest name[]; extern const size_t name##_count

UNIT_TEST_LIST(util_tests);
UNIT_TEST_LIST(exports_tests);
UNIT_TEST_LIST(modinfo_tests);
UNIT_TEST_LIST(reloc_tests);
UNIT_TEST_LIST(load_tests);
UNIT_TEST_LIST(lifecycle_tests);
UNIT_TEST_LIST(layout_tests);
UNIT_TEST_LIST(license_tests);
UNIT_TEST_LIST(inplace_tests);
UNIT_TEST_LIST(symhash_tests);

#define DEFINE_TEST_LIST(name, ...)                                                          \
    const struct CMUnitTest name[] = {__VA_ARGS__};                                          \
    const size_t name##_count = sizeof name / sizeof name[0]

#endif
