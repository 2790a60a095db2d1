/* poll-box.c — a one-message mailbox device with a poll operation, the Linux way: a write fills
 * the box and wakes the wait queue, a read empties it; poll reports POLLIN while a message waits
 * and POLLOUT while the box is empty, after poll_wait on the queue. /proc/pollbox is the same box
 * through proc_ops (proc_poll). With autofill_ms, a poller that finds the box empty has it filled
 * by a timer that many milliseconds later, so a test knows the poller was asleep when the wake-up
 * came (ark's own timer and spinlock: linux/timer.h and linux/spinlock.h are still missing). */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include "ark/timer.h"

#define DEVICE_NAME "pollbox"

static int major;
static struct class *cls;
static char box[64];
static size_t box_len;
static bool box_full;
/* Guards the box: the autofill timer runs in interrupt context. */
static ark_spinlock_t box_lock = ARK_SPINLOCK_INIT;
/* ark's wait queue, the one a wait_queue_head_t stands for (linux/poll.h takes either). */
static struct ark_wait_queue box_wait = ARK_WAIT_QUEUE_INIT(box_wait);
static unsigned int autofill_ms;
module_param(autofill_ms, uint, 0444);
MODULE_PARM_DESC(autofill_ms, "fill an empty box this long after a poller starts waiting (0: never)");
static struct ark_timer *fill_timer;

static ssize_t box_read(struct file *filp, char __user *buf, size_t len, loff_t *off)
{
    char copy[sizeof(box)];
    unsigned long flags = ark_spin_lock_irqsave(&box_lock);
    size_t n = box_full ? min(len, box_len) : 0;

    memcpy(copy, box, n);
    box_full = false;
    ark_spin_unlock_irqrestore(&box_lock, flags);
    if (!n)
        return 0;
    if (copy_to_user(buf, copy, n))
        return -EFAULT;
    ark_wake_up_all(&box_wait);        /* writers waiting for room */
    return (ssize_t)n;
}

static bool box_fill(const char *data, size_t n)
{
    unsigned long flags = ark_spin_lock_irqsave(&box_lock);
    bool was_full = box_full;

    if (!was_full) {
        memcpy(box, data, n);
        box_len = n;
        box_full = true;
    }
    ark_spin_unlock_irqrestore(&box_lock, flags);
    if (!was_full)
        ark_wake_up_all(&box_wait);
    return !was_full;
}

static ssize_t box_write(struct file *filp, const char __user *buf, size_t len, loff_t *off)
{
    char copy[sizeof(box)];
    size_t n = min(len, sizeof(box));

    if (copy_from_user(copy, buf, n))
        return -EFAULT;
    if (!box_fill(copy, n))
        return -EAGAIN;
    pr_info("pollbox: %zu bytes in the box\n", n);
    return (ssize_t)len;
}

static void box_autofill(void *arg)
{
    (void)box_fill("auto\n", 5);
}

static __poll_t box_poll(struct file *filp, poll_table *wait)
{
    __poll_t mask;

    poll_wait(filp, &box_wait, wait);
    mask = READ_ONCE(box_full) ? (EPOLLIN | EPOLLRDNORM) : (EPOLLOUT | EPOLLWRNORM);
    if (wait && !(mask & EPOLLIN)) {
        pr_info("pollbox: box empty, poller waits\n");
        if (fill_timer)
            timer_start(fill_timer, autofill_ms, false);
    }
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
    if (box_proc && autofill_ms) {
        fill_timer = timer_create(box_autofill, NULL);
        if (!fill_timer) {
            proc_remove(box_proc);
            box_proc = NULL;
        }
    }
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
    if (fill_timer)
        timer_destroy(fill_timer);
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
