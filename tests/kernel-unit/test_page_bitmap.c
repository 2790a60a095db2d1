/* test_page_bitmap.c — the physical page allocator's bitmap: free counts, lowest-first allocation,
 * exhaustion, double frees, the unused tail of the last word and the search's wrap from the hint. */
#include "kunit.h"
#include "page_bitmap.h"
#include "ark/errno.h"

#define NPAGES 100     /* deliberately not a multiple of 32 */

static uint32_t bits[PAGE_BITMAP_WORDS(NPAGES)];
static struct page_bitmap pb;

static void starts_all_used(void **state)
{
    (void)state;
    page_bitmap_init(&pb, bits, NPAGES);
    assert_int_equal(pb.free, 0);
    assert_int_equal(page_bitmap_alloc(&pb), -1);
    for (uint32_t p = 0; p < NPAGES; p++)
        assert_true(page_bitmap_is_used(&pb, p));
}

static void frees_ranges_and_counts(void **state)
{
    (void)state;
    page_bitmap_init(&pb, bits, NPAGES);
    page_bitmap_set_free(&pb, 10, 20);
    assert_int_equal(pb.free, 20);
    page_bitmap_set_free(&pb, 15, 10);          /* overlapping: no double counting */
    assert_int_equal(pb.free, 20);
    page_bitmap_set_used(&pb, 12, 3);
    assert_int_equal(pb.free, 17);
    page_bitmap_set_free(&pb, 90, 50);          /* clipped at the end of the map */
    assert_int_equal(pb.free, 27);
}

static void allocates_lowest_first_until_empty(void **state)
{
    (void)state;
    page_bitmap_init(&pb, bits, NPAGES);
    page_bitmap_set_free(&pb, 40, 3);
    page_bitmap_set_free(&pb, 5, 1);
    assert_int_equal(page_bitmap_alloc(&pb), 5);
    assert_int_equal(page_bitmap_alloc(&pb), 40);
    assert_int_equal(page_bitmap_alloc(&pb), 41);
    assert_int_equal(page_bitmap_alloc(&pb), 42);
    assert_int_equal(page_bitmap_alloc(&pb), -1);
    assert_int_equal(pb.free, 0);
}

static void freed_page_is_reused(void **state)
{
    (void)state;
    page_bitmap_init(&pb, bits, NPAGES);
    page_bitmap_set_free(&pb, 0, NPAGES);
    for (int i = 0; i < 70; i++)
        assert_int_equal(page_bitmap_alloc(&pb), i);
    assert_int_equal(page_bitmap_free(&pb, 3), 0);
    assert_int_equal(page_bitmap_alloc(&pb), 3);   /* the hint moved back down */
    assert_int_equal(page_bitmap_alloc(&pb), 70);
}

static void rejects_double_and_foreign_frees(void **state)
{
    (void)state;
    page_bitmap_init(&pb, bits, NPAGES);
    page_bitmap_set_free(&pb, 0, 4);
    int64_t p = page_bitmap_alloc(&pb);
    assert_int_equal(page_bitmap_free(&pb, (uint32_t)p), 0);
    assert_int_equal(page_bitmap_free(&pb, (uint32_t)p), -EFAULT);
    assert_int_equal(page_bitmap_free(&pb, NPAGES), -EINVAL);
    assert_int_equal(pb.free, 4);
}

static void never_hands_out_the_tail_bits(void **state)
{
    (void)state;
    page_bitmap_init(&pb, bits, NPAGES);
    page_bitmap_set_free(&pb, 0, NPAGES);
    for (int i = 0; i < NPAGES; i++) {
        int64_t p = page_bitmap_alloc(&pb);
        assert_true(p >= 0 && p < NPAGES);
    }
    assert_int_equal(page_bitmap_alloc(&pb), -1);
}

/* The search starts at the hint and wraps round to the start, so a free page below a hint that
 * is too high (or beyond the map) is still found, and every page is found exactly once. */
static void search_wraps_round_from_the_hint(void **state)
{
    (void)state;
    page_bitmap_init(&pb, bits, NPAGES);
    page_bitmap_set_free(&pb, 5, 1);
    page_bitmap_set_free(&pb, 70, 1);
    pb.hint = 2;                                  /* the word of pages 64..95 */
    assert_int_equal(page_bitmap_alloc(&pb), 70);
    assert_int_equal(page_bitmap_alloc(&pb), 5);  /* after the wrap */
    assert_int_equal(page_bitmap_alloc(&pb), -1);
    page_bitmap_set_free(&pb, 33, 1);
    pb.hint = 1000;                               /* beyond the map: the search starts at 0 */
    assert_int_equal(page_bitmap_alloc(&pb), 33);
    assert_int_equal(pb.free, 0);
}

/* Consecutive frames for DMA: the first run long enough, below the limit, taken whole; none when
 * no run fits, and nothing is taken then. */
static void allocates_consecutive_runs_below_a_limit(void **state)
{
    (void)state;
    page_bitmap_init(&pb, bits, NPAGES);
    page_bitmap_set_free(&pb, 2, 3);              /* 2..4: too short for 4 */
    page_bitmap_set_free(&pb, 10, 6);             /* 10..15 */
    page_bitmap_set_free(&pb, 40, 8);             /* 40..47 */
    assert_int_equal(page_bitmap_alloc_range(&pb, 4, NPAGES), 10);
    assert_true(page_bitmap_is_used(&pb, 13) && !page_bitmap_is_used(&pb, 14));
    assert_int_equal(pb.free, 3 + 2 + 8);
    assert_int_equal(page_bitmap_alloc_range(&pb, 3, NPAGES), 2);
    assert_int_equal(page_bitmap_alloc_range(&pb, 8, 47), -1);   /* 40..47 ends at the limit */
    assert_int_equal(pb.free, 2 + 8);
    assert_int_equal(page_bitmap_alloc_range(&pb, 8, 48), 40);
    assert_int_equal(page_bitmap_alloc_range(&pb, 3, NPAGES), -1);
    assert_int_equal(page_bitmap_alloc_range(&pb, 0, NPAGES), -1);
    assert_int_equal(page_bitmap_alloc_range(&pb, 2, NPAGES), 14);
    assert_int_equal(pb.free, 0);
}

KUNIT_TABLE(page_bitmap,
    cmocka_unit_test(starts_all_used),
    cmocka_unit_test(frees_ranges_and_counts),
    cmocka_unit_test(allocates_lowest_first_until_empty),
    cmocka_unit_test(freed_page_is_reused),
    cmocka_unit_test(rejects_double_and_foreign_frees),
    cmocka_unit_test(never_hands_out_the_tail_bits),
    cmocka_unit_test(search_wraps_round_from_the_hint),
    cmocka_unit_test(allocates_consecutive_runs_below_a_limit));
