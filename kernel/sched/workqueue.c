/* workqueue.c — the kernel's work queue (ark/workqueue.h): a FIFO of work items run one at a time
 * by the kernel thread [kworker]. Items may be queued from any context; the queue is guarded by an
 * irqsave spinlock. Cancelling, flushing and a module's unload wait for a running item through
 * the `finished` wait queue, woken after each item. */
#include "sched.h"
#include "cpu.h"
#include "kmod_weak.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/workqueue.h"
#include "export.h"

#define WORK_PENDING 1u
#define WORK_OWNER_UNKNOWN 2u          /* queued from interrupt context: resolved by the sweep */

static ark_spinlock_t work_lock = ARK_SPINLOCK_INIT;
static struct ark_list work_queue = ARK_LIST_INIT(work_queue);
static struct ark_wait_queue work_available = ARK_WAIT_QUEUE_INIT(work_available);
static struct ark_wait_queue work_finished = ARK_WAIT_QUEUE_INIT(work_finished);
static struct ark_work *work_running;        /* the item [kworker] is running now */

static void link_del(struct ark_list *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = n->prev = n;
}

void ark_work_init(struct ark_work *w, ark_work_fn fn)
{
    w->link.next = w->link.prev = &w->link;
    w->fn = fn;
    w->owner = NULL;
    w->state = 0;
}
KERNEL_EXPORT(ark_work_init);

/* Queues w for owner; owner_unknown: queued from an interrupt, worked out when it runs. */
static bool queue_for(struct ark_work *w, struct kmod *owner, bool owner_unknown)
{
    unsigned long f = ark_spin_lock_irqsave(&work_lock);
    bool queued = !(w->state & WORK_PENDING);
    if (queued) {
        w->state = WORK_PENDING | (owner_unknown ? WORK_OWNER_UNKNOWN : 0);
        w->owner = owner;
        w->link.prev = work_queue.prev;
        w->link.next = &work_queue;
        work_queue.prev->next = &w->link;
        work_queue.prev = &w->link;
    }
    ark_spin_unlock_irqrestore(&work_lock, f);
    if (queued)
        ark_wake_up(&work_available);
    return queued;
}

bool ark_work_queue(struct ark_work *w)
{
    if (!w || !w->fn)
        return false;
    /* The owner comes from where the function (or else the item) lives. Interrupt context may
     * have interrupted a change to the module list, so there the sweep works it out instead. */
    bool in_irq = sched_in_interrupt();
    struct kmod *owner = in_irq ? NULL : KMOD_OWNER_FOR((uintptr_t)w->fn, (uintptr_t)w);
    return queue_for(w, owner, in_irq);
}
KERNEL_EXPORT(ark_work_queue);

bool sched_work_queue_kernel(struct ark_work *w)
{
    return w && w->fn && queue_for(w, NULL, false);
}

bool ark_work_pending(const struct ark_work *w)
{
    return (w->state & WORK_PENDING) != 0;
}
KERNEL_EXPORT(ark_work_pending);

static bool is_running(struct ark_work *w)
{
    unsigned long f = ark_spin_lock_irqsave(&work_lock);
    bool running = work_running == w;
    ark_spin_unlock_irqrestore(&work_lock, f);
    return running;
}

bool ark_work_cancel_sync(struct ark_work *w)
{
    unsigned long f = ark_spin_lock_irqsave(&work_lock);
    bool was_pending = (w->state & WORK_PENDING) != 0;
    if (was_pending) {
        link_del(&w->link);
        w->state &= ~WORK_PENDING;
    }
    ark_spin_unlock_irqrestore(&work_lock, f);
    ark_wait_event(&work_finished, !is_running(w));
    return was_pending;
}
KERNEL_EXPORT(ark_work_cancel_sync);

void ark_work_flush(struct ark_work *w)
{
    ark_wait_event(&work_finished, !ark_work_pending(w) && !is_running(w));
}
KERNEL_EXPORT(ark_work_flush);

