/* test_exports.c — the export hash table: lookups, growth, duplicate refusal, removal by backward
 * shift under forced collisions and wrap-around, names that share a hash and a length, with exact
 * memory accounting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tests.h"
#include "tport.h"

static struct tport tp;

static int setup(void **state)
{
    tport_init(&tp);
    *state = tport_loader(&tp, 0);
    return 0;
}

static int teardown(void **state)
{
    dkm_loader_destroy(*state);
    assert_int_equal(tp.bad_frees, 0);
    return 0;
}

/* The key of a name with its hash forced, to make collisions on purpose. */
static struct dkm_name forced(const char *name, uint32_t hash)
{
    struct dkm_name k = {name, hash, (uint32_t)strlen(name)};
    return k;
}

static struct dkm_name key_of(const char *name)
{
    return dkm_name_key(name);
}

static void host_exports_are_found(void **state)
{
    struct dkm_loader *ld = *state;
    static int a, b;
    assert_int_equal(dkm_export_add(ld, "alpha", (uintptr_t)&a), DKM_OK);
    assert_int_equal(dkm_export_add(ld, "beta", (uintptr_t)&b), DKM_OK);
    assert_int_equal(dkm_export_add(ld, "alpha", 1), DKM_E_EXPORT_DUP);
    assert_int_equal(dkm_export_add(ld, "", 1), DKM_E_INVAL);
    assert_int_equal(dkm_export_add(ld, NULL, 1), DKM_E_INVAL);
    uintptr_t v;
    struct dkm_module *owner = (void *)1;
    assert_int_equal(dkm_export_lookup(ld, "beta", &v, &owner), DKM_OK);
    assert_ptr_equal((void *)v, &b);
    assert_null(owner);
    assert_int_equal(dkm_export_lookup(ld, "gamma", &v, NULL), DKM_E_NOENT);
    struct dkm_stats s;
    dkm_stats(ld, &s);
    assert_int_equal(s.exports, 2);
}

static void table_grows_and_keeps_everything(void **state)
{
    struct dkm_loader *ld = *state;
    enum { N = 20000 };
    static char names[N][16];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "sym_%d", i);
        assert_int_equal(dkm_export_add(ld, names[i], (uintptr_t)i + 1), DKM_OK);
    }
    for (int i = 0; i < N; i++) {
        uintptr_t v;
        assert_int_equal(dkm_export_lookup(ld, names[i], &v, NULL), DKM_OK);
        assert_int_equal(v, (uintptr_t)i + 1);
    }
    /* load factor stays at or below 5/8 */
    assert_true((uint64_t)ld->exports.count * 8 <= ((uint64_t)ld->exports.mask + 1) * 5);
    for (int i = 0; i < N; i += 2) {
        const struct dkm_name k = key_of(names[i]);
        assert_int_equal(dkm_exports_remove(ld, &k, NULL), DKM_OK);
    }
    for (int i = 0; i < N; i++)
        assert_int_equal(dkm_export_lookup(ld, names[i], NULL, NULL), i % 2 ? DKM_OK : DKM_E_NOENT);
    struct dkm_stats s;
    dkm_stats(ld, &s);
    assert_int_equal(s.exports, N / 2);
}

/* Same home slot for every entry, at the end of the table, so the cluster wraps around. */
static void removal_shifts_collisions_back(void **state)
{
    struct dkm_loader *ld = *state;
    uint32_t last = ld->exports.mask;
    static const char *const names[] = {"c0", "c1", "c2", "c3", "c4", "c5"};
    struct dkm_name k[6];
    for (int i = 0; i < 6; i++) {
        k[i] = forced(names[i], last);
        assert_int_equal(dkm_exports_insert(ld, &k[i], (uintptr_t)i + 10, NULL), DKM_OK);
    }
    /* another entry whose home is slot 1, inside the wrapped cluster */
    const struct dkm_name home1 = forced("home1", (last + 1) | 1);
    assert_int_equal(dkm_exports_insert(ld, &home1, 99, NULL), DKM_OK);
    assert_int_equal(dkm_exports_remove(ld, &k[1], NULL), DKM_OK);
    assert_int_equal(dkm_exports_remove(ld, &k[0], NULL), DKM_OK);
    for (int i = 2; i < 6; i++) {
        const struct dkm_export_slot *s = dkm_exports_find(ld, &k[i]);
        assert_non_null(s);
        assert_int_equal(s->addr, (uintptr_t)i + 10);
    }
    assert_non_null(dkm_exports_find(ld, &home1));
    assert_null(dkm_exports_find(ld, &k[1]));
    assert_int_equal(dkm_exports_remove(ld, &k[1], NULL), DKM_E_NOENT);
    /* only the owner's entry is removed */
    static int owner_tag;
    assert_int_equal(dkm_exports_remove(ld, &k[2], (struct dkm_module *)&owner_tag), DKM_E_NOENT);
    for (int i = 2; i < 6; i++)
        assert_int_equal(dkm_exports_remove(ld, &k[i], NULL), DKM_OK);
    assert_int_equal(dkm_exports_remove(ld, &home1, NULL), DKM_OK);
    assert_int_equal(ld->exports.count, 0);
    for (uint32_t i = 0; i <= ld->exports.mask; i++)
        assert_int_equal(ld->exports.slots[i].hash, 0);
}

