/* test_ksym.c — searching the address-sorted kernel symbol table. */
#include "kunit.h"
#include "ksym.h"

static const struct ksym_entry table[] = {
    { 0x1000, 0x20, 0 },     /* sized function */
    { 0x1040, 0x00, 1 },     /* assembly label: runs to the next symbol */
    { 0x1080, 0x00, 2 },     /* alias of the next, without a size */
    { 0x1080, 0x10, 3 },
    { 0x2000, 0x08, 4 },
};
#define COUNT (sizeof(table) / sizeof(table[0]))

static void finds_the_covering_symbol(void **state)
{
    (void)state;
    assert_ptr_equal(ksym_search(table, COUNT, 0x1000), &table[0]);
    assert_ptr_equal(ksym_search(table, COUNT, 0x101f), &table[0]);
    assert_ptr_equal(ksym_search(table, COUNT, 0x2007), &table[4]);
}

static void misses_outside_every_symbol(void **state)
{
    (void)state;
    assert_null(ksym_search(table, COUNT, 0x0fff));          /* before the first */
    assert_null(ksym_search(table, COUNT, 0x1020));          /* in the padding after a sized one */
    assert_null(ksym_search(table, COUNT, 0x2008));          /* past the last */
    assert_null(ksym_search(table, 0, 0x1000));              /* empty table */
}

static void labels_extend_to_the_next_symbol(void **state)
{
    (void)state;
    assert_ptr_equal(ksym_search(table, COUNT, 0x1040), &table[1]);
    assert_ptr_equal(ksym_search(table, COUNT, 0x107f), &table[1]);
}

static void prefers_a_sized_alias(void **state)
{
    (void)state;
    assert_ptr_equal(ksym_search(table, COUNT, 0x1084), &table[3]);
}

KUNIT_TABLE(ksym,
    cmocka_unit_test(finds_the_covering_symbol),
    cmocka_unit_test(misses_outside_every_symbol),
    cmocka_unit_test(labels_extend_to_the_next_symbol),
    cmocka_unit_test(prefers_a_sized_alias));
