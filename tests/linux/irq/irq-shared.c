/* irq-shared.c — two handlers sharing one interrupt line with IRQF_SHARED, on IRQ 1 of the PC's
 * i8042 keyboard controller: init makes the controller deliver bytes as if typed (command 0xD2),
 * which raises IRQ 1; the first handler claims each byte (IRQ_HANDLED), the second sees every
 * interrupt and claims none (IRQ_NONE). A non-shared request on the taken line is refused. */
#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/wait.h>
#include "i8042-fake.h"


struct lkm_dev {
    const char *name;
    atomic_t calls;
    atomic_t handled;
    u8 last;
};

static struct lkm_dev claimer = { .name = "claimer" };
static struct lkm_dev watcher = { .name = "watcher" };
static DECLARE_WAIT_QUEUE_HEAD(irq_wq);

static irqreturn_t claim_handler(int irq, void *dev_id)
{
    struct lkm_dev *dev = dev_id;
    u8 status = inb(I8042_STATUS);

    atomic_inc(&dev->calls);
    if (!(status & STS_OBF) || (status & STS_AUX))
        return IRQ_NONE;
    dev->last = inb(I8042_DATA);
    atomic_inc(&dev->handled);
    wake_up(&irq_wq);
    return IRQ_HANDLED;
}

static irqreturn_t watch_handler(int irq, void *dev_id)
{
    struct lkm_dev *dev = dev_id;

    atomic_inc(&dev->calls);
    return IRQ_NONE;
}

static irqreturn_t exclusive_handler(int irq, void *dev_id)
{
    return IRQ_HANDLED;
}

static int __init irq_shared_init(void)
{
    static const char keys[] = "lkm";
    int rc, i;

    rc = i8042_kbd_irq_on();
    if (rc)
        return rc;

    rc = request_irq(KBD_IRQ, claim_handler, IRQF_SHARED, "lkm_claimer", &claimer);
    if (rc)
        return rc;
    rc = request_irq(KBD_IRQ, watch_handler, IRQF_SHARED, "lkm_watcher", &watcher);
    if (rc) {
        free_irq(KBD_IRQ, &claimer);
        return rc;
    }
    pr_info("irq: exclusive request on the shared line: %d\n",
            request_irq(KBD_IRQ, exclusive_handler, 0, "lkm_exclusive", &rc));
    pr_info("irq: shared request without dev_id: %d\n",
            request_irq(KBD_IRQ, exclusive_handler, IRQF_SHARED, "lkm_nodev", NULL));

    for (i = 0; keys[i]; i++) {
        if (i8042_fake_key((u8)keys[i]))
            break;
        if (!wait_event_timeout(irq_wq, atomic_read(&claimer.handled) > i, msecs_to_jiffies(5000)))
            break;
    }
    pr_info("irq: %d bytes claimed, last '%c'; watcher saw %s\n", atomic_read(&claimer.handled),
            claimer.last, atomic_read(&watcher.calls) >= atomic_read(&claimer.handled) ? "every one" : "fewer");
    return 0;
}

static void __exit irq_shared_exit(void)
{
    pr_info("irq: freed %s and %s\n", (const char *)free_irq(KBD_IRQ, &watcher),
            (const char *)free_irq(KBD_IRQ, &claimer));
}

module_init(irq_shared_init);
module_exit(irq_shared_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("two handlers on one shared interrupt line");
