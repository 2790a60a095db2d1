/* dkmt_poll.c — /dev/dkmtpoll, a one-message mailbox with a native poll function: a read
 * returns the message (0 when there is none), a write stores it and wakes the queue, and poll
 * reports ARK_POLLIN while a message waits, ARK_POLLOUT while the box is empty. */
#include "ark/device.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/sync.h"
#include "ark/syscall.h"

MODULE_NAME("dkmt_poll");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");

#define BOX_MAX 64

static ark_spinlock_t box_lock = ARK_SPINLOCK_INIT;
static struct ark_wait_queue box_wait = ARK_WAIT_QUEUE_INIT(box_wait);
static char box[BOX_MAX];
static uint32_t box_len;
static bool box_full;

static long box_read(struct ark_file *f, char *buf, uint32_t len)
{
    (void)f;
    unsigned long flags = ark_spin_lock_irqsave(&box_lock);
    uint32_t n = box_full ? (box_len < len ? box_len : len) : 0;
    memcpy(buf, box, n);
    box_full = false;
    ark_spin_unlock_irqrestore(&box_lock, flags);
    return n;
}

static long box_write(struct ark_file *f, const char *buf, uint32_t len)
{
    (void)f;
    unsigned long flags = ark_spin_lock_irqsave(&box_lock);
    bool was_full = box_full;
    if (!was_full) {
        box_len = len < BOX_MAX ? len : BOX_MAX;
        memcpy(box, buf, box_len);
        box_full = true;
    }
    ark_spin_unlock_irqrestore(&box_lock, flags);
    if (was_full)
        return -EAGAIN;
    ark_wake_up_all(&box_wait);        /* every poller and reader sees the message */
    return len;
}

static uint32_t box_poll(struct ark_file *f, struct ark_poll_table *pt)
{
    (void)f;
    ark_poll_wait(pt, &box_wait);      /* first, so a write from now on wakes the poller */
    return __atomic_load_n(&box_full, __ATOMIC_ACQUIRE) ? ARK_POLLIN | ARK_POLLRDNORM
                                                         : ARK_POLLOUT | ARK_POLLWRNORM;
}

static const struct ark_file_ops box_ops = { .read = box_read, .write = box_write };

static int dkmt_poll_init(void)
{
    return dev_register_poll("dkmtpoll", &box_ops, box_poll, NULL);
}

static void dkmt_poll_exit(void)
{
    dev_unregister("dkmtpoll");
}

ark_module_init(dkmt_poll_init);
ark_module_exit(dkmt_poll_exit);
