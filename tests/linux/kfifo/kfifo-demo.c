/* kfifo-demo.c — kfifo as drivers use it: a typed DEFINE_KFIFO filled past full and drained in
 * order, copies across the wrap, kfifo_alloc and kfifo_init rounding, a producer kthread and
 * a consumer passing 5000 numbers through a 16-slot fifo without a lock, the _spinlocked forms,
 * and a byte fifo behind /dev/kfifo read and written with kfifo_to_user/kfifo_from_user. */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kfifo.h>
#include <linux/kthread.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define PASSED 5000

static DEFINE_KFIFO(ints, int, 8);
static DECLARE_KFIFO(pipe, u32, 16);
static DECLARE_WAIT_QUEUE_HEAD(pipe_wq);
static struct kfifo bytes;
static DEFINE_MUTEX(bytes_lock);
static DEFINE_SPINLOCK(ints_lock);

static int producer(void *unused)
{
    for (u32 v = 1; v <= PASSED; v++) {
        wait_event(pipe_wq, !kfifo_is_full(&pipe));
        kfifo_put(&pipe, v);
        wake_up(&pipe_wq);
    }
    return 0;
}

static void typed_checks(void)
{
    int i, v, accepted = 0, in_order = 1, wrapped_ok = 1, peeked = -1;
    int block[5], back[5];

    for (i = 0; i < 10; i++)
        accepted += kfifo_put(&ints, i);
    kfifo_peek(&ints, &peeked);
    pr_info("kfifo_demo: put 10 into 8: %d taken, full %d, len %u, avail %u, peek %d\n", accepted,
            kfifo_is_full(&ints), kfifo_len(&ints), kfifo_avail(&ints), peeked);
    for (i = 0; kfifo_get(&ints, &v); i++)
        in_order &= v == i;
    pr_info("kfifo_demo: got %d back in order %d, empty %d, get on empty %d\n", i, in_order,
            kfifo_is_empty(&ints), kfifo_get(&ints, &v));
    for (int round = 0; round < 20; round++) {   /* 5 at a time around 8 slots: every offset */
        for (i = 0; i < 5; i++)
            block[i] = round * 10 + i;
        if (kfifo_in(&ints, block, 5) != 5 || kfifo_out(&ints, back, 5) != 5)
            wrapped_ok = 0;
        for (i = 0; i < 5; i++)
            wrapped_ok &= back[i] == block[i];
    }
    kfifo_in_spinlocked(&ints, block, 3, &ints_lock);
    kfifo_skip(&ints);
    i = kfifo_len(&ints);
    v = kfifo_out_spinlocked(&ints, back, 5, &ints_lock);
    pr_info("kfifo_demo: across the wrap %d, spinlocked in 3 then skip: len %d, out %d, first %d\n",
            wrapped_ok, i, v, back[0] - block[0]);
}

static void sizing_checks(void)
{
    static unsigned char buffer[100];
    struct kfifo small;
    DECLARE_KFIFO_PTR(words, u16);
    int rc_words = kfifo_alloc(&words, 100, GFP_KERNEL);
    int rc_tiny = kfifo_alloc(&small, 1, GFP_KERNEL);
    int rc_init = kfifo_init(&small, buffer, sizeof(buffer));

    pr_info("kfifo_demo: alloc 100 u16: %d size %u esize %u; alloc 1: %d; init on 100 bytes: %d size %u\n",
            rc_words, kfifo_size(&words), kfifo_esize(&words), rc_tiny, rc_init, kfifo_size(&small));
    if (!rc_words)
        kfifo_free(&words);
}

static ssize_t bytes_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
    unsigned int copied;
    int rc;

    mutex_lock(&bytes_lock);
    rc = kfifo_to_user(&bytes, buf, count, &copied);
    mutex_unlock(&bytes_lock);
    return rc ? rc : (ssize_t)copied;
}

static ssize_t bytes_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
    unsigned int copied;
    int rc;

    mutex_lock(&bytes_lock);
    rc = kfifo_from_user(&bytes, buf, count, &copied);
    mutex_unlock(&bytes_lock);
    if (!rc && !copied && count)
        return -ENOSPC;
    return rc ? rc : (ssize_t)copied;
}

static const struct file_operations bytes_fops = {
    .owner = THIS_MODULE,
    .read = bytes_read,
    .write = bytes_write,
};
static struct miscdevice bytes_dev = {
    .minor = MISC_DYNAMIC_MINOR, .name = "kfifo", .fops = &bytes_fops, .mode = 0666,
};

static int __init kfifo_demo_init(void)
{
    struct task_struct *t;
    u32 v, expect = 1, sum = 0, got = 0;
    int rc;

    typed_checks();
    sizing_checks();
    INIT_KFIFO(pipe);
    t = kthread_run(producer, NULL, "kfifo-producer");
    if (IS_ERR(t))
        return PTR_ERR(t);
    while (got < PASSED) {
        wait_event(pipe_wq, !kfifo_is_empty(&pipe));
        while (kfifo_get(&pipe, &v)) {
            if (v != expect)
                pr_err("kfifo_demo: expected %u, got %u\n", expect, v);
            expect = v + 1;
            sum += v;
            got++;
        }
        wake_up(&pipe_wq);
    }
    /* The producer may still be between its last put and its return: wait for it to end. */
    rc = kthread_stop(t);
    pr_info("kfifo_demo: %u passed through 16 slots, sum %u, next expected %u, producer %d\n", got,
            sum, expect, rc);
    rc = kfifo_alloc(&bytes, 64, GFP_KERNEL);
    if (rc)
        return rc;
    rc = misc_register(&bytes_dev);
    if (rc)
        kfifo_free(&bytes);
    return rc;
}

static void __exit kfifo_demo_exit(void)
{
    misc_deregister(&bytes_dev);
    pr_info("kfifo_demo: %u bytes left unread\n", kfifo_len(&bytes));
    kfifo_free(&bytes);
}

module_init(kfifo_demo_init);
module_exit(kfifo_demo_exit);
MODULE_LICENSE("GPL");
