/* test_string.c — the kernel's string and memory functions (exported to modules), and the hex
 * digit values of lib/chars.c. */
#include "kunit.h"
#include "ark/arklib.h"
#include "ark/kernel.h"

static void memmove_handles_overlap(void **state)
{
    (void)state;
    char a[] = "0123456789";
    memmove(a + 2, a, 6);
    assert_string_equal(a, "0101234589");
    char b[] = "0123456789";
    memmove(b, b + 3, 7);
    assert_string_equal(b, "3456789789");
}

static void memset_and_memcpy_at_odd_offsets(void **state)
{
    (void)state;
    unsigned char buf[64], copy[64];
    for (int off = 0; off < 4; off++) {
        memset(buf, 0, sizeof(buf));
        memset(buf + off, 0xA5, 37);
        for (int i = 0; i < 64; i++)
            assert_int_equal(buf[i], (i >= off && i < off + 37) ? 0xA5 : 0);
        memset(copy, 0, sizeof(copy));
        memcpy(copy + 1, buf + off, 37);
        assert_int_equal(memcmp(copy + 1, buf + off, 37), 0);
        assert_int_equal(copy[0], 0);
        assert_int_equal(copy[38], 0);
    }
}

static void memset_fills_exactly_every_length(void **state)
{
    (void)state;
    unsigned char buf[128];
    /* Every split between the 16-byte, word and byte loops, at every alignment. */
    for (int off = 0; off < 4; off++)
        for (int len = 0; len <= 80; len++) {
            for (int i = 0; i < (int)sizeof(buf); i++)
                buf[i] = 0x11;
            assert_ptr_equal(memset(buf + off, 0xC3, (size_t)len), buf + off);
            for (int i = 0; i < (int)sizeof(buf); i++)
                assert_int_equal(buf[i], (i >= off && i < off + len) ? 0xC3 : 0x11);
        }
}

static void compares_like_the_c_library(void **state)
{
    (void)state;
    assert_true(memcmp("abc", "abd", 3) < 0);
    assert_true(memcmp("\xff", "\x01", 1) > 0);          /* unsigned bytes */
    assert_int_equal(strcmp("same", "same"), 0);
    assert_true(strcmp("ab", "abc") < 0);
    assert_int_equal(strncmp("abcX", "abcY", 3), 0);
    assert_true(strncmp("abcX", "abcY", 4) < 0);
    assert_int_equal(strlen(""), 0);
    assert_int_equal(strnlen("abcdef", 3), 3);
    const char *s = "path/to";
    assert_ptr_equal(strchr(s, '/'), s + 4);
    assert_ptr_equal(strchr(s, '\0'), s + 7);
    assert_null(strchr(s, 'z'));
}

static void strlcpy_truncates_and_reports(void **state)
{
    (void)state;
    char dst[5];
    assert_int_equal(strlcpy(dst, "abcdefgh", sizeof(dst)), 8);
    assert_string_equal(dst, "abcd");
    assert_int_equal(strlcpy(dst, "ab", sizeof(dst)), 2);
    assert_string_equal(dst, "ab");
    dst[0] = 'Q';
    assert_int_equal(strlcpy(dst, "xyz", 0), 3);
    assert_int_equal(dst[0], 'Q');
}

static void hex_value_of_every_char(void **state)
{
    (void)state;
    static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
    for (int c = -128; c < 128; c++) {
        int want = -1;
        for (int v = 0; v < 16; v++)
            if (c == lower[v] || c == upper[v])
                want = v;
        assert_int_equal(ark_hex_value((char)c), want);
    }
}

KUNIT_TABLE(string,
    cmocka_unit_test(memmove_handles_overlap),
    cmocka_unit_test(memset_and_memcpy_at_odd_offsets),
    cmocka_unit_test(memset_fills_exactly_every_length),
    cmocka_unit_test(compares_like_the_c_library),
    cmocka_unit_test(strlcpy_truncates_and_reports),
    cmocka_unit_test(hex_value_of_every_char));
