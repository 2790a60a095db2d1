/* test_util.c — libdkm's freestanding helpers: the formatter, strings, copying, the name hash
 * (and how it spreads similar names), and the error texts, errno mapping and message format. */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "tests.h"

static void dkm_vformat_test(char *b, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dkm_vformat(b, n, fmt, ap);
    va_end(ap);
}

static void format_conversions(void **state)
{
    (void)state;
    char b[128];
    assert_int_equal(dkm_format(b, sizeof b, "%s|%d|%u|%x|%X|%c|%%", "ab", -42, 42u, 0xbeefu, 0xabu, 'z'), 21);
    assert_string_equal(b, "ab|-42|42|beef|AB|z|%");
    dkm_format(b, sizeof b, "[%08x][%5d][%-4s][%.3s][%.*s]", 0x1fu, 7, "a", "abcdef", 2, "xyz");
    assert_string_equal(b, "[0000001f][    7][a   ][abc][xy]");
    dkm_format(b, sizeof b, "%zu %llu %lld %lx", (size_t)123, 18446744073709551615ull, -9000000000ll, 0xfffffffful);
    assert_string_equal(b, "123 18446744073709551615 -9000000000 ffffffff");
    const char *volatile nothing = NULL;
    dkm_format(b, sizeof b, "%d %s", (int)0x80000000u, nothing);
    assert_string_equal(b, "-2147483648 (null)");
    /* an unknown conversion is printed as written (built at run time: the compiler checks formats) */
    char fmt[3] = {'%', 'q', 0};
    dkm_vformat_test(b, sizeof b, fmt);
    assert_string_equal(b, "%q");
}

static void format_truncates_safely(void **state)
{
    (void)state;
    char b[8];
    memset(b, 'X', sizeof b);
    assert_int_equal(dkm_format(b, 5, "%s", "abcdefgh"), 8);
    assert_string_equal(b, "abcd");
    assert_int_equal(b[5], 'X');
    assert_int_equal(dkm_format(b, 0, "%d", 12345), 5);
    assert_int_equal(b[0], 'a');
}

static void strings_and_copies(void **state)
{
    (void)state;
    assert_int_equal(dkm_strlen(""), 0);
    assert_int_equal(dkm_strnlen("abcdef", 3), 3);
    assert_int_equal(dkm_strnlen("ab", 9), 2);
    assert_true(dkm_strcmp("abc", "abd") < 0);
    assert_true(dkm_strcmp("b", "a") > 0);
    assert_int_equal(dkm_strcmp("same", "same"), 0);
    assert_int_equal(dkm_strncmp("abcx", "abcy", 3), 0);
    assert_true(dkm_starts_with(".init.text.x", ".init.text"));
    assert_false(dkm_starts_with(".ini", ".init"));
    char small[4];
    assert_int_equal(dkm_strlcpy(small, "hello", sizeof small), 5);
    assert_string_equal(small, "hel");
    /* every alignment and length against the C library's result */
    static uint8_t src[300], dst[300], ref[300];
    for (unsigned i = 0; i < sizeof src; i++)
        src[i] = (uint8_t)(i * 7 + 1);
    for (unsigned so = 0; so < 8; so++)
        for (unsigned d0 = 0; d0 < 8; d0++)
            for (unsigned n = 0; n < 70; n += 3) {
                memset(dst, 0, sizeof dst);
                memset(ref, 0, sizeof ref);
                dkm_memcpy(dst + d0, src + so, n);
                memcpy(ref + d0, src + so, n);
                assert_memory_equal(dst, ref, sizeof dst);
            }
    dkm_memset(dst, 0xab, 10);
    assert_int_equal(dst[9], 0xab);
}

