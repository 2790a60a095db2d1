/* test_vfs.c — the VFS over the ramdisk (kernel/fs/vfs.c, ramdisk.c): mounting an archive with
 * bad entries, the root listing, lookups, reads and seeks, and every refusal with its errno. */
#include <string.h>
#include "tests.h"
#include "fs_internal.h"
#include "shim.h"
#include "tar_build.h"

static struct tarb archive;            /* stays alive: the ramdisk points into it */
static char mount_log[8192];

int fs_unit_mount_all(void)
{
    char big[3000];
    size_t bad;

    vfs_init();
    memset(big, 'B', sizeof(big));
    tarb_add(&archive, "bin/", '5', NULL, 0, NULL);
    tarb_file(&archive, "bin/sh", "shell program");
    tarb_file(&archive, "bin/strapper", "strapper program");
    tarb_add(&archive, "bin/insmod", '1', NULL, 0, "bin/strapper");        /* hard link */
    tarb_add(&archive, "bin/lsmod", '2', NULL, 0, "strapper");             /* relative symlink */
    tarb_add(&archive, "./hello.elf", '0', big, sizeof(big), NULL);
    bad = tarb_file(&archive, "corrupt.txt", "lost");
    archive.buf[bad + 140] ^= 1;                                           /* checksum now wrong */
    tarb_file(&archive, "a/b/c.txt", "nested");                            /* implicit dirs */
    tarb_add(&archive, "dev-node", '3', NULL, 0, NULL);                    /* unsupported type */
    tarb_add(&archive, "dangling", '2', NULL, 0, "no/such/file");
    tarb_add(&archive, "dirlink", '2', NULL, 0, "a/b");
    tarb_add(&archive, "docs/", '5', NULL, 0, NULL);
    tarb_file(&archive, "hello.elf/oops", "x");                            /* parent is a file */
    tarb_end(&archive);

    shim_log_clear();
    if (ramdisk_mount(archive.buf, archive.len) != 0)
        return -1;
    strncpy(mount_log, shim_log(), sizeof(mount_log) - 1);
    return 0;
}

static void test_mount_reports_bad_entries(void **state)
{
    (void)state;
    assert_non_null(strstr(mount_log, "ramdisk: entry 'corrupt.txt' at offset"));
    assert_non_null(strstr(mount_log, "bad header checksum"));
    assert_non_null(strstr(mount_log, "entry 'dev-node' at offset"));
    assert_non_null(strstr(mount_log, "unsupported entry type '3'; skipped"));
    assert_non_null(strstr(mount_log, "entry 'dangling' at offset"));
    assert_non_null(strstr(mount_log, "link target 'no/such/file' is not in the archive; skipped"));
    assert_non_null(strstr(mount_log, "entry 'dirlink' at offset"));
    assert_non_null(strstr(mount_log, "links to directories are not supported"));
    assert_non_null(strstr(mount_log, "entry 'hello.elf/oops' at offset"));
    assert_non_null(strstr(mount_log, "a parent directory is a file"));
    assert_non_null(strstr(mount_log, "5 bad entries skipped"));
    assert_int_equal(ramdisk_mount(archive.buf, archive.len), -EBUSY);
}

static void test_root_lists_mounts(void **state)
{
    static const char *want[] = { "bin", "dev", "proc", "ramdisk" };
    struct ark_dirent d;
    struct ark_stat st;

    (void)state;
    for (uint32_t i = 0; i < 4; i++) {
        assert_int_equal(vfs_readdir("/", i, &d), 0);
        assert_string_equal(d.name, want[i]);
        assert_int_equal(d.type, ARK_DT_DIR);
    }
    assert_int_equal(vfs_readdir("/", 4, &d), -ENOENT);
    assert_int_equal(vfs_stat("/", &st), 0);
    assert_int_equal(st.type, ARK_DT_DIR);
    assert_int_equal(vfs_stat("/nothing", &st), -ENOENT);
}

