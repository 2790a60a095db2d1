/* dev_builtin.c — the devices the kernel itself provides: /dev/null (discards, reads as empty),
 * /dev/zero (discards, reads as zeros) and /dev/console (the serial console). */
#include "ark/kernel.h"
#include "console.h"
#include "fs_internal.h"

static long null_read(struct ark_file *f, char *buf, uint32_t len)
{
    (void)f, (void)buf, (void)len;
    return 0;
}

static long sink_write(struct ark_file *f, const char *buf, uint32_t len)
{
    (void)f, (void)buf;
    return len;
}

static long zero_read(struct ark_file *f, char *buf, uint32_t len)
{
    (void)f;
    memset(buf, 0, len);
    return len;
}

static long console_dev_read(struct ark_file *f, char *buf, uint32_t len)
{
    (void)f;
    return console_read(buf, len);
}

static long console_dev_write(struct ark_file *f, const char *buf, uint32_t len)
{
    (void)f;
    console_write(buf, len);
    return len;
}

static long console_dev_ioctl(struct ark_file *f, uint32_t cmd, uintptr_t arg)
{
    (void)f;
    if (cmd == ARK_IOCTL_CONSOLE_SET_FG)
        return console_set_foreground((ark_pid_t)arg);
    return -ENOTTY;
}

static const struct ark_file_ops null_ops = { .read = null_read, .write = sink_write };
static const struct ark_file_ops zero_ops = { .read = zero_read, .write = sink_write };
static const struct ark_file_ops console_ops = { .read = console_dev_read, .write = console_dev_write,
                                                 .ioctl = console_dev_ioctl };

void dev_builtin_init(void)
{
    static const struct {
        const char *name;
        const struct ark_file_ops *ops;
    } devs[] = {
        { "null", &null_ops },
        { "zero", &zero_ops },
        { "console", &console_ops },
    };

    for (size_t i = 0; i < ARK_ARRAY_SIZE(devs); i++) {
        /* everyone's, as on Unix (ark has no tty group to give the console to) */
        int err = dev_register_mode(devs[i].name, devs[i].ops, NULL, 0, 0, 0666);
        if (err)
            printk(KERN_ERR "devfs: cannot register /dev/%s (error %d)\n", devs[i].name, err);
    }
}
