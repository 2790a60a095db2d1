/* poll-box.c — a one-message mailbox device with a poll operation, the Linux way: a write fills
 * the box and wakes the wait queue, a read empties it; poll reports POLLIN while a message waits
 * and POLLOUT while the box is empty, after poll_wait on the queue. /proc/pollbox is the same box
 * through proc_ops (proc_poll). */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/version.h>

#define DEVICE_NAME "pollbox"

static int major;
static struct class *cls;
static char box[64];
static size_t box_len;
static bool box_full;
/* ark's wait queue, the one a wait_queue_head_t stands for (linux/poll.h takes either). */
static struct ark_wait_queue box_wait = ARK_WAIT_QUEUE_INIT(box_wait);

static ssize_t box_read(struct file *filp, char __user *buf, size_t len, loff_t *off)
{
    size_t n;

    if (!box_full)
        return 0;
    n = min(len, box_len);
    if (copy_to_user(buf, box, n))
        return -EFAULT;
    box_full = false;
    ark_wake_up_all(&box_wait);        /* writers waiting for room */
    return (ssize_t)n;
}

static ssize_t box_write(struct file *filp, const char __user *buf, size_t len, loff_t *off)
{
    size_t n = min(len, sizeof(box));

    if (box_full)
        return -EAGAIN;
    if (copy_from_user(box, buf, n))
        return -EFAULT;
    box_len = n;
    box_full = true;
    pr_info("pollbox: %zu bytes in the box\n", n);
    ark_wake_up_all(&box_wait);
    return (ssize_t)len;
}

static __poll_t box_poll(struct file *filp, poll_table *wait)
{
    __poll_t mask;

    poll_wait(filp, &box_wait, wait);
    mask = box_full ? (EPOLLIN | EPOLLRDNORM) : (EPOLLOUT | EPOLLWRNORM);
    if (wait && !(mask & EPOLLIN))
        pr_info("pollbox: box empty, poller waits\n");
    return mask;
}

static const struct file_operations box_fops = {
    .owner = THIS_MODULE,
    .read = box_read,
    .write = box_write,
    .poll = box_poll,
};

static const struct proc_ops box_proc_ops = {
    .proc_read = box_read,
    .proc_write = box_write,
    .proc_poll = box_poll,
};
static struct proc_dir_entry *box_proc;

static char *box_devnode(const struct device *dev, umode_t *mode)
{
    if (mode)
        *mode = 0666;
    return NULL;
}

static int __init box_init(void)
{
    struct device *dev;

    major = register_chrdev(0, DEVICE_NAME, &box_fops);
    if (major < 0)
        return major;
    cls = class_create(DEVICE_NAME);
    if (IS_ERR(cls)) {
        unregister_chrdev(major, DEVICE_NAME);
        return PTR_ERR(cls);
    }
    cls->devnode = box_devnode;
    dev = device_create(cls, NULL, MKDEV(major, 0), NULL, DEVICE_NAME);
    if (IS_ERR(dev)) {
        class_destroy(cls);
        unregister_chrdev(major, DEVICE_NAME);
        return PTR_ERR(dev);
    }
    box_proc = proc_create(DEVICE_NAME, 0666, NULL, &box_proc_ops);
    if (!box_proc) {
        device_destroy(cls, MKDEV(major, 0));
        class_destroy(cls);
        unregister_chrdev(major, DEVICE_NAME);
        return -ENOMEM;
    }
    pr_info("pollbox: /dev/%s ready\n", DEVICE_NAME);
    return 0;
}

static void __exit box_exit(void)
{
    proc_remove(box_proc);
    device_destroy(cls, MKDEV(major, 0));
    class_destroy(cls);
    unregister_chrdev(major, DEVICE_NAME);
    pr_info("pollbox: gone\n");
}

module_init(box_init);
module_exit(box_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a mailbox device with poll");
