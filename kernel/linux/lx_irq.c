/* lx_irq.c — request_irq/request_threaded_irq/free_irq and disable_irq/enable_irq of
 * linux/interrupt.h over ark's interrupt lines (ark/irq.h): one record per request, registered
 * with the kernel through the module's own entry (so the handler is the module's by
 * construction), Linux's IRQF_SHARED rule between requests, a kernel thread per threaded request
 * (also the module's: its entry is module code), and the sweep of what a module's exit did not
 * free or re-enable. */
#include "sched.h"
#include "lx_internal.h"
#include "ark/irq.h"
#include "ark/sync.h"
#include "ark/thread.h"
#include <linux/interrupt.h>

#define LX_IRQ_LINES (ARK_IRQ_SOFT_BASE + ARK_IRQ_SOFT_LINES)

struct lx_irq {
    struct ark_linux_irqaction action;     /* what the module's entries read */
    unsigned int irq;
    unsigned long flags;
    void (*entry)(int, void *);
    char name[32];                         /* for messages */
    const char *devname;                   /* the caller's, which free_irq returns */
    struct kmod *owner;
    struct ark_thread *thread;             /* a threaded request's */
    struct ark_wait_queue wake;            /* the thread sleeps here until woken */
    struct ark_wait_queue idle;            /* synchronize_irq sleeps here until it is idle */
    bool pending;                          /* woken, thread_fn not yet started */
    bool running;                          /* thread_fn running */
    bool masked;                           /* IRQF_ONESHOT: the line is masked for this wake */
    struct lx_irq *next;
};

/* disable_irq calls not yet undone, by whom, for the sweep. */
struct lx_irq_disable {
    unsigned int irq;
    struct kmod *owner;
    unsigned int depth;
    struct lx_irq_disable *next;
};

static struct lx_irq *lx_irqs;
static struct lx_irq_disable *lx_irq_disables;
static struct ark_mutex lx_irq_lock = ARK_MUTEX_INIT(lx_irq_lock);
static ark_spinlock_t lx_irq_state = ARK_SPINLOCK_INIT;   /* pending/running/masked */

static struct lx_irq *lx_irq_of(struct ark_linux_irqaction *a)
{
    return container_of(a, struct lx_irq, action);
}

void ark_linux_irq_wake_thread(struct ark_linux_irqaction *a)
{
    struct lx_irq *r = lx_irq_of(a);
    unsigned long f = ark_spin_lock_irqsave(&lx_irq_state);

    if ((r->flags & IRQF_ONESHOT) && !r->masked) {
        r->masked = true;
        (void)irq_line_disable((int)r->irq);
    }
    r->pending = true;
    ark_spin_unlock_irqrestore(&lx_irq_state, f);
    ark_wake_up_all(&r->wake);
}
KERNEL_EXPORT(ark_linux_irq_wake_thread);

bool ark_linux_irq_thread_wait(struct ark_linux_irqaction *a)
{
    struct lx_irq *r = lx_irq_of(a);
    unsigned long f;

    ark_wait_event(&r->wake, __atomic_load_n(&r->pending, __ATOMIC_ACQUIRE) || ark_thread_should_stop());
    if (ark_thread_should_stop())
        return false;
    f = ark_spin_lock_irqsave(&lx_irq_state);
    r->pending = false;
    r->running = true;
    ark_spin_unlock_irqrestore(&lx_irq_state, f);
    return true;
}
KERNEL_EXPORT(ark_linux_irq_thread_wait);

void ark_linux_irq_thread_done(struct ark_linux_irqaction *a)
{
    struct lx_irq *r = lx_irq_of(a);
    unsigned long f = ark_spin_lock_irqsave(&lx_irq_state);
    bool unmask = r->masked && !r->pending;

    r->running = false;
    if (unmask)
        r->masked = false;
    ark_spin_unlock_irqrestore(&lx_irq_state, f);
    if (unmask)
        (void)irq_line_enable((int)r->irq);
    ark_wake_up_all(&r->idle);
}
KERNEL_EXPORT(ark_linux_irq_thread_done);

int ark_linux_request_threaded_irq(unsigned int irq, irq_handler_t handler,
                                   irq_handler_t thread_fn, unsigned long flags, const char *name,
                                   void *dev_id, void (*entry)(int, void *),
                                   int (*thread_entry)(void *))
{
    struct kmod *owner = lx_owner(NULL, handler ? (const void *)handler : (const void *)thread_fn);
    if (irq >= LX_IRQ_LINES || irq == 2 || (!handler && !thread_fn) || !entry ||
        (thread_fn && !thread_entry))
        return -EINVAL;
    if (!handler && !(flags & IRQF_ONESHOT)) {
        printk(KERN_ERR "%s: request_threaded_irq %u: no primary handler needs IRQF_ONESHOT\n",
               lx_owner_name(owner), irq);
        return -EINVAL;
    }
    if ((flags & IRQF_SHARED) && !dev_id) {
        printk(KERN_ERR "%s: request_irq %u: IRQF_SHARED needs a dev_id\n", lx_owner_name(owner), irq);
        return -EINVAL;
    }
    struct lx_irq *r = kzalloc(sizeof(*r), GFP_KERNEL);
    if (!r)
        return -ENOMEM;
    r->action.handler = handler;
    r->action.dev_id = dev_id;
    r->action.thread_fn = thread_fn;
    r->action.irq = irq;
    r->irq = irq;
    r->flags = flags;
    r->entry = entry;
    strscpy(r->name, name ? name : "?", sizeof(r->name));
    r->devname = name;
    r->owner = owner;
    ark_wait_queue_init(&r->wake);
    ark_wait_queue_init(&r->idle);
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
    if (thread_fn) {                   /* before the handler can wake it */
        char tname[40];
        snprintf(tname, sizeof(tname), "irq/%u-%s", irq, r->name);
        r->thread = ark_thread_run(thread_entry, &r->action, tname);
        if (!r->thread) {
            ark_mutex_unlock(&lx_irq_lock);
            kfree(r);
            return -ENOMEM;
        }
    }
    int rc = irq_register((int)irq, entry, &r->action);
    if (rc == 0) {
        r->next = lx_irqs;
        lx_irqs = r;
    }
    ark_mutex_unlock(&lx_irq_lock);
    if (rc) {
        if (r->thread)
            (void)ark_thread_stop(r->thread);
        kfree(r);
    }
    return rc;
}
KERNEL_EXPORT(ark_linux_request_threaded_irq);

