/* lx_timer.c — linux/timer.h and workqueue.h over ark's kernel timers and worker: the kernel
 * timer behind each timer_list (made at timer_setup or first use, released by del_timer_sync),
 * work queues as counters of their own items on the one worker, and delayed work. */
#include "sched.h"
#include "kmod_weak.h"
#include "lx_internal.h"
#include "ark/timer.h"
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

uint64_t ark_uptime_ms(void);

/* ---- timers ---- */

/* The kernel timer behind t, made now if there is none: NULL when out of memory, or in interrupt
 * context, where the owner of a new timer cannot be looked up safely. */
static struct ark_timer *timer_of(struct timer_list *t)
{
    struct ark_timer *kt = __atomic_load_n(&t->ark_timer, __ATOMIC_ACQUIRE);
    if (kt)
        return kt;
    if (sched_in_interrupt() || !t->ark_entry)
        return NULL;
    kt = timer_create(t->ark_entry, t);    /* the module's entry: its timer by construction */
    if (!kt)
        return NULL;
    timer_set_quiet_if_idle(kt);
    struct ark_timer *expected = NULL;
    if (!__atomic_compare_exchange_n(&t->ark_timer, &expected, kt, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        timer_destroy(kt);                 /* another thread made one meanwhile */
        kt = expected;
    }
    return kt;
}

void ark_linux_timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags,
                           void (*entry)(void *))
{
    t->expires = 0;
    t->function = fn;
    t->flags = flags;
    t->ark_timer = NULL;
    t->ark_entry = entry;
    t->ark_pending = 0;
    t->ark_running = 0;
    (void)timer_of(t);                     /* else on the first mod_timer */
}
KERNEL_EXPORT(ark_linux_timer_setup);

struct kmod *lx_timers_gone;

int mod_timer(struct timer_list *t, unsigned long expires)
{
    /* A work item flushed at its module's unload must not touch the timers already removed. */
    if (lx_timers_gone && !sched_in_interrupt() && LX_CALLER() == lx_timers_gone) {
        printk(KERN_WARNING "timer: %s: timer %p armed during unload; ignored\n",
               lx_owner_name(lx_timers_gone), (void *)t);
        return 0;
    }
    struct ark_timer *kt = timer_of(t);
    if (!kt) {
        printk(KERN_ERR "timer: %s: cannot arm timer %p (%s)\n", lx_owner_name(LX_CALLER()), (void *)t,
               sched_in_interrupt() ? "first armed from interrupt context" : "out of memory");
        return 0;
    }
    long delay = (long)(expires - (unsigned long)ark_uptime_ms());
    t->expires = expires;
    int was = __atomic_exchange_n(&t->ark_pending, 1, __ATOMIC_SEQ_CST);
    timer_start(kt, delay < 1 ? 1u : (uint32_t)delay, false);
    return was;
}
KERNEL_EXPORT(mod_timer);

int mod_timer_pending(struct timer_list *t, unsigned long expires)
{
    return timer_pending(t) ? mod_timer(t, expires) : 0;
}
KERNEL_EXPORT(mod_timer_pending);

int timer_reduce(struct timer_list *t, unsigned long expires)
{
    if (timer_pending(t) && !time_before(expires, t->expires))
        return 1;
    return mod_timer(t, expires);
}
KERNEL_EXPORT(timer_reduce);

void add_timer(struct timer_list *t)
{
    (void)mod_timer(t, t->expires);
}
KERNEL_EXPORT(add_timer);

int del_timer(struct timer_list *t)
{
    struct ark_timer *kt = __atomic_load_n(&t->ark_timer, __ATOMIC_ACQUIRE);
    if (lx_timers_gone && !sched_in_interrupt() && LX_CALLER() == lx_timers_gone)
        kt = NULL;                     /* removed already */
    if (kt)
        timer_stop(kt);
    return __atomic_exchange_n(&t->ark_pending, 0, __ATOMIC_SEQ_CST);
}
KERNEL_EXPORT(del_timer);

int del_timer_sync(struct timer_list *t)
{
    int was = del_timer(t);
    if (sched_in_interrupt() && t->ark_running) {
        printk(KERN_ERR "timer: del_timer_sync of timer %p from its own callback\n", (void *)t);
        return was;
    }
    /* On several CPUs the callback may be running elsewhere: its end is waited for. */
    while (__atomic_load_n(&t->ark_running, __ATOMIC_ACQUIRE))
        __asm__ volatile("pause");
    struct ark_timer *kt = __atomic_exchange_n(&t->ark_timer, NULL, __ATOMIC_SEQ_CST);
    if (kt && !(lx_timers_gone && LX_CALLER() == lx_timers_gone))
        timer_destroy(kt);
    return was;
}
KERNEL_EXPORT(del_timer_sync);

/* ---- work queues ---- */

struct workqueue_struct {
    char name[24];
    int items;                         /* queued and not yet finished */
    struct ark_wait_queue idle;        /* woken when items drops to 0 */
    struct kmod *owner;                /* NULL: a system queue */
    struct workqueue_struct *next;
};

static struct workqueue_struct system_queue = {
    "events", 0, ARK_WAIT_QUEUE_INIT(system_queue.idle), NULL, NULL };
struct workqueue_struct *system_wq = &system_queue;
struct workqueue_struct *system_highpri_wq = &system_queue;
struct workqueue_struct *system_long_wq = &system_queue;
struct workqueue_struct *system_unbound_wq = &system_queue;
struct workqueue_struct *system_freezable_wq = &system_queue;
struct workqueue_struct *system_power_efficient_wq = &system_queue;
KERNEL_EXPORT(system_wq);
KERNEL_EXPORT(system_highpri_wq);
KERNEL_EXPORT(system_long_wq);
KERNEL_EXPORT(system_unbound_wq);
KERNEL_EXPORT(system_freezable_wq);
KERNEL_EXPORT(system_power_efficient_wq);

