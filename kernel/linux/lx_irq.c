/* lx_irq.c — request_irq/free_irq of linux/interrupt.h over ark's interrupt lines (ark/irq.h):
 * one record per request, registered with the kernel through the module's own entry (so the
 * handler is the module's by construction), Linux's IRQF_SHARED rule between requests, and the
 * sweep of what a module's exit did not free. */
#include "lx_internal.h"
#include "ark/irq.h"
#include <linux/interrupt.h>

#define LX_IRQ_LINES 16

struct lx_irq {
    struct ark_linux_irqaction action;     /* what the module's entry reads */
    unsigned int irq;
    unsigned long flags;
    void (*entry)(int, void *);
    char name[32];                         /* for messages */
    const char *devname;                   /* the caller's, which free_irq returns */
    struct kmod *owner;
    struct lx_irq *next;
};

static struct lx_irq *lx_irqs;
static struct ark_mutex lx_irq_lock = ARK_MUTEX_INIT(lx_irq_lock);

int ark_linux_request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
                          const char *name, void *dev_id, void (*entry)(int, void *))
{
    struct kmod *owner = lx_owner(NULL, (const void *)handler);
    if (irq >= LX_IRQ_LINES || irq == 2 || !handler || !entry)
        return -EINVAL;
    if ((flags & IRQF_SHARED) && !dev_id) {
        printk(KERN_ERR "%s: request_irq %u: IRQF_SHARED needs a dev_id\n", lx_owner_name(owner), irq);
        return -EINVAL;
    }
    struct lx_irq *r = kzalloc(sizeof(*r), GFP_KERNEL);
    if (!r)
        return -ENOMEM;
    r->action.handler = handler;
    r->action.dev_id = dev_id;
    r->irq = irq;
    r->flags = flags;
    r->entry = entry;
    strscpy(r->name, name ? name : "?", sizeof(r->name));
    r->devname = name;
    r->owner = owner;
    ark_mutex_lock(&lx_irq_lock);
    for (struct lx_irq *o = lx_irqs; o; o = o->next) {
        if (o->irq == irq && !((o->flags & flags) & IRQF_SHARED)) {
            ark_mutex_unlock(&lx_irq_lock);
            printk(KERN_ERR "%s: request_irq %u: the line is taken by '%s' and not shared by both\n",
                   lx_owner_name(owner), irq, o->name);
            kfree(r);
            return -EBUSY;
        }
    }
    int rc = irq_register((int)irq, entry, &r->action);
    if (rc == 0) {
        r->next = lx_irqs;
        lx_irqs = r;
    }
    ark_mutex_unlock(&lx_irq_lock);
    if (rc)
        kfree(r);
    return rc;
}
KERNEL_EXPORT(ark_linux_request_irq);

/* Unregisters r from its line and frees it; the lock is held and r is unlinked. */
static void lx_irq_drop(struct lx_irq *r)
{
    (void)irq_unregister((int)r->irq, r->entry, &r->action);
    kfree(r);
}

const void *free_irq(unsigned int irq, void *dev_id)
{
    struct kmod *caller = LX_CALLER();
    ark_mutex_lock(&lx_irq_lock);
    for (struct lx_irq **pp = &lx_irqs; *pp; pp = &(*pp)->next) {
        struct lx_irq *r = *pp;
        if (r->irq != irq || r->action.dev_id != dev_id)
            continue;
        if (caller && r->owner != caller) {
            ark_mutex_unlock(&lx_irq_lock);
            printk(KERN_WARNING "%s: free_irq %u: the handler belongs to %s\n", lx_owner_name(caller),
                   irq, lx_owner_name(r->owner));
            return NULL;
        }
        *pp = r->next;
        const char *devname = r->devname;
        lx_irq_drop(r);
        ark_mutex_unlock(&lx_irq_lock);
        return devname;
    }
    ark_mutex_unlock(&lx_irq_lock);
    printk(KERN_WARNING "%s: free_irq %u: no handler with dev_id %p\n", lx_owner_name(caller), irq, dev_id);
    return NULL;
}
KERNEL_EXPORT(free_irq);

int lx_irq_release_owned(struct kmod *km)
{
    int removed = 0;
    ark_mutex_lock(&lx_irq_lock);
    for (struct lx_irq **pp = &lx_irqs; *pp;) {
        struct lx_irq *r = *pp;
        if (r->owner != km) {
            pp = &r->next;
            continue;
        }
        *pp = r->next;
        printk(KERN_WARNING "linux: %s: IRQ %u handler '%s' not freed at exit; removed\n",
               lx_owner_name(km), r->irq, r->name);
        lx_irq_drop(r);
        removed++;
    }
    ark_mutex_unlock(&lx_irq_lock);
    return removed;
}
