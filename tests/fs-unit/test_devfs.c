/* test_devfs.c — /dev (kernel/fs/devfs.c, dev_builtin.c): the kernel's devices, registration
 * rules, module ownership and references, the unload sweep, and on-demand loading. */
#include <stdio.h>
#include <string.h>
#include "tests.h"
#include "fs_internal.h"
#include "shim.h"

static struct kmod fake = { "chardev", 0 };

struct drv_state {
    int opens, closes;
    uint32_t last_pos;
    char written[64];
    int open_result;
};
static struct drv_state drv;

static int drv_open(struct ark_file *f)
{
    drv.opens++;
    assert_ptr_equal(f->private_data, &drv);
    return drv.open_result;
}

static int drv_close(struct ark_file *f)
{
    (void)f;
    drv.closes++;
    return 0;
}

static long drv_read(struct ark_file *f, char *buf, uint32_t len)
{
    static const char text[] = "hello from the driver\n";
    drv.last_pos = f->pos;
    if (f->pos >= sizeof(text) - 1)
        return 0;
    if (len > sizeof(text) - 1 - f->pos)
        len = sizeof(text) - 1 - f->pos;
    memcpy(buf, text + f->pos, len);
    f->pos += len;
    return len;
}

static long drv_write(struct ark_file *f, const char *buf, uint32_t len)
{
    (void)f;
    snprintf(drv.written, sizeof(drv.written), "%.*s", (int)len, buf);
    return len;
}

static long drv_ioctl(struct ark_file *f, uint32_t cmd, uintptr_t arg)
{
    (void)f;
    return (long)(cmd * 10 + arg);
}

static const struct ark_file_ops drv_ops = {
    .open = drv_open, .close = drv_close, .read = drv_read, .write = drv_write, .ioctl = drv_ioctl,
};
static const struct ark_file_ops read_only_ops = { .read = drv_read };

static void test_builtin_devices(void **state)
{
    static const char *want[] = { "console", "null", "zero" };
    struct ark_dirent d;
    struct file *f;
    char buf[16];

    (void)state;
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(vfs_readdir("/dev", i, &d), 0);
        assert_string_equal(d.name, want[i]);
        assert_int_equal(d.type, ARK_DT_DEV);
    }
    /* the shell's "> /dev/null" */
    assert_int_equal(vfs_open("/dev/null", ARK_O_WRONLY | ARK_O_CREAT | ARK_O_TRUNC, &f), 0);
    assert_int_equal(vfs_write(f, "x\n", 2), 2);
    assert_int_equal(vfs_read(f, buf, 1), -EBADF);
    assert_int_equal(vfs_lseek(f, 0, ARK_SEEK_END), -EINVAL);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(vfs_open("/dev/null", ARK_O_RDONLY, &f), 0);
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 0);
    vfs_close(f);

    assert_int_equal(vfs_open("/dev/zero", ARK_O_RDWR, &f), 0);
    memset(buf, 'x', sizeof(buf));
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        assert_int_equal(buf[i], 0);
    assert_int_equal(vfs_write(f, "abc", 3), 3);
    vfs_close(f);

    shim_console_out_len = 0;
    shim_console_input("typed");
    assert_int_equal(vfs_open("/dev/console", ARK_O_RDWR, &f), 0);
    assert_int_equal(vfs_write(f, "out", 3), 3);
    assert_memory_equal(shim_console_out, "out", 3);
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 5);
    assert_memory_equal(buf, "typed", 5);
    vfs_close(f);
}

