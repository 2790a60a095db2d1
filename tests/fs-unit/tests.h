/* tests.h — the test tables each file of the fs-unit suite contributes; main.c runs them as one
 * cmocka group so the suite prints a single TAP plan. */
#ifndef FS_UNIT_TESTS_H
#define FS_UNIT_TESTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

extern const struct CMUnitTest path_tests[], tar_tests[], seq_tests[], vfs_tests[], devfs_tests[],
    procfs_tests[], perm_tests[];
extern const size_t path_tests_count, tar_tests_count, seq_tests_count, vfs_tests_count,
    devfs_tests_count, procfs_tests_count, perm_tests_count;

/* The kernel's file systems, mounted once for the whole run (vfs_init and a test ramdisk). */
int fs_unit_mount_all(void);

#define TEST_TABLE(name, ...)                                                              \
    const struct CMUnitTest name[] = { __VA_ARGS__ };                                      \
    const size_t name##_count = sizeof(name) / sizeof(name[0])

#endif
