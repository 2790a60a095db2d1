/* test_klog_ring.c — the kernel log ring: order, wrap-around that drops the oldest bytes, and copies
 * that start at the first whole line once something was lost. */
#include "kunit.h"
#include "klog_ring.h"
#include "ark/kernel.h"

static char storage[32];
static struct klog_ring ring;
static char out[64];

static void keeps_order(void **state)
{
    (void)state;
    klog_ring_init(&ring, storage, sizeof(storage));
    klog_ring_append(&ring, "one\n", 4);
    klog_ring_append(&ring, "two\n", 4);
    assert_int_equal(klog_ring_size(&ring), 8);
    size_t n = klog_ring_copy(&ring, out, sizeof(out));
    assert_int_equal(n, 8);
    assert_memory_equal(out, "one\ntwo\n", 8);
    n = klog_ring_copy(&ring, out, 5);          /* a short buffer takes the oldest part */
    assert_int_equal(n, 5);
    assert_memory_equal(out, "one\nt", 5);
}

static void wraps_to_a_line_boundary(void **state)
{
    (void)state;
    klog_ring_init(&ring, storage, sizeof(storage));
    for (int i = 0; i < 10; i++) {
        char line[8];
        int len = snprintf(line, sizeof(line), "msg%d\n", i);
        klog_ring_append(&ring, line, (size_t)len);
    }
    /* 50 bytes went in, the last 32 are kept ("3\n" of msg3, then msg4..msg9); the copy starts
     * after the cut line. */
    size_t n = klog_ring_copy(&ring, out, sizeof(out));
    assert_int_equal(n, klog_ring_size(&ring));
    out[n] = '\0';
    assert_string_equal(out, "msg4\nmsg5\nmsg6\nmsg7\nmsg8\nmsg9\n");
}

static void oversized_append_keeps_the_newest(void **state)
{
    (void)state;
    klog_ring_init(&ring, storage, sizeof(storage));
    char big[100];
    for (int i = 0; i < 100; i++)
        big[i] = (char)('a' + i % 26);
    big[80] = '\n';
    klog_ring_append(&ring, big, sizeof(big));  /* keeps bytes 68..99 */
    size_t n = klog_ring_copy(&ring, out, sizeof(out));
    assert_int_equal(n, 100 - 81);              /* from after the newline to the end */
    assert_memory_equal(out, big + 81, n);
}

KUNIT_TABLE(klog_ring,
    cmocka_unit_test(keeps_order),
    cmocka_unit_test(wraps_to_a_line_boundary),
    cmocka_unit_test(oversized_append_keeps_the_newest));
