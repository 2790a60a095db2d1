/* waitq-dev.c — a blocking character device: read sleeps on a wait queue
 * (wait_event_interruptible) until a write brings data, then returns it once; a reader that is
 * killed while asleep gives up with -ERESTARTSYS. With open_coded=1 the sleep is written out with
 * prepare_to_wait, schedule and finish_wait. Each open reads one write's data, then end of
 * file. A mutex serialises the buffer. poll reports the device writable while a reader waits for
 * data (and readable while there is data), so a script can wait for a sleeping reader before it
 * writes or kills: `poll -w /dev/lkmwait`. */
#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#define DEVICE_NAME "lkmwait"

static int major;
static struct class *cls;
static DECLARE_WAIT_QUEUE_HEAD(data_wq);
static DECLARE_WAIT_QUEUE_HEAD(state_wq);        /* pollers: readers_waiting or have_data changed */
static atomic_t readers_waiting = ATOMIC_INIT(0);
static DEFINE_MUTEX(buf_lock);
static char buf[64];
static size_t buf_len;
static bool have_data;

static bool open_coded;
module_param(open_coded, bool, 0444);
MODULE_PARM_DESC(open_coded, "sleep with prepare_to_wait/schedule/finish_wait");

/* The same wait, written out: 0 once there is data, -ERESTARTSYS when killed. */
static int wait_open_coded(void)
{
    DEFINE_WAIT(wait);
    int rc = 0;

    for (;;) {
        prepare_to_wait(&data_wq, &wait, TASK_INTERRUPTIBLE);
        if (READ_ONCE(have_data))
            break;
        if (signal_pending(current)) {
            rc = -ERESTARTSYS;
            break;
        }
        schedule();
    }
    finish_wait(&data_wq, &wait);
    return rc;
}

static ssize_t waitq_read(struct file *file, char __user *out, size_t len, loff_t *off)
{
    ssize_t n;

    if (*off > 0)
        return 0;                      /* one write's data per open, then end of file */
    pr_info("waitq: %s (pid %d) waits for data\n", current->comm, current->pid);
    atomic_inc(&readers_waiting);
    wake_up_interruptible(&state_wq);
    int rc = open_coded ? wait_open_coded() : wait_event_interruptible(data_wq, READ_ONCE(have_data));
    atomic_dec(&readers_waiting);
    if (rc) {
        pr_info("waitq: reader interrupted\n");
        return -ERESTARTSYS;
    }
    if (mutex_lock_interruptible(&buf_lock))
        return -ERESTARTSYS;
    n = (ssize_t)min(len, buf_len);
    if (copy_to_user(out, buf, (size_t)n)) {
        mutex_unlock(&buf_lock);
        return -EFAULT;
    }
    have_data = false;                 /* each write is read once */
    mutex_unlock(&buf_lock);
    *off += n;
    pr_info("waitq: reader woke with %zd bytes\n", n);
    return n;
}

static ssize_t waitq_write(struct file *file, const char __user *in, size_t len, loff_t *off)
{
    if (len > sizeof(buf))
        len = sizeof(buf);
    mutex_lock(&buf_lock);
    if (copy_from_user(buf, in, len)) {
        mutex_unlock(&buf_lock);
        return -EFAULT;
    }
    buf_len = len;
    WRITE_ONCE(have_data, true);
    mutex_unlock(&buf_lock);
    wake_up_interruptible(&data_wq);
    wake_up_interruptible(&state_wq);
    return (ssize_t)len;
}

static __poll_t waitq_poll(struct file *file, poll_table *wait)
{
    __poll_t mask = 0;

    poll_wait(file, &state_wq, wait);
    if (atomic_read(&readers_waiting))
        mask |= EPOLLOUT | EPOLLWRNORM;
    if (READ_ONCE(have_data))
        mask |= EPOLLIN | EPOLLRDNORM;
    return mask;
}

static const struct file_operations waitq_fops = {
    .owner = THIS_MODULE,
    .read = waitq_read,
    .write = waitq_write,
    .poll = waitq_poll,
};

static int __init waitq_init(void)
{
    struct device *dev;

    major = register_chrdev(0, DEVICE_NAME, &waitq_fops);
    if (major < 0)
        return major;
    cls = class_create(DEVICE_NAME);
    if (IS_ERR(cls)) {
        unregister_chrdev(major, DEVICE_NAME);
        return PTR_ERR(cls);
    }
    dev = device_create(cls, NULL, MKDEV(major, 0), NULL, DEVICE_NAME);
    if (IS_ERR(dev)) {
        class_destroy(cls);
        unregister_chrdev(major, DEVICE_NAME);
        return PTR_ERR(dev);
    }
    pr_info("waitq: /dev/%s ready\n", DEVICE_NAME);
    return 0;
}

static void __exit waitq_exit(void)
{
    device_destroy(cls, MKDEV(major, 0));
    class_destroy(cls);
    unregister_chrdev(major, DEVICE_NAME);
    pr_info("waitq: removed\n");
}

module_init(waitq_init);
module_exit(waitq_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a read that blocks until a write");
