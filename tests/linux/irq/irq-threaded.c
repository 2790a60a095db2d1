/* irq-threaded.c — a threaded handler on IRQ 1 of the i8042 keyboard controller (made to deliver
 * bytes as if typed, command 0xD2): the hard handler takes the byte and wakes the thread; the
 * thread function runs in the line's own kernel thread, may sleep, and with IRQF_ONESHOT the
 * line stays masked until it returns. disable_irq holds a byte back until enable_irq; a request
 * without a primary handler needs IRQF_ONESHOT; an unbalanced enable_irq warns. With
 * leave_disabled=1 the exit leaves the line disabled, for the sweep to enable it again. */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/wait.h>
#include "i8042-fake.h"


static bool leave_disabled;
module_param(leave_disabled, bool, 0444);

struct lkm_dev {
    atomic_t hard;                     /* bytes the hard handler took */
    atomic_t threaded;                 /* runs of the thread function */
    atomic_t in_thread;                /* runs in the line's thread, irq/1-lkm_threaded */
    char bytes[8];
};

static struct lkm_dev dev;
static DECLARE_WAIT_QUEUE_HEAD(done_wq);

static irqreturn_t hard_handler(int irq, void *dev_id)
{
    struct lkm_dev *d = dev_id;
    u8 status = inb(I8042_STATUS);
    int n;

    if (!(status & STS_OBF) || (status & STS_AUX))
        return IRQ_NONE;
    n = atomic_inc_return(&d->hard);
    if (n <= (int)sizeof(d->bytes) - 1)
        d->bytes[n - 1] = (char)inb(I8042_DATA);
    else
        (void)inb(I8042_DATA);
    wake_up(&done_wq);
    return IRQ_WAKE_THREAD;
}

static irqreturn_t thread_fn(int irq, void *dev_id)
{
    struct lkm_dev *d = dev_id;

    if (!strncmp(current->comm, "irq/1-lkm", 9))
        atomic_inc(&d->in_thread);
    msleep(20);                        /* a threaded handler may sleep */
    atomic_inc(&d->threaded);
    wake_up(&done_wq);
    return IRQ_HANDLED;
}

static int __init irq_threaded_init(void)
{
    static const char keys[] = "ark";
    int rc, i, before;

    rc = i8042_kbd_irq_on();
    if (rc)
        return rc;

    pr_info("irq_threaded: no primary handler without IRQF_ONESHOT: %d\n",
            request_threaded_irq(KBD_IRQ, NULL, thread_fn, 0, "lkm_bad", &dev));
    rc = request_threaded_irq(KBD_IRQ, hard_handler, thread_fn, IRQF_ONESHOT, "lkm_threaded", &dev);
    if (rc)
        return rc;
    /* Each next byte is typed as soon as the hard handler took the last one, while the thread
     * function still sleeps: IRQF_ONESHOT keeps its interrupt back until that run returned, so
     * each byte gets a run of its own (without it, the three wake-ups would make one run). */
    for (i = 0; keys[i]; i++) {
        if (i8042_fake_key((u8)keys[i]))
            break;
        if (!wait_event_timeout(done_wq, atomic_read(&dev.hard) > i, msecs_to_jiffies(5000)))
            break;
    }
    (void)wait_event_timeout(done_wq, atomic_read(&dev.threaded) >= i, msecs_to_jiffies(5000));
    pr_info("irq_threaded: %d bytes '%s', %d thread runs, %d in the irq/1-lkm thread\n",
            atomic_read(&dev.hard), dev.bytes, atomic_read(&dev.threaded),
            atomic_read(&dev.in_thread));

    disable_irq(KBD_IRQ);
    before = atomic_read(&dev.hard);
    (void)i8042_fake_key('!');
    msleep(100);
    pr_info("irq_threaded: while disabled %d new bytes\n", atomic_read(&dev.hard) - before);
    enable_irq(KBD_IRQ);
    (void)wait_event_timeout(done_wq, atomic_read(&dev.threaded) > before, msecs_to_jiffies(5000));
    synchronize_irq(KBD_IRQ);
    pr_info("irq_threaded: after enable_irq %d new byte, '%c'\n", atomic_read(&dev.hard) - before,
            dev.bytes[before]);
    enable_irq(KBD_IRQ);               /* one too many */
    if (leave_disabled)
        disable_irq(KBD_IRQ);
    return 0;
}

static void __exit irq_threaded_exit(void)
{
    pr_info("irq_threaded: freed %s\n", (const char *)free_irq(KBD_IRQ, &dev));
}

module_init(irq_threaded_init);
module_exit(irq_threaded_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a threaded interrupt handler");