/* Names with one hash and one length are told apart by their bytes, wherever they differ: in the
 * first word, in the last byte of the word loop, in the tail; a name longer than a slot's length
 * field holds is compared whole. */
static void equal_hashes_never_confuse_names(void **state)
{
    struct dkm_loader *ld = *state;
    static char long_a[70000], long_b[70000];
    memset(long_a, 'x', sizeof long_a - 1);
    memset(long_b, 'x', sizeof long_b - 1);
    long_b[sizeof long_b - 2] = 'y';
    const char *const names[] = {"abcdefgh_1", "abcdefgh_2", "xbcdefgh_1", "abcdefgX_1", "abcdefgh_1x",
                                 long_a, long_b};
    const unsigned n = sizeof names / sizeof names[0];
    struct dkm_name k[sizeof names / sizeof names[0]];
    for (unsigned i = 0; i < n; i++) {
        k[i] = forced(names[i], 0x1234567u);
        assert_int_equal(dkm_exports_insert(ld, &k[i], 100 + i, NULL), DKM_OK);
    }
    for (unsigned i = 0; i < n; i++) {
        const struct dkm_export_slot *s = dkm_exports_find(ld, &k[i]);
        assert_non_null(s);
        assert_int_equal(s->addr, 100 + i);
        assert_ptr_equal(s->name, names[i]);
    }
    const struct dkm_name other = forced("abcdefgh_3", 0x1234567u);
    assert_null(dkm_exports_find(ld, &other));
    assert_int_equal(dkm_exports_insert(ld, &k[3], 1, NULL), DKM_E_EXPORT_DUP);
    assert_int_equal(dkm_exports_remove(ld, &k[1], NULL), DKM_OK);
    assert_null(dkm_exports_find(ld, &k[1]));
    assert_int_equal(dkm_exports_find(ld, &k[0])->addr, 100);
    assert_int_equal(dkm_exports_find(ld, &k[6])->addr, 106);
}

static void memory_is_accounted(void **state)
{
    struct dkm_loader *ld = *state;
    struct dkm_stats before, after;
    dkm_stats(ld, &before);
    char names[200][8];
    for (int i = 0; i < 200; i++) {
        snprintf(names[i], sizeof names[i], "m%d", i);
        dkm_export_add(ld, names[i], 1);
    }
    dkm_stats(ld, &after);
    /* 200 entries at load <= 5/8 need 512 slots: one table block, grown from 64 */
    assert_int_equal(after.meta_blocks, before.meta_blocks);
    assert_int_equal(after.meta_bytes - before.meta_bytes, (512 - 64) * sizeof(struct dkm_export_slot));
    assert_true(after.peak_meta_bytes >= after.meta_bytes);
}

DEFINE_TEST_LIST(exports_tests,
    cmocka_unit_test_setup_teardown(host_exports_are_found, setup, teardown),
    cmocka_unit_test_setup_teardown(table_grows_and_keeps_everything, setup, teardown),
    cmocka_unit_test_setup_teardown(removal_shifts_collisions_back, setup, teardown),
    cmocka_unit_test_setup_teardown(equal_hashes_never_confuse_names, setup, teardown),
    cmocka_unit_test_setup_teardown(memory_is_accounted, setup, teardown));
