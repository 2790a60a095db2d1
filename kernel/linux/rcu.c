/* rcu.c — linux/rcupdate.h: read-side sections that stop preemption, grace periods, and the queue
 * of call_rcu callbacks, which the kernel's worker runs in batches in thread context (a module's
 * through lx_call_module, so that a fault in one is contained). A module's unload runs what it
 * left queued before anything of it is freed.
 * Locking: queue_lock (irqsave) guards the queue, since call_rcu may come from interrupts;
 * batch_lock (a mutex) lets one batch run at a time, so that rcu_barrier, which takes it, also
 * waits for the batch the worker is running. */
#include "sched.h"
#include "lx_internal.h"
#include "ark/sync.h"
#include "ark/thread.h"
#include "ark/workqueue.h"
#include <linux/rcupdate.h>

/* A callback below this is the offset of the rcu_head in an object kfree_rcu frees. */
#define KFREE_OFFSET_LIMIT 4096u

static ark_spinlock_t queue_lock = ARK_SPINLOCK_INIT;
static struct rcu_head *queue_first, **queue_last = &queue_first;   /* oldest first */
static struct ark_mutex batch_lock = ARK_MUTEX_INIT(batch_lock);
static void run_queue(struct ark_work *w);
static struct ark_work queue_work_item = ARK_WORK_INIT(queue_work_item, run_queue);

void ark_linux_rcu_read_lock(void)
{
    struct ark_thread *t = sched_current();
    sched_preempt_disable();
    if (t)
        t->rcu_nesting++;
}
KERNEL_EXPORT(ark_linux_rcu_read_lock);

void ark_linux_rcu_read_unlock(void)
{
    struct ark_thread *t = sched_current();
    if (t && t->rcu_nesting <= 0) {
        printk(KERN_ERR "rcu: %s: rcu_read_unlock without rcu_read_lock; ignored\n",
               lx_owner_name(lx_caller_outside_irq()));
        return;
    }
    if (t && --t->rcu_nesting == 0)
        t->rcu_warned = false;
    sched_preempt_enable();
}
KERNEL_EXPORT(ark_linux_rcu_read_unlock);

int ark_linux_rcu_read_lock_held(void)
{
    struct ark_thread *t = sched_current();
    return sched_in_interrupt() || (t && (t->rcu_nesting > 0 || t->preempt_count > 0));
}
KERNEL_EXPORT(ark_linux_rcu_read_lock_held);

/* The end of a grace period, seen from a thread that may sleep and is in no reader. Readers
 * cannot be preempted, so on ark's one CPU every reader that began before now has ended, except
 * those that slept inside (a bug, warned about by the scheduler): those are waited for. On
 * several CPUs this is where each other CPU's passage through a quiescent state would be
 * awaited. */
static void wait_for_readers(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    while (sched_rcu_readers_asleep() > 0)
        ark_msleep(1);
}

/* Why the calling context cannot wait for a grace period, or NULL if it can. */
static const char *cannot_wait(void)
{
    struct ark_thread *t = sched_current();
    if (sched_in_interrupt())
        return "in interrupt context";
    if (t && t->rcu_nesting > 0)
        return "inside an RCU read-side section";
    if (t && t->preempt_count > 0)
        return "with a spinlock held or preemption off";
    return NULL;
}

void synchronize_rcu(void)
{
    const char *why = cannot_wait();
    if (why) {
        /* On Linux this deadlocks or sleeps in atomic context; here it returns at once. */
        printk(KERN_ERR "rcu: %s: synchronize_rcu called %s; not waited\n",
               lx_owner_name(lx_caller_outside_irq()), why);
        return;
    }
    wait_for_readers();
}
KERNEL_EXPORT(synchronize_rcu);

static void enqueue(struct rcu_head *head)
{
    head->next = NULL;
    unsigned long flags = ark_spin_lock_irqsave(&queue_lock);
    *queue_last = head;
    queue_last = &head->next;
    ark_spin_unlock_irqrestore(&queue_lock, flags);
    (void)sched_work_queue_kernel(&queue_work_item);    /* the kernel's, whoever calls call_rcu */
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
    if (!head || !func) {
        printk(KERN_ERR "rcu: call_rcu with a NULL %s; ignored\n", head ? "callback" : "head");
        return;
    }
    head->func = func;
    enqueue(head);
}
KERNEL_EXPORT(call_rcu);

void ark_linux_kvfree_call_rcu(struct rcu_head *head, void *ptr)
{
    uintptr_t offset = (uintptr_t)head - (uintptr_t)ptr;
    head->func = (rcu_callback_t)offset;   /* below KFREE_OFFSET_LIMIT: no code lies there */
    enqueue(head);
}
KERNEL_EXPORT(ark_linux_kvfree_call_rcu);