static void test_register_rules(void **state)
{
    char longname[ARK_NAME_MAX + 1];

    (void)state;
    assert_int_equal(dev_register("null", &drv_ops, NULL), -EEXIST);
    assert_int_equal(dev_register(NULL, &drv_ops, NULL), -EINVAL);
    assert_int_equal(dev_register("x", NULL, NULL), -EINVAL);
    assert_int_equal(dev_register("", &drv_ops, NULL), -EINVAL);
    assert_int_equal(dev_register("..", &drv_ops, NULL), -EINVAL);
    assert_int_equal(dev_register("a/b", &drv_ops, NULL), -EINVAL);
    memset(longname, 'l', sizeof(longname) - 1);
    longname[ARK_NAME_MAX] = '\0';
    assert_int_equal(dev_register(longname, &drv_ops, NULL), -ENAMETOOLONG);
    assert_int_equal(dev_unregister(longname), -ENOENT);
    assert_int_equal(dev_unregister("nothere"), -ENOENT);
    assert_int_equal(dev_unregister(NULL), -EINVAL);
}

static void test_driver_callbacks_and_refs(void **state)
{
    struct file *f;
    char buf[64];

    (void)state;
    memset(&drv, 0, sizeof(drv));
    shim_owner = &fake;
    assert_int_equal(dev_register("hello", &drv_ops, &drv), 0);
    shim_owner = NULL;

    assert_int_equal(vfs_open("/dev/hello", ARK_O_RDWR, &f), 0);
    assert_int_equal(drv.opens, 1);
    assert_int_equal(fake.refs, 1);                       /* the open file pins the module */
    assert_int_equal(dev_unregister("hello"), -EBUSY);
    assert_int_equal(vfs_read(f, buf, 5), 5);
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(vfs_lseek(f, 11, ARK_SEEK_SET), 11);
    assert_int_equal(vfs_read(f, buf, sizeof(buf)), 11);
    assert_int_equal(drv.last_pos, 11);                   /* the driver saw the seek */
    assert_memory_equal(buf, "the driver\n", 11);
    assert_int_equal(vfs_write(f, "data", 4), 4);
    assert_string_equal(drv.written, "data");
    assert_int_equal(vfs_ioctl(f, 4, 2), 42);

    vfs_file_get(f);                                      /* a dup: one open, two references */
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(drv.closes, 0);
    assert_int_equal(fake.refs, 1);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(drv.closes, 1);
    assert_int_equal(fake.refs, 0);

    drv.open_result = -EBUSY;                             /* a refusing open leaves no trace */
    assert_int_equal(vfs_open("/dev/hello", ARK_O_RDONLY, &f), -EBUSY);
    assert_int_equal(fake.refs, 0);
    drv.open_result = 0;
    assert_int_equal(dev_unregister("hello"), 0);
    assert_int_equal(vfs_open("/dev/hello", ARK_O_RDONLY, &f), -ENOENT);
}

static void test_missing_callbacks(void **state)
{
    struct file *f;

    (void)state;
    assert_int_equal(dev_register("ro", &read_only_ops, NULL), 0);
    assert_int_equal(vfs_open("/dev/ro", ARK_O_WRONLY, &f), -EACCES);
    assert_int_equal(vfs_open("/dev/ro", ARK_O_RDONLY, &f), 0);
    assert_int_equal(vfs_ioctl(f, 1, 0), -ENOTTY);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(dev_unregister("ro"), 0);
}

static void test_create_and_missing(void **state)
{
    struct file *f;
    struct ark_stat st;

    (void)state;
    shim_request_count = 0;
    assert_int_equal(vfs_open("/dev/newthing", ARK_O_WRONLY | ARK_O_CREAT | ARK_O_TRUNC, &f), -EACCES);
    assert_int_equal(vfs_open("/dev/newthing", ARK_O_RDONLY, &f), -ENOENT);
    assert_string_equal(shim_requested, "dev:newthing");
    assert_int_equal(shim_request_count, 2);
    assert_int_equal(vfs_open("/dev/null/x", ARK_O_RDONLY, &f), -ENOTDIR);
    assert_int_equal(shim_request_count, 2);              /* not a device name: no request */
    assert_int_equal(vfs_open("/dev", ARK_O_RDONLY, &f), -EISDIR);
    assert_int_equal(vfs_stat("/dev/null", &st), 0);
    assert_int_equal(st.type, ARK_DT_DEV);
    assert_int_equal(vfs_stat("/dev/newthing", &st), -ENOENT);
    assert_int_equal(shim_request_count, 2);              /* only open loads on demand */
}

