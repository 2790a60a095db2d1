/* kunit.h — what every kernel-unit test file shares: cmocka, and the table each file exports so
 * that main.c can run all of them as the single group "kernel-unit" (one TAP plan). */
#ifndef KUNIT_H
#define KUNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define KUNIT_TABLE(name, ...)                                                   \
    const struct CMUnitTest name##_tests[] = { __VA_ARGS__ };                    \
    const size_t name##_tests_count = sizeof(name##_tests) / sizeof(name##_tests[0])

#define KUNIT_DECLARE(name)                                                      \
    extern const struct CMUnitTest name##_tests[];                               \
    extern const size_t name##_tests_count

#endif
