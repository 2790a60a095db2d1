/* test_procfs.c — /proc (kernel/fs/procfs.c, proc_builtin.c): nested entries and their
 * directories, show/write callbacks, reads at any offset, ownership, and the built-in files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests.h"
#include "fs_internal.h"
#include "shim.h"

static struct kmod fake = { "params", 0 };
static char last_write[64];
static int show_calls;

static int show_counter(struct ark_seq *s, void *priv)
{
    show_calls++;
    return seq_printf(s, "%d\n", *(int *)priv);
}

static long write_counter(void *priv, const char *buf, uint32_t len)
{
    snprintf(last_write, sizeof(last_write), "%.*s", (int)len, buf);
    *(int *)priv = atoi(last_write);
    return len;
}

static int show_big(struct ark_seq *s, void *priv)
{
    (void)priv;
    for (int i = 0; i < 10000; i++)
        seq_printf(s, "%05d\n", i);
    return 0;
}

static int show_fails(struct ark_seq *s, void *priv)
{
    (void)s, (void)priv;
    return -EIO;
}

static int show_huge(struct ark_seq *s, void *priv)
{
    static char chunk[4096];
    (void)priv;
    memset(chunk, 'h', sizeof(chunk));
    for (int i = 0; i < 400; i++)
        seq_write(s, chunk, sizeof(chunk));   /* 1.6 MB: more than a /proc file may hold */
    return 0;
}

static char *read_all(const char *path)
{
    void *data;
    size_t size;

    if (vfs_read_file(path, &data, &size) != 0)
        return NULL;
    return data;
}

static void test_nested_create_and_remove(void **state)
{
    static int value = 7;
    struct ark_dirent d;
    struct ark_stat st;

    (void)state;
    assert_int_equal(proc_create("dkm/params/parameters/count", show_counter, write_counter, &value), 0);
    assert_int_equal(proc_create("dkm/params/parameters/name", show_counter, NULL, &value), 0);
    assert_int_equal(vfs_stat("/proc/dkm/params", &st), 0);
    assert_int_equal(st.type, ARK_DT_DIR);
    assert_int_equal(vfs_readdir("/proc/dkm/params/parameters", 0, &d), 0);
    assert_string_equal(d.name, "count");
    assert_int_equal(d.type, ARK_DT_FILE);
    assert_int_equal(vfs_readdir("/proc/dkm/params/parameters", 1, &d), 0);
    assert_string_equal(d.name, "name");

    assert_int_equal(proc_create("dkm/params/parameters/count", show_counter, NULL, &value), -EEXIST);
    assert_int_equal(proc_create("dkm/params", show_counter, NULL, &value), -EEXIST);
    assert_int_equal(proc_create("dkm/params/parameters/count/x", show_counter, NULL, &value), -ENOTDIR);
    assert_int_equal(proc_remove("dkm/params"), -EISDIR);

    /* removing the last file takes its now-empty directories with it, but no further */
    assert_int_equal(proc_create("dkm/other", show_counter, NULL, &value), 0);
    assert_int_equal(proc_remove("dkm/params/parameters/count"), 0);
    assert_int_equal(vfs_stat("/proc/dkm/params/parameters", &st), 0);
    assert_int_equal(proc_remove("dkm/params/parameters/name"), 0);
    assert_int_equal(vfs_stat("/proc/dkm/params", &st), -ENOENT);
    assert_int_equal(vfs_stat("/proc/dkm", &st), 0);
    assert_int_equal(proc_remove("dkm/other"), 0);
    assert_int_equal(vfs_stat("/proc/dkm", &st), -ENOENT);
    assert_int_equal(proc_remove("dkm/other"), -ENOENT);
}