static int load_hello_module(const char *name)
{
    if (strcmp(name, "dev:ondemand") != 0)
        return -ENOENT;
    shim_owner = &fake;
    dev_register("ondemand", &drv_ops, &drv);
    shim_owner = NULL;
    return 0;
}

static void test_on_demand_loading(void **state)
{
    struct file *f;
    char buf[8];

    (void)state;
    memset(&drv, 0, sizeof(drv));
    shim_request_hook = load_hello_module;
    assert_int_equal(vfs_open("/dev/ondemand", ARK_O_RDONLY, &f), 0);
    shim_request_hook = NULL;
    assert_string_equal(shim_requested, "dev:ondemand");
    assert_int_equal(vfs_read(f, buf, 5), 5);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(fake.refs, 0);
    assert_int_equal(dev_unregister("ondemand"), 0);
}

static void test_unload_sweep(void **state)
{
    struct file *f;
    char buf[8];
    long blocks;

    (void)state;
    memset(&drv, 0, sizeof(drv));
    shim_owner = &fake;
    assert_int_equal(dev_register("left1", &drv_ops, &drv), 0);
    assert_int_equal(dev_register("left2", &drv_ops, &drv), 0);
    shim_owner = NULL;
    assert_int_equal(dev_register("kernels", &drv_ops, &drv), 0);

    shim_log_clear();
    assert_int_equal(devfs_release_owned_by(&fake), 2);
    assert_non_null(strstr(shim_log(), "dkm: chardev: exit left /dev/left1 registered; removed\n"));
    assert_non_null(strstr(shim_log(), "dkm: chardev: exit left /dev/left2 registered; removed\n"));
    assert_int_equal(vfs_open("/dev/left1", ARK_O_RDONLY, &f), -ENOENT);
    assert_int_equal(devfs_release_owned_by(&fake), 0);
    assert_int_equal(devfs_release_owned_by(NULL), 0);    /* the kernel's own stay */
    assert_int_equal(dev_unregister("kernels"), 0);

    /* a forced unload with the device open: the file stays valid but never calls the module */
    blocks = shim_live_blocks;
    shim_owner = &fake;
    assert_int_equal(dev_register("forced", &drv_ops, &drv), 0);
    shim_owner = NULL;
    assert_int_equal(vfs_open("/dev/forced", ARK_O_RDWR, &f), 0);
    assert_int_equal(devfs_release_owned_by(&fake), 1);
    fake.refs = 0;                                        /* the module is gone */
    assert_int_equal(vfs_read(f, buf, 1), -ENXIO);
    assert_int_equal(vfs_write(f, "x", 1), -ENXIO);
    assert_int_equal(vfs_ioctl(f, 1, 1), -ENXIO);
    assert_int_equal(vfs_close(f), 0);
    assert_int_equal(drv.closes, 0);
    assert_int_equal(fake.refs, 0);
    assert_int_equal(shim_live_blocks, blocks);           /* entry freed at the last close */
    assert_int_equal(dev_register("forced", &drv_ops, &drv), 0);   /* the name is free again */
    assert_int_equal(dev_unregister("forced"), 0);
}

TEST_TABLE(devfs_tests,
    cmocka_unit_test(test_builtin_devices),
    cmocka_unit_test(test_register_rules),
    cmocka_unit_test(test_driver_callbacks_and_refs),
    cmocka_unit_test(test_missing_callbacks),
    cmocka_unit_test(test_create_and_missing),
    cmocka_unit_test(test_on_demand_loading),
    cmocka_unit_test(test_unload_sweep),
);