/* The next item, and in *owner_unknown whether it was queued from interrupt context. */
static struct ark_work *take_next(bool *owner_unknown)
{
    unsigned long f = ark_spin_lock_irqsave(&work_lock);
    struct ark_work *w = NULL;
    if (work_queue.next != &work_queue) {
        w = (struct ark_work *)((char *)work_queue.next - offsetof(struct ark_work, link));
        link_del(&w->link);
        *owner_unknown = (w->state & WORK_OWNER_UNKNOWN) != 0;
        w->state &= ~WORK_PENDING;     /* it may queue itself again while it runs */
        work_running = w;
    }
    ark_spin_unlock_irqrestore(&work_lock, f);
    return w;
}

static bool queue_nonempty(void)
{
    return work_queue.next != &work_queue;
}

/* A module's item runs through kmod_call: if it faults, the fault is contained, the module is
 * marked faulted and the item is dropped (none of the module's items runs again). */
static void work_run(struct ark_work *w, bool owner_unknown)
{
    struct kmod *owner = w->owner;
    if (owner_unknown)                 /* queued from an interrupt: worked out here, in a thread */
        owner = KMOD_OWNER_FOR((uintptr_t)w->fn, (uintptr_t)w);
    if (!owner || !kmod_call) {
        w->fn(w);
        return;
    }
    ark_work_fn fn = w->fn;            /* w may be freed by a module that faulted half-way */
    long ignored;
    int how = kmod_call(owner, (uintptr_t)fn, 1, (const uintptr_t[]){ (uintptr_t)w },
                        KMOD_CALL_NO_KILL, &ignored);
    if (how != KMOD_CALL_RETURNED)
        printk(KERN_ERR "workqueue: work item %p of module '%s' %s; dropped\n", (void *)fn,
               kmod_name_or_kernel(owner), how == KMOD_CALL_FAULTED ? "faulted" : "refused (module faulted)");
}

static int kworker_main(void *arg)
{
    (void)arg;
    for (;;) {
        ark_wait_event(&work_available, queue_nonempty());
        struct ark_work *w;
        bool owner_unknown = false;
        while ((w = take_next(&owner_unknown)) != NULL) {
            work_run(w, owner_unknown);
            unsigned long f = ark_spin_lock_irqsave(&work_lock);
            work_running = NULL;
            ark_spin_unlock_irqrestore(&work_lock, f);
            ark_wake_up_all(&work_finished);
        }
    }
    return 0;
}

/* With work_lock held, from the unload (which holds the module lock, so the list is stable). */
static bool owned_by(struct ark_work *w, struct kmod *m)
{
    if (w->state & WORK_OWNER_UNKNOWN)
        return kmod_contains(m, (uintptr_t)w->fn) || kmod_contains(m, (uintptr_t)w);
    return w->owner == (void *)m;
}

static bool module_item_running(struct kmod *m)
{
    unsigned long f = ark_spin_lock_irqsave(&work_lock);
    bool busy = work_running && owned_by(work_running, m);
    ark_spin_unlock_irqrestore(&work_lock, f);
    return busy;
}

/* Removes m's pending items; how many. */
static int cancel_pending_of(struct kmod *m)
{
    int removed = 0;
    unsigned long f = ark_spin_lock_irqsave(&work_lock);
    for (struct ark_list *n = work_queue.next, *next; n != &work_queue; n = next) {
        next = n->next;
        struct ark_work *w = (struct ark_work *)((char *)n - offsetof(struct ark_work, link));
        if (owned_by(w, m)) {
            link_del(&w->link);
            w->state &= ~WORK_PENDING;
            removed++;
        }
    }
    ark_spin_unlock_irqrestore(&work_lock, f);
    return removed;
}

/* The unload calls this after the module's timers, interrupt handlers and threads are gone, so
 * only a running item can still queue more: cancel, wait for the running one, until neither. */
int work_release_owned_by(struct kmod *m)
{
    int removed = 0;
    if (!m)
        return 0;
    for (;;) {
        removed += cancel_pending_of(m);
        if (!module_item_running(m))
            break;
        ark_wait_event(&work_finished, !module_item_running(m));
    }
    if (removed)
        printk(KERN_WARNING "workqueue: cancelled %d pending work item%s of module '%s'\n",
               removed, removed == 1 ? "" : "s", kmod_name(m));
    return removed;
}

void workqueue_init(void)
{
    if (!ark_thread_run(kworker_main, NULL, "kworker"))
        panic("workqueue: cannot start [kworker]");
}