static void test_path_rules(void **state)
{
    char longname[ARK_NAME_MAX + 2];
    static int v;

    (void)state;
    assert_int_equal(proc_create(NULL, show_counter, NULL, &v), -EINVAL);
    assert_int_equal(proc_create("", show_counter, NULL, &v), -EINVAL);
    assert_int_equal(proc_create("a/../b", show_counter, NULL, &v), -EINVAL);
    assert_int_equal(proc_create("a/./b", show_counter, NULL, &v), -EINVAL);
    assert_int_equal(proc_create("x", NULL, NULL, &v), -EINVAL);
    assert_int_equal(proc_create("meminfo", show_counter, NULL, &v), -EEXIST);
    memset(longname, 'p', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    assert_int_equal(proc_create(longname, show_counter, NULL, &v), -ENAMETOOLONG);
    assert_int_equal(proc_remove(longname), -ENAMETOOLONG);
    assert_int_equal(proc_remove("nothing/here"), -ENOENT);
    assert_int_equal(proc_remove("meminfo/x"), -ENOTDIR);

    /* running out of memory half-way leaves no empty directories behind */
    shim_fail_alloc_after = 2;
    assert_int_equal(proc_create("m1/m2/m3/m4/file", show_counter, NULL, &v), -ENOMEM);
    shim_fail_alloc_after = -1;
    struct ark_stat st;
    assert_int_equal(vfs_stat("/proc/m1", &st), -ENOENT);
}

static void test_show_and_write(void **state)
{
    static int value = 5;
    struct file *f;
    char buf[16];

    (void)state;
    assert_int_equal(proc_create("sys/dkm/disabled", show_counter, write_counter, &value), 0);
    show_calls = 0;
    /* the shell's "echo 1 > /proc/sys/dkm/disabled": no show needed for a write-only open */
    assert_int_equal(vfs_open("/proc/sys/dkm/disabled", ARK_O_WRONLY | ARK_O_CREAT | ARK_O_TRUNC, &f), 0);
    assert_int_equal(show_calls, 0);
    assert_int_equal(vfs_write(f, "1\n", 2), 2);
    assert_string_equal(last_write, "1\n");
    assert_int_equal(value, 1);
    assert_int_equal(vfs_close(f), 0);

    assert_int_equal(vfs_open("/proc/sys/dkm/disabled", ARK_O_RDONLY, &f), 0);
    assert_int_equal(show_calls, 1);
    value = 99;                                            /* the snapshot was taken at open */
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 2);
    assert_memory_equal(buf, "1\n", 2);
    assert_int_equal(proc_remove("sys/dkm/disabled"), -EBUSY);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(proc_remove("sys/dkm/disabled"), 0);

    assert_int_equal(proc_create("readonly", show_counter, NULL, &value), 0);
    assert_int_equal(vfs_open("/proc/readonly", ARK_O_WRONLY, &f), -EACCES);
    assert_int_equal(proc_create("writeonly", NULL, write_counter, &value), 0);
    assert_int_equal(vfs_open("/proc/writeonly", ARK_O_RDONLY, &f), -EACCES);
    assert_int_equal(vfs_open("/proc/newfile", ARK_O_WRONLY | ARK_O_CREAT, &f), -EACCES);
    assert_int_equal(vfs_open("/proc/newfile", ARK_O_RDONLY, &f), -ENOENT);
    assert_int_equal(proc_remove("readonly"), 0);
    assert_int_equal(proc_remove("writeonly"), 0);
}

static void test_large_file_any_offset(void **state)
{
    struct file *f;
    char buf[16];
    char *all;

    (void)state;
    assert_int_equal(proc_create("big", show_big, NULL, NULL), 0);
    assert_int_equal(vfs_open("/proc/big", ARK_O_RDONLY, &f), 0);
    assert_int_equal(vfs_lseek(f, 0, ARK_SEEK_END), 60000);
    assert_int_equal(vfs_lseek(f, 6 * 4321, ARK_SEEK_SET), 6 * 4321);
    assert_int_equal(vfs_read(f, buf, 6), 6);
    assert_memory_equal(buf, "04321\n", 6);
    assert_int_equal(vfs_lseek(f, -6, ARK_SEEK_END), 59994);
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 6);
    assert_memory_equal(buf, "09999\n", 6);
    vfs_close(f);
    all = read_all("/proc/big");              /* reported size 0: read until the end */
    assert_non_null(all);
    assert_int_equal(strlen(all), 60000);
    kfree(all);
    assert_int_equal(proc_remove("big"), 0);

    assert_int_equal(proc_create("fails", show_fails, NULL, NULL), 0);
    assert_int_equal(vfs_open("/proc/fails", ARK_O_RDONLY, &f), -EIO);
    assert_int_equal(proc_remove("fails"), 0);                /* the failed open left no count */
    assert_int_equal(proc_create("huge", show_huge, NULL, NULL), 0);
    assert_int_equal(vfs_open("/proc/huge", ARK_O_RDONLY, &f), -EFBIG);
    assert_int_equal(proc_remove("huge"), 0);
}