void ark_linux_kvfree_rcu_mightsleep(void *ptr)
{
    if (!ptr)
        return;
    synchronize_rcu();
    kfree(ptr);
}
KERNEL_EXPORT(ark_linux_kvfree_rcu_mightsleep);

/* Takes every queued callback: the batch the caller runs. */
static struct rcu_head *take_queue(void)
{
    unsigned long flags = ark_spin_lock_irqsave(&queue_lock);
    struct rcu_head *batch = queue_first;
    queue_first = NULL;
    queue_last = &queue_first;
    ark_spin_unlock_irqrestore(&queue_lock, flags);
    return batch;
}

/* Runs h's callback: a module's through kmod_call, so that a fault in it is contained. During
 * the unload of going, whose code the module list no longer finds, going's are known by address. */
static void run_callback(struct rcu_head *h, struct kmod *going)
{
    uintptr_t fn = (uintptr_t)h->func;
    if (fn < KFREE_OFFSET_LIMIT) {
        kfree((char *)h - fn);
        return;
    }
    struct kmod *owner = going && kmod_contains && kmod_contains(going, fn) ? going
                         : kmod_owner_of ? kmod_owner_of(fn) : NULL;
    long ignored;
    const uintptr_t arg = (uintptr_t)h;
    if (!lx_call_owned(owner, fn, 1, &arg, &ignored))
        printk(KERN_ERR "rcu: callback %p of module '%s' did not complete\n", (void *)fn,
               lx_owner_name(owner));
}

/* Runs one batch: what was queued before this call, after a grace period. With batch_lock. */
static void run_batch(struct kmod *going)
{
    struct rcu_head *h = take_queue();
    if (!h)
        return;
    wait_for_readers();
    while (h) {
        struct rcu_head *next = h->next;    /* the callback may free h */
        run_callback(h, going);
        h = next;
    }
}

/* The worker's item. Callbacks queued by callbacks wait for the next run, so that one that
 * always queues itself again cannot keep the worker. */
static void run_queue(struct ark_work *w)
{
    (void)w;
    ark_mutex_lock(&batch_lock);
    run_batch(NULL);
    ark_mutex_unlock(&batch_lock);
}

void rcu_barrier(void)
{
    const char *why = cannot_wait();
    if (why) {
        printk(KERN_ERR "rcu: %s: rcu_barrier called %s; not waited\n",
               lx_owner_name(lx_caller_outside_irq()), why);
        return;
    }
    ark_mutex_lock(&batch_lock);
    run_batch(NULL);
    ark_mutex_unlock(&batch_lock);
}
KERNEL_EXPORT(rcu_barrier);

/* Whether a queued callback is the code of m, which is being unloaded. */
static bool callback_of(const struct rcu_head *h, struct kmod *m)
{
    return (uintptr_t)h->func >= KFREE_OFFSET_LIMIT && kmod_contains(m, (uintptr_t)h->func);
}

/* Queued callbacks whose code is m's. */
static int queued_of(struct kmod *m)
{
    int n = 0;
    unsigned long flags = ark_spin_lock_irqsave(&queue_lock);
    for (struct rcu_head *h = queue_first; h; h = h->next)
        n += callback_of(h, m);
    ark_spin_unlock_irqrestore(&queue_lock, flags);
    return n;
}

/* Takes m's callbacks off the queue without running them. */
static int drop_queued_of(struct kmod *m)
{
    int n = 0;
    unsigned long flags = ark_spin_lock_irqsave(&queue_lock);
    struct rcu_head **pp = &queue_first;
    queue_last = &queue_first;
    while (*pp) {
        struct rcu_head *h = *pp;
        if (callback_of(h, m)) {
            *pp = h->next;
            n++;
        } else {
            pp = &h->next;
            queue_last = pp;
        }
    }
    ark_spin_unlock_irqrestore(&queue_lock, flags);
    return n;
}

#define SWEEP_ROUNDS 16

int lx_rcu_release_owned(struct kmod *m)
{
    if (!kmod_contains || !__atomic_load_n(&queue_first, __ATOMIC_ACQUIRE))
        return 0;
    int left = queued_of(m);
    /* Run everything queued, m's callbacks and the kfree_rcu objects (which the memory sweeps
     * after this would otherwise free first), before its code and memory go. A callback that
     * queues itself again gets a few more rounds, then is dropped. */
    for (int round = 0; round < SWEEP_ROUNDS && __atomic_load_n(&queue_first, __ATOMIC_ACQUIRE); round++) {
        ark_mutex_lock(&batch_lock);
        run_batch(m);
        ark_mutex_unlock(&batch_lock);
        if (!queued_of(m))
            break;
    }
    int dropped = drop_queued_of(m);
    if (left)
        printk(KERN_WARNING "linux: %s: exit left %d RCU callback%s queued (rcu_barrier belongs in exit); %s\n",
               lx_owner_name(m), left, left == 1 ? "" : "s", dropped ? "some kept queuing: dropped" : "ran them");
    return left;
}
