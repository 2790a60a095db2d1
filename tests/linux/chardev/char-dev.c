/* chardev.c — a character device the Linux way: a dynamic major from register_chrdev, a class
 * and a device node from device_create, open counting with an atomic, read and write through
 * copy_to_user/copy_from_user/put_user, llseek, and ioctls to get and set a value. */
#include <linux/atomic.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/ioctl.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <asm/errno.h>

#define DEVICE_NAME "chardev"
#define CHARDEV_MAGIC 'k'
#define CHARDEV_GET_VALUE _IOR(CHARDEV_MAGIC, 1, unsigned int)
#define CHARDEV_SET_VALUE _IOW(CHARDEV_MAGIC, 2, unsigned int)
#define CHARDEV_RESET     _IO(CHARDEV_MAGIC, 3)

static int major;
static struct class *cls;
static atomic_t opens = ATOMIC_INIT(0);
static unsigned int value = 42;
static char message[128];
static size_t message_len;

static int device_open(struct inode *inode, struct file *file)
{
    if (!try_module_get(THIS_MODULE))
        return -ENODEV;
    atomic_inc(&opens);
    message_len = (size_t)scnprintf(message, sizeof(message), "opened %d times, minor %u, file %s\n",
                                    atomic_read(&opens), iminor(inode),
                                    file->f_path.dentry->d_name.name);
    return 0;
}

static int device_release(struct inode *inode, struct file *file)
{
    module_put(THIS_MODULE);
    return 0;
}

static ssize_t device_read(struct file *filp, char __user *buffer, size_t length, loff_t *offset)
{
    size_t done = 0;

    while (done < length && *offset < (loff_t)message_len) {
        if (put_user(message[*offset], buffer + done))
            return -EFAULT;
        done++;
        (*offset)++;
    }
    return (ssize_t)done;
}

static ssize_t device_write(struct file *filp, const char __user *buff, size_t len, loff_t *off)
{
    if (len >= sizeof(message))
        len = sizeof(message) - 1;
    if (copy_from_user(message, buff, len))
        return -EFAULT;
    message[len] = '\0';
    message_len = len;
    pr_info("chardev: got %zu bytes: %s", len, message);
    return (ssize_t)len;
}

static long device_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
    unsigned int v;

    switch (cmd) {
    case CHARDEV_GET_VALUE:
        return put_user(value, (unsigned int __user *)arg);
    case CHARDEV_SET_VALUE:
        if (get_user(v, (unsigned int __user *)arg))
            return -EFAULT;
        value = v;
        pr_info("chardev: value set to %u\n", value);
        return 0;
    case CHARDEV_RESET:
        value = 42;
        return 0;
    default:
        return -ENOTTY;
    }
}

static const struct file_operations chardev_fops = {
    .owner = THIS_MODULE,
    .read = device_read,
    .write = device_write,
    .open = device_open,
    .release = device_release,
    .unlocked_ioctl = device_ioctl,
    .llseek = default_llseek,
};

static char *chardev_devnode(const struct device *dev, umode_t *mode)
{
    if (mode)
        *mode = 0666;
    return NULL;
}

static int __init chardev_init(void)
{
    struct device *dev;

    major = register_chrdev(0, DEVICE_NAME, &chardev_fops);
    if (major < 0) {
        pr_alert("chardev: registering char device failed with %d\n", major);
        return major;
    }
    pr_info("chardev: assigned major number %d\n", major);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
    cls = class_create(DEVICE_NAME);
#else
    cls = class_create(THIS_MODULE, DEVICE_NAME);
#endif
    if (IS_ERR(cls)) {
        unregister_chrdev(major, DEVICE_NAME);
        return PTR_ERR(cls);
    }
    cls->devnode = chardev_devnode;
    dev = device_create(cls, NULL, MKDEV(major, 0), NULL, DEVICE_NAME);
    if (IS_ERR(dev)) {
        class_destroy(cls);
        unregister_chrdev(major, DEVICE_NAME);
        return PTR_ERR(dev);
    }
    strscpy(message, "nothing written yet\n", sizeof(message));
    message_len = strlen(message);
    pr_info("chardev: device created on /dev/%s\n", DEVICE_NAME);
    return 0;
}

static void __exit chardev_exit(void)
{
    device_destroy(cls, MKDEV(major, 0));
    class_destroy(cls);
    unregister_chrdev(major, DEVICE_NAME);
    pr_info("chardev: removed\n");
}

module_init(chardev_init);
module_exit(chardev_exit);
MODULE_LICENSE("GPL");