static void test_ramdisk_listing(void **state)
{
    static const char *want[] = { "a", "bin", "docs", "hello.elf" };
    static const char *bin[] = { "insmod", "lsmod", "sh", "strapper" };
    struct ark_dirent d;

    (void)state;
    for (uint32_t i = 0; i < 4; i++) {
        assert_int_equal(vfs_readdir("/ramdisk", i, &d), 0);
        assert_string_equal(d.name, want[i]);
    }
    assert_int_equal(vfs_readdir("/ramdisk", 4, &d), -ENOENT);
    assert_int_equal(vfs_readdir("/ramdisk/hello.elf", 0, &d), -ENOTDIR);
    assert_int_equal(vfs_readdir("/ramdisk/missing", 0, &d), -ENOENT);
    assert_int_equal(vfs_readdir("/ramdisk/", 3, &d), 0);
    assert_string_equal(d.name, "hello.elf");
    assert_int_equal(d.type, ARK_DT_FILE);
    assert_int_equal(d.size, 3000);
    /* /bin is the archive's bin/ mounted a second time */
    for (uint32_t i = 0; i < 4; i++) {
        assert_int_equal(vfs_readdir("/bin", i, &d), 0);
        assert_string_equal(d.name, bin[i]);
        assert_int_equal(vfs_readdir("/ramdisk/bin", i, &d), 0);
        assert_string_equal(d.name, bin[i]);
    }
    assert_int_equal(vfs_readdir("/ramdisk/a/b", 0, &d), 0);
    assert_string_equal(d.name, "c.txt");
}

static void test_stat_paths(void **state)
{
    struct ark_stat st;

    (void)state;
    assert_int_equal(vfs_stat("/ramdisk//./bin/../hello.elf", &st), 0);
    assert_int_equal(st.type, ARK_DT_FILE);
    assert_int_equal(st.size, 3000);
    assert_int_equal(vfs_stat("/bin/sh", &st), 0);
    assert_int_equal(st.size, 13);
    assert_int_equal(vfs_stat("/ramdisk/a", &st), 0);
    assert_int_equal(st.type, ARK_DT_DIR);
    assert_int_equal(vfs_stat("/ramdisk/a/", &st), 0);
    assert_int_equal(vfs_stat("/ramdisk/hello.elf/", &st), -ENOTDIR);
    assert_int_equal(vfs_stat("/ramdisk/hello.elf/x", &st), -ENOTDIR);
    assert_int_equal(vfs_stat("/ramdisk/corrupt.txt", &st), -ENOENT);
    assert_int_equal(vfs_stat("", &st), -ENOENT);
    assert_int_equal(vfs_stat("/ramdisk/x", NULL), -EFAULT);
}

static void test_read_seek_close(void **state)
{
    struct file *f;
    char buf[4096];

    (void)state;
    assert_int_equal(vfs_open("/ramdisk/hello.elf", ARK_O_RDONLY, &f), 0);
    assert_int_equal(vfs_read(f, buf, 1000), 1000);
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 2000);
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 0);            /* end of file */
    assert_int_equal(vfs_lseek(f, -10, ARK_SEEK_END), 2990);
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 10);
    assert_int_equal(vfs_lseek(f, 5, ARK_SEEK_SET), 5);
    assert_int_equal(vfs_lseek(f, 5, ARK_SEEK_CUR), 10);
    assert_int_equal(vfs_lseek(f, -11, ARK_SEEK_CUR), -EINVAL);   /* before the start */
    assert_int_equal(vfs_lseek(f, 0, 7), -EINVAL);
    assert_int_equal(vfs_lseek(f, 4000, ARK_SEEK_SET), 4000);     /* past the end: reads give 0 */
    assert_int_equal(vfs_read(f, buf, 10), 0);
    assert_int_equal(vfs_read(f, buf, 0), 0);
    assert_int_equal(vfs_write(f, "x", 1), -EBADF);               /* opened read-only */
    assert_int_equal(vfs_ioctl(f, 1, 0), -ENOTTY);
    vfs_file_get(f);
    assert_int_equal(vfs_close(f), 0);                            /* still one reference */
    assert_int_equal(vfs_lseek(f, 0, ARK_SEEK_SET), 0);
    assert_int_equal(vfs_read(f, buf, 1), 1);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(vfs_close(NULL), -EBADF);
    assert_int_equal(vfs_read(NULL, buf, 1), -EBADF);

    assert_int_equal(vfs_open("/bin/lsmod", ARK_O_RDONLY, &f), 0);  /* symlink, resolved */
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 16);
    assert_memory_equal(buf, "strapper program", 16);
    vfs_close(f);
    assert_int_equal(vfs_open("/ramdisk/bin/insmod", ARK_O_RDONLY, &f), 0);  /* hard link */
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 16);
    vfs_close(f);
}

