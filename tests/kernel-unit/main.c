/* main.c — runs every kernel-unit test file's table as one cmocka group. */
#include "kunit.h"
#include <stdlib.h>

KUNIT_DECLARE(page_bitmap);
KUNIT_DECLARE(heap);
KUNIT_DECLARE(format);
KUNIT_DECLARE(klog_ring);
KUNIT_DECLARE(ksym);
KUNIT_DECLARE(cmdline);
KUNIT_DECLARE(elf_exec);
KUNIT_DECLARE(string);
KUNIT_DECLARE(kptr);

int main(void)
{
    const struct { const struct CMUnitTest *tests; size_t count; } tables[] = {
        { page_bitmap_tests, page_bitmap_tests_count },
        { heap_tests, heap_tests_count },
        { format_tests, format_tests_count },
        { klog_ring_tests, klog_ring_tests_count },
        { ksym_tests, ksym_tests_count },
        { cmdline_tests, cmdline_tests_count },
        { elf_exec_tests, elf_exec_tests_count },
        { string_tests, string_tests_count },
        { kptr_tests, kptr_tests_count },
    };
    size_t total = 0;
    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
        total += tables[i].count;
    struct CMUnitTest *all = calloc(total, sizeof(*all));
    if (!all)
        return 1;
    size_t n = 0;
    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
        for (size_t j = 0; j < tables[i].count; j++)
            all[n++] = tables[i].tests[j];
    int failed = _cmocka_run_group_tests("kernel-unit", all, total, NULL, NULL);
    free(all);
    return failed ? 1 : 0;
}
