/* main.c — runs every libdkm-unit test as one cmocka group, so the suite prints one TAP plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

int main(void)
{
    const struct {
        const struct CMUnitTest *tests;
        size_t n;
    } lists[] = {
        {util_tests, util_tests_count},     {exports_tests, exports_tests_count},
        {modinfo_tests, modinfo_tests_count}, {reloc_tests, reloc_tests_count},
        /* the end-to-end module runs need an i386 process; a 64-bit build checks the rest */
        {load_tests, sizeof(void *) == 4 ? load_tests_count : 0},
        {lifecycle_tests, lifecycle_tests_count},
        {layout_tests, layout_tests_count},
        {license_tests, license_tests_count},
        {inplace_tests, inplace_tests_count},
        {symhash_tests, symhash_tests_count},
    };
    size_t total = 0;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        total += lists[i].n;
    struct CMUnitTest *all = calloc(total, sizeof *all);
    size_t k = 0;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        memcpy(all + k, lists[i].tests, lists[i].n * sizeof *all);
        k += lists[i].n;
    }
    int rc = _cmocka_run_group_tests("libdkm-unit", all, total, NULL, NULL);
    free(all);
    return rc;
}
