/* test_perm.c — owners and modes (kernel/fs/perm.c) on /dev and /proc entries: the defaults,
 * modes given at registration, the owner's, group's and others' bits, root's override, and what
 * stat and readdir report. */
#include <string.h>
#include "tests.h"
#include "fs_internal.h"
#include "shim.h"

static long perm_read(struct ark_file *f, char *buf, uint32_t len)
{
    (void)f;
    (void)buf;
    (void)len;
    return 0;
}

static long perm_write(struct ark_file *f, const char *buf, uint32_t len)
{
    (void)f;
    (void)buf;
    return len;
}

static const struct ark_file_ops perm_ops = { .read = perm_read, .write = perm_write };

static int perm_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    return seq_printf(s, "x\n") < 0 ? -ENOMEM : 0;
}

static long perm_store(void *priv, const char *buf, uint32_t len)
{
    (void)priv;
    (void)buf;
    return len;
}

/* vfs_open's answer for the caller uid:gid, closing the file when it opened. */
static int open_as(ark_uid_t uid, ark_gid_t gid, const char *path, uint32_t flags)
{
    struct file *f;
    int err;

    shim_uid = uid;
    shim_gid = gid;
    err = vfs_open(path, flags, &f);
    shim_uid = 0;
    shim_gid = 0;
    if (err == 0)
        vfs_close(f);
    return err;
}

static void test_device_default_is_root_only(void **state)
{
    struct ark_stat st;

    (void)state;
    assert_int_equal(dev_register("permdef", &perm_ops, NULL), 0);
    assert_int_equal(vfs_stat("/dev/permdef", &st), 0);
    assert_int_equal(st.mode, 0600);
    assert_int_equal(st.uid, 0);
    assert_int_equal(st.gid, 0);
    assert_int_equal(open_as(1000, 1000, "/dev/permdef", ARK_O_RDONLY), -EACCES);
    assert_int_equal(open_as(1000, 1000, "/dev/permdef", ARK_O_WRONLY), -EACCES);
    assert_int_equal(open_as(0, 0, "/dev/permdef", ARK_O_RDWR), 0);
    /* the kernel's own devices are everyone's */
    assert_int_equal(open_as(1000, 1000, "/dev/null", ARK_O_RDWR), 0);
    assert_int_equal(dev_unregister("permdef"), 0);
}

static void test_device_owner_group_other_bits(void **state)
{
    struct ark_dirent d;
    uint32_t i;

    (void)state;
    /* owner may read and write, group may read, others nothing */
    assert_int_equal(dev_register_mode("permdev", &perm_ops, NULL, 1000, 50, 0640), 0);
    assert_int_equal(open_as(1000, 1000, "/dev/permdev", ARK_O_RDWR), 0);
    assert_int_equal(open_as(1001, 50, "/dev/permdev", ARK_O_RDONLY), 0);
    assert_int_equal(open_as(1001, 50, "/dev/permdev", ARK_O_WRONLY), -EACCES);
    assert_int_equal(open_as(1002, 1002, "/dev/permdev", ARK_O_RDONLY), -EACCES);
    assert_int_equal(open_as(0, 0, "/dev/permdev", ARK_O_RDWR), 0);   /* root overrides */
    /* the owner's bits win even when the group's would allow more */
    assert_int_equal(dev_register_mode("permodd", &perm_ops, NULL, 1000, 1000, 0460), 0);
    assert_int_equal(open_as(1000, 1000, "/dev/permodd", ARK_O_WRONLY), -EACCES);
    assert_int_equal(open_as(1001, 1000, "/dev/permodd", ARK_O_WRONLY), 0);
    for (i = 0; vfs_readdir("/dev", i, &d) == 0; i++)
        if (strcmp(d.name, "permdev") == 0)
            break;
    assert_string_equal(d.name, "permdev");
    assert_int_equal(d.mode, 0640);
    assert_int_equal(d.uid, 1000);
    assert_int_equal(d.gid, 50);
    assert_int_equal(dev_register_mode("permbad", &perm_ops, NULL, 0, 0, 010000), -EINVAL);
    assert_int_equal(dev_register_mode("permbad", &perm_ops, NULL, -1, 0, 0600), -EINVAL);
    assert_int_equal(dev_unregister("permdev"), 0);
    assert_int_equal(dev_unregister("permodd"), 0);
}

static void test_proc_modes(void **state)
{
    struct ark_stat st;

    (void)state;
    /* proc_create: 0444, so only root may write even when there is a write callback */
    assert_int_equal(proc_create("permdefault", perm_show, perm_store, NULL), 0);
    assert_int_equal(vfs_stat("/proc/permdefault", &st), 0);
    assert_int_equal(st.mode, 0444);
    assert_int_equal(open_as(1000, 1000, "/proc/permdefault", ARK_O_RDONLY), 0);
    assert_int_equal(open_as(1000, 1000, "/proc/permdefault", ARK_O_WRONLY), -EACCES);
    assert_int_equal(open_as(0, 0, "/proc/permdefault", ARK_O_WRONLY), 0);
    /* mode 0 means 0444, as Linux's proc_create */
    assert_int_equal(proc_create_mode("permzero", perm_show, perm_store, NULL, 0, 0, 0), 0);
    assert_int_equal(vfs_stat("/proc/permzero", &st), 0);
    assert_int_equal(st.mode, 0444);
    assert_int_equal(proc_create_mode("permdir/secret", perm_show, perm_store, NULL, 1000, 1000, 0600), 0);
    assert_int_equal(open_as(1000, 1000, "/proc/permdir/secret", ARK_O_RDWR), 0);
    assert_int_equal(open_as(1001, 1001, "/proc/permdir/secret", ARK_O_RDONLY), -EACCES);
    assert_int_equal(vfs_stat("/proc/permdir", &st), 0);
    assert_int_equal(st.mode, 0755);                     /* implicit directories */
    assert_int_equal(proc_set_perm("permzero", 0, 0, 0666), 0);
    assert_int_equal(open_as(1000, 1000, "/proc/permzero", ARK_O_WRONLY), 0);
    assert_int_equal(proc_create_mode("permbad", perm_show, NULL, NULL, 0, 0, 0100000), -EINVAL);
    assert_int_equal(proc_remove("permdefault"), 0);
    assert_int_equal(proc_remove("permzero"), 0);
    assert_int_equal(proc_remove("permdir/secret"), 0);
}

TEST_TABLE(perm_tests,
    cmocka_unit_test(test_device_default_is_root_only),
    cmocka_unit_test(test_device_owner_group_other_bits),
    cmocka_unit_test(test_proc_modes),
);
