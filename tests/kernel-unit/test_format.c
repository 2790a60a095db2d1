/* test_format.c — the kernel's vsnprintf: every conversion and flag printk documents, truncation,
 * and the C99 return value. */
#include "kunit.h"
#include "ark/kernel.h"
#include <limits.h>

/* Some cases below are deliberately malformed or pass NULL for %s: the compiler's format checks
 * would reject them, but the kernel's vsnprintf must cope. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static char buf[128];

#define CHECK(expect, ...)                                                      \
    do {                                                                        \
        int n_ = snprintf(buf, sizeof(buf), __VA_ARGS__);                       \
        assert_string_equal(buf, expect);                                       \
        assert_int_equal(n_, (int)sizeof(expect) - 1);                          \
    } while (0)

static void integers(void **state)
{
    (void)state;
    CHECK("0", "%d", 0);
    CHECK("-42 42", "%d %i", -42, 42);
    CHECK("-2147483648", "%d", INT_MIN);
    CHECK("4294967295", "%u", UINT_MAX);
    CHECK("ff FF", "%x %X", 255, 255);
    CHECK("-9223372036854775808", "%lld", LLONG_MIN);
    CHECK("18446744073709551615", "%llu", ULLONG_MAX);
    CHECK("123456789abcdef", "%llx", 0x123456789abcdefULL);
    CHECK("4096", "%zu", (size_t)4096);
    CHECK("-1 255", "%hhd %hhu", 255, 255);
    CHECK("-1", "%ld", -1L);
    CHECK("17 377", "%o %llo", 15, 255ULL);                 /* %o comes with the shared engine */
}

static void width_and_flags(void **state)
{
    (void)state;
    CHECK("00000abc", "%08x", 0xabc);
    CHECK("|   42|", "|%5d|", 42);
    CHECK("|42   |", "|%-5d|", 42);
    CHECK("-0042", "%05d", -42);
    CHECK("+7 7", "%+d %d", 7, 7);
    CHECK(" 7", "% d", 7);
    CHECK("   07", "%5.2d", 7);
    CHECK("|  ab|", "|%*s|", 4, "ab");
    CHECK("|ab  |", "|%*s|", -4, "ab");
    CHECK("", "%.0d", 0);
    CHECK("0xabc 0XABC 017", "%#x %#X %#o", 0xabc, 0xabc, 15);
    CHECK("0 0 0", "%#x %#X %#o", 0, 0, 0);                 /* C's rule: no prefix for zero */
    CHECK("0x000abc|  0xabc|0xabc  ", "%#08x|%#7x|%-#7x", 0xabc, 0xabc, 0xabc);
    CHECK("0x1000000000 00017", "%#llx %#.5o", 0x1000000000ULL, 15);
    CHECK("42", "%#u", 42);
    /* Linux's %pa/%pap (phys_addr_t) and %pad (dma_addr_t), passed by reference: 32 bits on ark. */
    uint32_t addr = 0xabc000;
    CHECK("0x00abc000 0x00abc000|0x00abc000x", "%pad %pa|%papx", &addr, &addr, &addr);
}

static void strings_chars_pointers(void **state)
{
    (void)state;
    CHECK("hello", "%s", "hello");
    CHECK("hel", "%.3s", "hello");
    CHECK("he", "%.*s", 2, "hello");
    CHECK("(null)", "%s", (char *)NULL);
    CHECK("x|  y", "%c|%3c", 'x', 'y');
    CHECK("100%", "%d%%", 100);
    char expect[32];
    int n = snprintf(expect, sizeof(expect), "%p", (void *)(uintptr_t)0x1234);
    assert_int_equal(n, 2 + 2 * (int)sizeof(void *));
    assert_memory_equal(expect, "0x", 2);
    assert_string_equal(expect + n - 4, "1234");
}

static void unknown_and_trailing_percent(void **state)
{
    (void)state;
    CHECK("%q", "%q");
    CHECK("a%", "a%");
}

static void truncates_but_reports_full_length(void **state)
{
    (void)state;
    char small[6];
    memset(small, 'Z', sizeof(small));
    int n = snprintf(small, sizeof(small), "%s-%d", "abcdef", 12345);
    assert_int_equal(n, 12);
    assert_string_equal(small, "abcde");
    small[0] = 'Q';
    n = snprintf(small, 0, "%d", 1234);
    assert_int_equal(n, 4);
    assert_int_equal(small[0], 'Q');            /* size 0: nothing written at all */
    n = snprintf(small, 1, "%d", 1234);
    assert_int_equal(n, 4);
    assert_int_equal(small[0], '\0');
}

KUNIT_TABLE(format,
    cmocka_unit_test(integers),
    cmocka_unit_test(width_and_flags),
    cmocka_unit_test(strings_chars_pointers),
    cmocka_unit_test(unknown_and_trailing_percent),
    cmocka_unit_test(truncates_but_reports_full_length));