static struct workqueue_struct *module_queues;
static struct ark_mutex wq_list_lock = ARK_MUTEX_INIT(wq_list_lock);

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
    (void)flags;
    (void)max_active;
    struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);
    if (!wq)
        return NULL;
    va_list ap;
    va_start(ap, max_active);
    vsnprintf(wq->name, sizeof(wq->name), fmt, ap);
    va_end(ap);
    ark_wait_queue_init(&wq->idle);
    wq->owner = LX_CALLER();
    ark_mutex_lock(&wq_list_lock);
    wq->next = module_queues;
    module_queues = wq;
    ark_mutex_unlock(&wq_list_lock);
    return wq;
}
KERNEL_EXPORT(alloc_workqueue);

void ark_linux_work_done(struct workqueue_struct *wq)
{
    if (!wq)
        return;
    if (__atomic_sub_fetch(&wq->items, 1, __ATOMIC_SEQ_CST) == 0)
        ark_wake_up_all(&wq->idle);
}
KERNEL_EXPORT(ark_linux_work_done);

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
    if (!wq)
        wq = system_wq;
    if (ark_work_pending(&work->ark))
        return false;
    __atomic_add_fetch(&wq->items, 1, __ATOMIC_SEQ_CST);
    work->ark_wq = wq;
    if (!ark_work_queue(&work->ark)) {     /* queued by someone else meanwhile */
        ark_linux_work_done(wq);
        return false;
    }
    return true;
}
KERNEL_EXPORT(queue_work);

void flush_workqueue(struct workqueue_struct *wq)
{
    if (!wq)
        return;
    ark_wait_event(&wq->idle, __atomic_load_n(&wq->items, __ATOMIC_SEQ_CST) == 0);
}
KERNEL_EXPORT(flush_workqueue);

static void queue_unlink(struct workqueue_struct *wq)
{
    for (struct workqueue_struct **pp = &module_queues; *pp; pp = &(*pp)->next) {
        if (*pp == wq) {
            *pp = wq->next;
            return;
        }
    }
}

void destroy_workqueue(struct workqueue_struct *wq)
{
    if (!wq || wq == &system_queue)
        return;
    flush_workqueue(wq);
    ark_mutex_lock(&wq_list_lock);
    queue_unlink(wq);
    ark_mutex_unlock(&wq_list_lock);
    kfree(wq);
}
KERNEL_EXPORT(destroy_workqueue);

bool flush_work(struct work_struct *work)
{
    bool busy = ark_work_pending(&work->ark);
    ark_work_flush(&work->ark);
    return busy;
}
KERNEL_EXPORT(flush_work);

bool cancel_work_sync(struct work_struct *work)
{
    bool was_pending = ark_work_cancel_sync(&work->ark);
    if (was_pending)
        ark_linux_work_done(work->ark_wq);  /* it will not run to count itself done */
    return was_pending;
}
KERNEL_EXPORT(cancel_work_sync);

bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw, unsigned long delay)
{
    if (delayed_work_pending(dw))
        return false;
    dw->wq = wq ? wq : system_wq;
    if (delay == 0)
        return queue_work(dw->wq, &dw->work);
    return mod_timer(&dw->timer, (unsigned long)ark_uptime_ms() + delay) == 0 && timer_pending(&dw->timer);
}
KERNEL_EXPORT(queue_delayed_work);

bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw, unsigned long delay)
{
    bool was = del_timer(&dw->timer) != 0;
    if (work_pending(&dw->work))
        return true;                   /* already queued: it runs as soon as it can */
    dw->wq = wq ? wq : system_wq;
    if (delay == 0)
        queue_work(dw->wq, &dw->work);
    else
        mod_timer(&dw->timer, (unsigned long)ark_uptime_ms() + delay);
    return was;
}
KERNEL_EXPORT(mod_delayed_work);

bool cancel_delayed_work(struct delayed_work *dw)
{
    return del_timer(&dw->timer) != 0;
}
KERNEL_EXPORT(cancel_delayed_work);

bool cancel_delayed_work_sync(struct delayed_work *dw)
{
    bool was = del_timer_sync(&dw->timer) != 0;
    if (cancel_work_sync(&dw->work))
        was = true;
    return was;
}
KERNEL_EXPORT(cancel_delayed_work_sync);

bool flush_delayed_work(struct delayed_work *dw)
{
    if (del_timer_sync(&dw->timer))
        queue_work(dw->wq, &dw->work);
    return flush_work(&dw->work);
}
KERNEL_EXPORT(flush_delayed_work);

/* A queue the module's exit did not destroy: its items still run (the module is still there),
 * then it goes. */
int lx_workqueue_release_owned(struct kmod *km)
{
    int removed = 0;
    for (;;) {
        ark_mutex_lock(&wq_list_lock);
        struct workqueue_struct *wq = module_queues;
        while (wq && wq->owner != km)
            wq = wq->next;
        if (wq)
            queue_unlink(wq);
        ark_mutex_unlock(&wq_list_lock);
        if (!wq)
            break;
        printk(KERN_WARNING "linux: %s: work queue '%s' not destroyed at exit; flushed and freed\n",
               lx_owner_name(km), wq->name);
        flush_workqueue(wq);
        kfree(wq);
        removed++;
    }
    return removed;
}
