/* test_heap.c — the kmalloc allocator over a host buffer: alignment and counters, merging of free
 * neighbours, growth and shrinking through the callbacks, the size limit, bad frees, and a long
 * random sequence checked block by block. */
#include "kunit.h"
#include "heap.h"
#include <stdlib.h>
#include <string.h>

#define ARENA_SIZE (1u << 20)
#define STEP 4096u

static struct heap h;
static unsigned char *arena;
static size_t mapped;            /* bytes the heap asked to be made usable, minus those it gave back */
static int corruptions;
static const char *last_corruption;

static int fake_grow(void *ctx, uintptr_t start, size_t len)
{
    (void)ctx;
    assert_true(start == h.top);
    assert_true(len % STEP == 0);
    mapped += len;
    return 0;
}

static void fake_shrink(void *ctx, uintptr_t start, size_t len)
{
    (void)ctx;
    assert_true(start + len <= (uintptr_t)arena + ARENA_SIZE);
    assert_true(len % STEP == 0);
    mapped -= len;
}

static void fake_corrupt(void *ctx, const char *what, const void *ptr)
{
    (void)ctx;
    (void)ptr;
    corruptions++;
    last_corruption = what;
}

static int setup(void **state)
{
    (void)state;
    arena = aligned_alloc(STEP, ARENA_SIZE);
    heap_init(&h, (uintptr_t)arena, (uintptr_t)arena + ARENA_SIZE, STEP);
    h.keep = STEP;
    h.grow = fake_grow;
    h.shrink = fake_shrink;
    h.corrupt = fake_corrupt;
    mapped = 0;
    corruptions = 0;
    last_corruption = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(arena);
    return 0;
}

static void aligned_and_counted(void **state)
{
    (void)state;
    void *a = heap_alloc(&h, 1);
    void *b = heap_alloc(&h, 100);
    void *c = heap_alloc(&h, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_ptr_not_equal(a, c);
    assert_int_equal((uintptr_t)a % HEAP_ALIGN, 0);
    assert_int_equal((uintptr_t)b % HEAP_ALIGN, 0);
    assert_int_equal(h.bytes_in_use, 1 + 100 + 1);
    assert_int_equal(h.blocks_in_use, 3);
    assert_true(heap_usable_size(&h, b) >= 100);
    heap_free(&h, b);
    assert_int_equal(h.bytes_in_use, 2);
    assert_int_equal(h.blocks_in_use, 2);
    assert_int_equal(heap_check(&h), 0);
}

static void neighbours_merge(void **state)
{
    (void)state;
    void *a = heap_alloc(&h, 64), *b = heap_alloc(&h, 64), *c = heap_alloc(&h, 64);
    void *guard = heap_alloc(&h, 64);
    heap_free(&h, a);
    heap_free(&h, c);
    heap_free(&h, b);                    /* joins a and c into one block */
    assert_int_equal(heap_check(&h), 0);
    void *big = heap_alloc(&h, 3 * 64 + 32);
    assert_ptr_equal(big, a);            /* the merged space is found first */
    heap_free(&h, big);
    heap_free(&h, guard);
    assert_int_equal(h.bytes_in_use, 0);
    assert_int_equal(heap_check(&h), 0);
}

static void grows_and_gives_back(void **state)
{
    (void)state;
    void *small = heap_alloc(&h, 16);
    void *big = heap_alloc(&h, 200000);
    assert_non_null(big);
    assert_true(mapped >= 200000);
    memset(big, 0xAB, 200000);           /* the whole block is usable */
    size_t peak = mapped;
    heap_free(&h, big);
    assert_true(mapped < peak);
    assert_true(mapped <= 3 * STEP);     /* only `keep` plus the small block's page stays */
    assert_int_equal(heap_check(&h), 0);
    heap_free(&h, small);
    assert_int_equal(heap_check(&h), 0);
}

static void refuses_beyond_the_limit(void **state)
{
    (void)state;
    assert_null(heap_alloc(&h, ARENA_SIZE));
    assert_null(heap_alloc(&h, (size_t)-1));
    assert_int_equal(h.bytes_in_use, 0);
    void *a = heap_alloc(&h, ARENA_SIZE / 2);
    assert_non_null(a);
    assert_null(heap_alloc(&h, ARENA_SIZE / 2));    /* no room for the second half plus headers */
    assert_int_equal(h.blocks_in_use, 1);
    assert_int_equal(heap_check(&h), 0);
}

static void reports_bad_frees(void **state)
{
    (void)state;
    void *a = heap_alloc(&h, 32);
    void *keep = heap_alloc(&h, 32);
    heap_free(&h, a);
    heap_free(&h, a);
    assert_int_equal(corruptions, 1);
    assert_string_equal(last_corruption, "double free");
    int local;
    heap_free(&h, &local);
    assert_int_equal(corruptions, 2);
    heap_free(&h, (char *)keep + 16);
    assert_int_equal(corruptions, 3);
    heap_free(&h, NULL);
    assert_int_equal(corruptions, 3);
    assert_int_equal(h.blocks_in_use, 1);
    assert_int_equal(heap_check(&h), 0);
}

static void random_workload_stays_consistent(void **state)
{
    (void)state;
    enum { SLOTS = 200, ROUNDS = 20000 };
    unsigned char *ptr[SLOTS] = { 0 };
    size_t len[SLOTS] = { 0 };
    srand(12345);
    for (int r = 0; r < ROUNDS; r++) {
        int i = rand() % SLOTS;
        if (ptr[i]) {
            for (size_t k = 0; k < len[i]; k++)
                assert_int_equal(ptr[i][k], (unsigned char)(i + k));
            heap_free(&h, ptr[i]);
            ptr[i] = NULL;
        } else {
            len[i] = (size_t)(rand() % 3000) + 1;
            ptr[i] = heap_alloc(&h, len[i]);
            assert_non_null(ptr[i]);
            for (size_t k = 0; k < len[i]; k++)
                ptr[i][k] = (unsigned char)(i + k);
        }
        if (r % 500 == 0)
            assert_int_equal(heap_check(&h), 0);
    }
    for (int i = 0; i < SLOTS; i++)
        heap_free(&h, ptr[i]);
    assert_int_equal(heap_check(&h), 0);
    assert_int_equal(h.bytes_in_use, 0);
    assert_int_equal(h.blocks_in_use, 0);
    assert_true(mapped <= 2 * STEP);
}

KUNIT_TABLE(heap,
    cmocka_unit_test_setup_teardown(aligned_and_counted, setup, teardown),
    cmocka_unit_test_setup_teardown(neighbours_merge, setup, teardown),
    cmocka_unit_test_setup_teardown(grows_and_gives_back, setup, teardown),
    cmocka_unit_test_setup_teardown(refuses_beyond_the_limit, setup, teardown),
    cmocka_unit_test_setup_teardown(reports_bad_frees, setup, teardown),
    cmocka_unit_test_setup_teardown(random_workload_stays_consistent, setup, teardown));
