/* main.c — runs every fs-unit test as one cmocka group, with the file systems mounted once. */
#include <stdlib.h>
#include <string.h>
#include "tests.h"

static int mount_everything(void **state)
{
    (void)state;
    return fs_unit_mount_all();
}

int main(void)
{
    const struct { const struct CMUnitTest *tests; size_t count; } parts[] = {
        { path_tests, path_tests_count },     { tar_tests, tar_tests_count },
        { seq_tests, seq_tests_count },       { vfs_tests, vfs_tests_count },
        { devfs_tests, devfs_tests_count },   { procfs_tests, procfs_tests_count },
        { perm_tests, perm_tests_count },
    };
    struct CMUnitTest *all;
    size_t n = 0;

    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
        n += parts[i].count;
    all = calloc(n, sizeof(*all));
    if (!all)
        return 1;
    n = 0;
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        memcpy(all + n, parts[i].tests, parts[i].count * sizeof(*all));
        n += parts[i].count;
    }
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return _cmocka_run_group_tests("fs-unit", all, n, mount_everything, NULL);
}
