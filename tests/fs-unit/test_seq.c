/* test_seq.c — the /proc output buffer (kernel/fs/seq.c): growth, raw writes, and its limits. */
#include <string.h>
#include "tests.h"
#include "fs_internal.h"
#include "shim.h"

static void test_seq_grows_and_keeps_content(void **state)
{
    struct ark_seq s;
    long before = shim_live_blocks;

    (void)state;
    seq_init(&s);
    for (int i = 0; i < 2000; i++)
        assert_int_equal(seq_printf(&s, "line %04d\n", i), 0);
    assert_int_equal(s.len, 2000 * 10);
    assert_true(s.cap > s.len);
    assert_memory_equal(s.buf, "line 0000\nline 0001\n", 20);
    assert_memory_equal(s.buf + 1999 * 10, "line 1999\n", 10);
    assert_int_equal(s.error, 0);
    seq_free(&s);
    assert_int_equal(shim_live_blocks, before);
}

static void test_seq_single_large_print(void **state)
{
    struct ark_seq s;
    static char big[5000];

    (void)state;
    memset(big, 'q', sizeof(big) - 1);
    seq_init(&s);
    assert_int_equal(seq_printf(&s, "<%s>", big), 0);     /* far beyond the first 256 bytes */
    assert_int_equal(s.len, sizeof(big) - 1 + 2);
    assert_int_equal(s.buf[0], '<');
    assert_int_equal(s.buf[s.len - 1], '>');
    seq_free(&s);
}

static void test_seq_write_and_reserve(void **state)
{
    struct ark_seq s;
    char *p;

    (void)state;
    seq_init(&s);
    assert_int_equal(seq_write(&s, "ab\0cd", 5), 0);      /* binary-safe */
    assert_int_equal(s.len, 5);
    p = seq_reserve(&s, 1000);
    assert_non_null(p);
    memset(p, 'z', 3);
    seq_commit(&s, 3);
    assert_int_equal(s.len, 8);
    assert_memory_equal(s.buf, "ab\0cdzzz", 8);
    assert_int_equal(seq_write(NULL, "x", 1), -EINVAL);
    assert_int_equal(seq_printf(NULL, "x"), -EINVAL);
    seq_free(&s);
}

static void test_seq_limits(void **state)
{
    struct ark_seq s;

    (void)state;
    seq_init(&s);
    assert_null(seq_reserve(&s, SEQ_MAX_BYTES + 1));
    assert_int_equal(s.error, -EFBIG);
    assert_int_equal(seq_printf(&s, "later"), -EFBIG);   /* the first error sticks */
    seq_free(&s);

    seq_init(&s);
    shim_fail_alloc_after = 0;
    assert_int_equal(seq_printf(&s, "hello"), -ENOMEM);
    shim_fail_alloc_after = -1;
    assert_int_equal(s.error, -ENOMEM);
    assert_int_equal(s.len, 0);
    seq_free(&s);

    /* exactly SEQ_MAX_BYTES is allowed */
    seq_init(&s);
    assert_non_null(seq_reserve(&s, SEQ_MAX_BYTES));
    seq_commit(&s, SEQ_MAX_BYTES);
    assert_int_equal(s.len, SEQ_MAX_BYTES);
    assert_int_equal(seq_write(&s, "x", 1), -EFBIG);
    seq_free(&s);
}

TEST_TABLE(seq_tests,
    cmocka_unit_test(test_seq_grows_and_keeps_content),
    cmocka_unit_test(test_seq_single_large_print),
    cmocka_unit_test(test_seq_write_and_reserve),
    cmocka_unit_test(test_seq_limits),
);
