/* chardev — a character device, /dev/hello: read returns the current message, write replaces it,
 * ioctl reports and resets counters. While /dev/hello is open the kernel holds the module, so
 * `strapper unload chardev` is refused until the last close. */
#include "ark/device.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("chardev");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("/dev/hello: a message you can read, write and query with ioctl");

/* ioctl commands; the argument is a user pointer to a uint32_t where noted. */
#define CHARDEV_IOC_GET_OPENS  0x4801   /* *arg = opens since load */
#define CHARDEV_IOC_GET_LEN    0x4802   /* *arg = message length */
#define CHARDEV_IOC_RESET      0x4803   /* restores the default message; arg unused */

#define CHARDEV_MSG_MAX 128

static const char chardev_default_msg[] = "hello from /dev/hello\n";
static char chardev_msg[CHARDEV_MSG_MAX];
static uint32_t chardev_len;
static uint32_t chardev_opens;
static uint32_t chardev_open_now;

static void chardev_reset(void)
{
    chardev_len = strlcpy(chardev_msg, chardev_default_msg, sizeof(chardev_msg));
}

static int chardev_open(struct ark_file *f)
{
    (void)f;
    chardev_opens++;
    chardev_open_now++;
    return 0;
}

static int chardev_close(struct ark_file *f)
{
    (void)f;
    chardev_open_now--;
    return 0;
}

static long chardev_read(struct ark_file *f, char *buf, uint32_t len)
{
    if (f->pos >= chardev_len)
        return 0;
    uint32_t n = chardev_len - f->pos;
    if (n > len)
        n = len;
    memcpy(buf, chardev_msg + f->pos, n);
    f->pos += n;
    return n;
}

/* Each write replaces the message (like `echo text > /dev/hello`); longer input is cut. */
static long chardev_write(struct ark_file *f, const char *buf, uint32_t len)
{
    (void)f;
    uint32_t n = len < CHARDEV_MSG_MAX - 1 ? len : CHARDEV_MSG_MAX - 1;
    memcpy(chardev_msg, buf, n);
    chardev_msg[n] = '\0';
    chardev_len = n;
    return len;
}

static long chardev_ioctl(struct ark_file *f, uint32_t cmd, uintptr_t arg)
{
    (void)f;
    uint32_t v;
    switch (cmd) {
    case CHARDEV_IOC_GET_OPENS:
        v = chardev_opens;
        return copy_to_user((void *)arg, &v, sizeof(v));
    case CHARDEV_IOC_GET_LEN:
        v = chardev_len;
        return copy_to_user((void *)arg, &v, sizeof(v));
    case CHARDEV_IOC_RESET:
        chardev_reset();
        return 0;
    default:
        return -ENOTTY;
    }
}

static const struct ark_file_ops chardev_ops = {
    .open = chardev_open,
    .close = chardev_close,
    .read = chardev_read,
    .write = chardev_write,
    .ioctl = chardev_ioctl,
};

int module_init(void)
{
    chardev_reset();
    int err = dev_register("hello", &chardev_ops, NULL);
    if (err) {
        printk(KERN_ERR "chardev: cannot register /dev/hello: error %d\n", err);
        return err;
    }
    printk(KERN_INFO "chardev: /dev/hello registered\n");
    return 0;
}

void module_exit(void)
{
    int err = dev_unregister("hello");
    if (err)
        printk(KERN_WARNING "chardev: /dev/hello: unregister failed: error %d\n", err);
    printk(KERN_INFO "chardev: /dev/hello removed after %u opens\n", chardev_opens);
}