static void test_owner_refs_and_sweep(void **state)
{
    static int value = 3;
    struct file *f;
    char buf[8];
    long blocks = shim_live_blocks;

    (void)state;
    shim_owner = &fake;
    assert_int_equal(proc_create("dkm/params/parameters/count", show_counter, write_counter, &value), 0);
    assert_int_equal(proc_create("params_status", show_counter, NULL, &value), 0);
    shim_owner = NULL;
    assert_int_equal(proc_create("dkm/kernel_file", show_counter, NULL, &value), 0);

    assert_int_equal(vfs_open("/proc/params_status", ARK_O_RDONLY, &f), 0);
    assert_int_equal(fake.refs, 1);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(fake.refs, 0);

    shim_log_clear();
    assert_int_equal(procfs_release_owned_by(&fake), 2);
    assert_non_null(strstr(shim_log(), "dkm: params: exit left /proc/dkm/params/parameters/count registered; removed\n"));
    assert_non_null(strstr(shim_log(), "dkm: params: exit left /proc/params_status registered; removed\n"));
    struct ark_stat st;
    assert_int_equal(vfs_stat("/proc/dkm/params", &st), -ENOENT);   /* emptied dirs went too */
    assert_int_equal(vfs_stat("/proc/dkm/kernel_file", &st), 0);
    assert_int_equal(proc_remove("dkm/kernel_file"), 0);

    /* forced: the open file keeps its text, writes are refused, the entry goes at close */
    shim_owner = &fake;
    assert_int_equal(proc_create("forced", show_counter, write_counter, &value), 0);
    shim_owner = NULL;
    assert_int_equal(vfs_open("/proc/forced", ARK_O_RDWR, &f), 0);
    assert_int_equal(procfs_release_owned_by(&fake), 1);
    fake.refs = 0;
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 2);
    assert_memory_equal(buf, "3\n", 2);
    assert_int_equal(vfs_write(f, "4", 1), -ENXIO);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(shim_live_blocks, blocks);
}

static void test_builtin_files(void **state)
{
    char *text;

    (void)state;
    text = read_all("/proc/meminfo");
    assert_non_null(text);
    assert_non_null(strstr(text, "MemTotal:           131072 kB\n"));   /* 32768 pages */
    assert_non_null(strstr(text, "MemFree:            120000 kB\n"));
    assert_non_null(strstr(text, "KernelHeap:          12345 bytes\n"));
    assert_non_null(strstr(text, "KernelHeapBlocks:       67\n"));
    assert_non_null(strstr(text, "DkmTotal: 268435456\nDkmUsed: 8192\n"));  /* the DKM hook */
    kfree(text);

    shim_klog = "<6>first line\n<4>second line\n";
    text = read_all("/proc/kmsg");
    assert_non_null(text);
    assert_string_equal(text, "<6>first line\n<4>second line\n");
    kfree(text);

    shim_uptime_ms = 123456;
    text = read_all("/proc/uptime");
    assert_string_equal(text, "123.45\n");
    kfree(text);
    shim_uptime_ms = 5000000000ull;                            /* beyond 32 bits of ms */
    text = read_all("/proc/uptime");
    assert_string_equal(text, "5000000.00\n");
    kfree(text);
}

TEST_TABLE(procfs_tests,
    cmocka_unit_test(test_nested_create_and_remove),
    cmocka_unit_test(test_path_rules),
    cmocka_unit_test(test_show_and_write),
    cmocka_unit_test(test_large_file_any_offset),
    cmocka_unit_test(test_owner_refs_and_sweep),
    cmocka_unit_test(test_builtin_files),
);