static void test_open_refusals(void **state)
{
    struct file *f = (struct file *)1;

    (void)state;
    assert_int_equal(vfs_open("/ramdisk/nope", ARK_O_RDONLY, &f), -ENOENT);
    assert_null(f);
    assert_int_equal(vfs_open("/nope/x", ARK_O_RDONLY, &f), -ENOENT);
    assert_int_equal(vfs_open("/ramdisk/bin/sh", ARK_O_WRONLY, &f), -EROFS);
    assert_int_equal(vfs_open("/ramdisk/bin/sh", ARK_O_RDWR, &f), -EROFS);
    assert_int_equal(vfs_open("/bin/sh", ARK_O_RDONLY | ARK_O_TRUNC, &f), -EROFS);
    assert_int_equal(vfs_open("/ramdisk/new", ARK_O_WRONLY | ARK_O_CREAT | ARK_O_TRUNC, &f), -EROFS);
    assert_int_equal(vfs_open("/ramdisk/new", ARK_O_RDONLY, &f), -ENOENT);
    assert_int_equal(vfs_open("/bin/sh", ARK_O_RDONLY | ARK_O_CREAT, &f), 0);   /* exists: fine */
    vfs_close(f);
    assert_int_equal(vfs_open("/ramdisk/a", ARK_O_RDONLY, &f), -EISDIR);
    assert_int_equal(vfs_open("/ramdisk", ARK_O_RDONLY, &f), -EISDIR);
    assert_int_equal(vfs_open("/", ARK_O_RDONLY, &f), -EISDIR);
    assert_int_equal(vfs_open("/newfile", ARK_O_WRONLY | ARK_O_CREAT, &f), -EROFS);
    assert_int_equal(vfs_open("/newfile", ARK_O_RDONLY, &f), -ENOENT);
    assert_int_equal(vfs_open("/ramdisk/a/", ARK_O_RDONLY, &f), -EISDIR);
    assert_int_equal(vfs_open("/bin/sh/", ARK_O_RDONLY, &f), -ENOTDIR);
    assert_int_equal(vfs_open("/bin/sh/x", ARK_O_RDONLY, &f), -ENOTDIR);
    assert_int_equal(vfs_open("/bin/sh", ARK_O_ACCMODE, &f), -EINVAL);
    assert_int_equal(vfs_open("/bin/sh", 0x80000, &f), -EINVAL);
    assert_int_equal(vfs_open(NULL, ARK_O_RDONLY, &f), -EFAULT);
    assert_int_equal(vfs_open("/bin/sh", ARK_O_RDONLY, NULL), -EFAULT);
}

static void test_name_too_long(void **state)
{
    char path[VFS_PATH_MAX + 8];
    struct file *f;

    (void)state;
    memset(path, 'x', sizeof(path));
    memcpy(path, "/ramdisk/", 9);
    path[9 + ARK_NAME_MAX] = '\0';
    assert_int_equal(vfs_open(path, ARK_O_RDONLY, &f), -ENAMETOOLONG);
    for (size_t i = 8; i + 2 < sizeof(path); i += 2)
        memcpy(path + i, "/.", 2);
    path[VFS_PATH_MAX] = '\0';
    assert_int_equal(vfs_open(path, ARK_O_RDONLY, &f), -ENAMETOOLONG);
}

static void test_read_file(void **state)
{
    void *data;
    size_t size;
    long before = shim_live_blocks;

    (void)state;
    assert_int_equal(vfs_read_file("/ramdisk/hello.elf", &data, &size), 0);
    assert_int_equal(size, 3000);
    assert_int_equal(((char *)data)[2999], 'B');
    assert_int_equal(((char *)data)[3000], '\0');
    kfree(data);
    assert_int_equal(vfs_read_file("/ramdisk/a/b/c.txt", &data, &size), 0);
    assert_string_equal(data, "nested");
    kfree(data);
    assert_int_equal(vfs_read_file("/ramdisk/a", &data, &size), -EISDIR);
    assert_int_equal(vfs_read_file("/dev/zero", &data, &size), -EINVAL);
    assert_int_equal(vfs_read_file("/ramdisk/none", &data, &size), -ENOENT);
    assert_null(data);
    assert_int_equal(shim_live_blocks, before);
}

TEST_TABLE(vfs_tests,
    cmocka_unit_test(test_mount_reports_bad_entries),
    cmocka_unit_test(test_root_lists_mounts),
    cmocka_unit_test(test_ramdisk_listing),
    cmocka_unit_test(test_stat_paths),
    cmocka_unit_test(test_read_seek_close),
    cmocka_unit_test(test_open_refusals),
    cmocka_unit_test(test_name_too_long),
    cmocka_unit_test(test_read_file),
);