int ark_linux_request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
                          const char *name, void *dev_id, void (*entry)(int, void *))
{
    return ark_linux_request_threaded_irq(irq, handler, NULL, flags, name, dev_id, entry, NULL);
}
KERNEL_EXPORT(ark_linux_request_irq);

static bool lx_irq_idle(struct lx_irq *r)
{
    return !__atomic_load_n(&r->pending, __ATOMIC_ACQUIRE) &&
           !__atomic_load_n(&r->running, __ATOMIC_ACQUIRE);
}

/* Unregisters r from its line, lets its thread finish the runs it was woken for (as Linux's
 * free_irq does), stops the thread and frees r; the lock is held and r is unlinked. */
static void lx_irq_drop(struct lx_irq *r)
{
    (void)irq_unregister((int)r->irq, r->entry, &r->action);
    if (r->thread) {
        /* A thread ended by a fault in thread_fn never gets idle: look at it now and then. */
        while (!lx_irq_idle(r) && r->thread->state != THREAD_DEAD)
            (void)ark_wait_event_timeout(&r->idle, lx_irq_idle(r), 100);
        (void)ark_thread_stop(r->thread);
    }
    if (r->masked)                     /* woken, never ran: the line was masked for it */
        (void)irq_line_enable((int)r->irq);
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

unsigned long lx_irq_triggers(unsigned int irq)
{
    unsigned long triggers = 0;

    ark_mutex_lock(&lx_irq_lock);
    for (struct lx_irq *r = lx_irqs; r; r = r->next)
        if (r->irq == irq)
            triggers |= r->flags & IRQF_TRIGGER_MASK;
    ark_mutex_unlock(&lx_irq_lock);
    return triggers;
}

bool lx_irq_requested(unsigned int irq)
{
    bool found = false;

    ark_mutex_lock(&lx_irq_lock);
    for (struct lx_irq *r = lx_irqs; r && !found; r = r->next)
        found = r->irq == irq;
    ark_mutex_unlock(&lx_irq_lock);
    return found;
}

void synchronize_irq(unsigned int irq)
{
    ark_mutex_lock(&lx_irq_lock);
    for (struct lx_irq *r = lx_irqs; r; r = r->next)
        if (r->irq == irq && r->thread)
            ark_wait_event(&r->idle, lx_irq_idle(r));
    ark_mutex_unlock(&lx_irq_lock);
}
KERNEL_EXPORT(synchronize_irq);

static void lx_irq_count_disable(unsigned int irq, struct kmod *owner, int delta)
{
    struct lx_irq_disable **pp, *d;

    for (pp = &lx_irq_disables; *pp; pp = &(*pp)->next)
        if ((*pp)->irq == irq && (*pp)->owner == owner)
            break;
    d = *pp;
    if (delta > 0) {
        if (!d && (d = kzalloc(sizeof(*d), GFP_KERNEL)) != NULL) {
            d->irq = irq;
            d->owner = owner;
            d->next = lx_irq_disables;
            lx_irq_disables = d;
        }
        if (d)
            d->depth++;
    } else if (d && --d->depth == 0) {
        *pp = d->next;
        kfree(d);
    }
}

void disable_irq_nosync(unsigned int irq)
{
    if (irq_line_disable((int)irq) == 0) {
        ark_mutex_lock(&lx_irq_lock);
        lx_irq_count_disable(irq, LX_CALLER(), 1);
        ark_mutex_unlock(&lx_irq_lock);
    }
}
KERNEL_EXPORT(disable_irq_nosync);

void disable_irq(unsigned int irq)
{
    disable_irq_nosync(irq);
    synchronize_irq(irq);
}
KERNEL_EXPORT(disable_irq);

void enable_irq(unsigned int irq)
{
    struct kmod *caller = LX_CALLER();

    if (irq_line_enable((int)irq) != 0) {
        printk(KERN_WARNING "%s: enable_irq %u: not disabled (unbalanced enable)\n",
               lx_owner_name(caller), irq);
        return;
    }
    ark_mutex_lock(&lx_irq_lock);
    lx_irq_count_disable(irq, caller, -1);
    ark_mutex_unlock(&lx_irq_lock);
}
KERNEL_EXPORT(enable_irq);

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
    for (struct lx_irq_disable **pp = &lx_irq_disables; *pp;) {
        struct lx_irq_disable *d = *pp;
        if (d->owner != km) {
            pp = &d->next;
            continue;
        }
        printk(KERN_WARNING "linux: %s: IRQ %u left disabled at exit; enabled again\n",
               lx_owner_name(km), d->irq);
        while (d->depth--)
            (void)irq_line_enable((int)d->irq);
        *pp = d->next;
        kfree(d);
        removed++;
    }
    ark_mutex_unlock(&lx_irq_lock);
    return removed;
}