static void hash_and_arithmetic(void **state)
{
    (void)state;
    assert_int_not_equal(dkm_hash(""), 0);   /* 0 marks an empty slot */
    assert_int_not_equal(dkm_hash("printk"), dkm_hash("printf"));
    assert_int_not_equal(dkm_hash("abcd"), dkm_hash("abcd\x80"));
    assert_int_equal(dkm_name_key("printk").len, 6);
    assert_true(dkm_is_pow2(1) && dkm_is_pow2(4096) && !dkm_is_pow2(0) && !dkm_is_pow2(12));
}

/* The export table indexes by the hash's low bits: names that differ only in a digit or two
 * (exp_00000 ... exp_04095, as generated exports are) must still spread like random values — 4096
 * of them over 8192 slots fill about 3220 (1 - e^-0.5 of the slots); a weak hash fills far fewer. */
static void similar_names_spread_over_the_table(void **state)
{
    (void)state;
    static uint8_t used[8192];
    memset(used, 0, sizeof used);
    unsigned filled = 0;
    for (unsigned i = 0; i < 4096; i++) {
        char name[16];
        snprintf(name, sizeof name, "exp_%05u", i);
        uint32_t slot = dkm_hash(name) & 8191;
        filled += !used[slot];
        used[slot] = 1;
    }
    assert_true(filled > 3100);
}

static void every_code_has_its_own_text(void **state)
{
    (void)state;
    const char *seen[128] = {0};
    for (int code = 0; code >= -127; code--) {
        const char *t = dkm_strerror(code);
        if (!strcmp(t, "unknown error"))
            continue;
        for (int k = 0; k < 128; k++)
            if (seen[k])
                assert_string_not_equal(seen[k], t);
        seen[-code] = t;
    }
    assert_string_equal(dkm_strerror(DKM_E_UNRESOLVED), "unresolved symbols");
    assert_string_equal(dkm_strerror(DKM_E_TABLE_ALIGN), "misaligned table");
    assert_string_equal(dkm_strerror(12345), "unknown error");
}

static void errno_mapping(void **state)
{
    (void)state;
    assert_int_equal(dkm_errno(DKM_OK), 0);
    assert_int_equal(dkm_errno(DKM_E_NOMEM), 12);
    assert_int_equal(dkm_errno(DKM_E_EXIST), 17);
    assert_int_equal(dkm_errno(DKM_E_NOENT), 2);
    assert_int_equal(dkm_errno(DKM_E_BUSY), 16);
    assert_int_equal(dkm_errno(DKM_E_LOCKED), 1);
    assert_int_equal(dkm_errno(DKM_E_BAD_MAGIC), 8);
    assert_int_equal(dkm_errno(DKM_E_RELOC_TYPE), 8);
    assert_int_equal(dkm_errno(DKM_E_PARAM_VALUE), 22);
}

static void error_messages_are_prefixed_and_bounded(void **state)
{
    (void)state;
    struct dkm_error e;
    assert_int_equal(dkm_fail_err(&e, "mod", DKM_E_BUSY, "in use by: %s", "x"), DKM_E_BUSY);
    assert_int_equal(e.code, DKM_E_BUSY);
    assert_string_equal(e.msg, "dkm: mod: in use by: x");
    char longname[600];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    dkm_fail_err(&e, "m", DKM_E_INVAL, "%s", longname);
    assert_int_equal(strlen(e.msg), DKM_ERRMSG_MAX - 1);
    dkm_fail_err(&e, NULL, DKM_E_INVAL, "x");
    assert_string_equal(e.msg, "dkm: module: x");
    assert_int_equal(dkm_fail_err(NULL, "m", DKM_E_INVAL, "x"), DKM_E_INVAL);
}

DEFINE_TEST_LIST(util_tests,
    cmocka_unit_test(format_conversions),
    cmocka_unit_test(format_truncates_safely),
    cmocka_unit_test(strings_and_copies),
    cmocka_unit_test(similar_names_spread_over_the_table),
    cmocka_unit_test(hash_and_arithmetic),
    cmocka_unit_test(every_code_has_its_own_text),
    cmocka_unit_test(errno_mapping),
    cmocka_unit_test(error_messages_are_prefixed_and_bounded));
