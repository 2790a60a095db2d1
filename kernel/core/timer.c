/* timer.c — kernel timers (ark/timer.h) on the PIT's millisecond tick. Callbacks run in interrupt
 * context; a timer is disarmed (or re-armed, if periodic) before its callback runs, so the callback
 * may restart, stop or destroy it. Each timer remembers the module it belongs to (whose memory
 * holds its callback or argument, else the module whose init is running), so that an unload can
 * remove what the module's exit forgot; a module's callback runs through kmod_call, and a timer
 * whose callback faulted is destroyed. */
#include "trap.h"
#include "cpu.h"
#include "kmod_weak.h"
#include "ark/timer.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"

struct ark_timer {
    ark_timer_fn fn;
    void *arg;
    uint64_t expires;           /* uptime in ms */
    uint32_t period;
    bool periodic, armed;
    struct kmod *owner;
    struct ark_timer *next;
};

static struct ark_timer *timers;

struct ark_timer *timer_create(ark_timer_fn fn, void *arg)
{
    if (!fn)
        return NULL;
    struct ark_timer *t = kzalloc(sizeof(*t));
    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    t->owner = KMOD_OWNER_FOR((uintptr_t)fn, (uintptr_t)arg);
    uint32_t flags = irq_save();
    t->next = timers;
    timers = t;
    irq_restore(flags);
    return t;
}
KERNEL_EXPORT(timer_create);

int timer_start(struct ark_timer *t, uint32_t period_ms, bool periodic)
{
    if (!t)
        return -EINVAL;
    if (period_ms == 0)
        period_ms = 1;
    uint32_t flags = irq_save();
    t->period = period_ms;
    t->periodic = periodic;
    t->expires = ark_uptime_ms() + period_ms;
    t->armed = true;
    irq_restore(flags);
    return 0;
}
KERNEL_EXPORT(timer_start);

void timer_stop(struct ark_timer *t)
{
    if (t)
        t->armed = false;       /* one store: the tick either sees it armed or not */
}
KERNEL_EXPORT(timer_stop);

void timer_destroy(struct ark_timer *t)
{
    if (!t)
        return;
    uint32_t flags = irq_save();
    for (struct ark_timer **pp = &timers; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    irq_restore(flags);
    kfree(t);
}
KERNEL_EXPORT(timer_destroy);

/* Runs t's callback: a module's through kmod_call. False when the module's code faulted (now or
 * before), and the timer is to go. */
static bool timer_run(struct ark_timer *t)
{
    if (!t->owner || !kmod_call) {
        t->fn(t->arg);
        return true;
    }
    uintptr_t arg = (uintptr_t)t->arg;
    long ignored;
    int rc = kmod_call(t->owner, (uintptr_t)t->fn, 1, &arg, 0, &ignored);
    if (rc == KMOD_CALL_RETURNED)
        return true;
    printk(KERN_ERR "timer: callback %p of module '%s' %s; timer destroyed\n", (void *)t->fn,
           kmod_name_or_kernel(t->owner), rc == KMOD_CALL_FAULTED ? "faulted" : "refused (module faulted)");
    return false;
}

/* After each callback the scan restarts, because the callback may have destroyed any timer; a
 * fired timer is no longer due (disarmed, or re-armed at least 1 ms later), so this terminates. */
void timer_tick(uint64_t now_ms)
{
again:
    for (struct ark_timer *t = timers; t; t = t->next) {
        if (!t->armed || t->expires > now_ms)
            continue;
        if (t->periodic)
            t->expires = now_ms + t->period;
        else
            t->armed = false;
        if (!timer_run(t))
            timer_destroy(t);   /* its module faulted: the timer must never fire again */
        goto again;
    }
}

int timer_release_owned_by(struct kmod *m)
{
    int removed = 0;
    if (!m)
        return 0;
    for (;;) {
        struct ark_timer *t;
        uint32_t flags = irq_save();
        for (t = timers; t && t->owner != m; t = t->next)
            ;
        irq_restore(flags);
        if (!t)
            break;
        printk(KERN_WARNING "timer: module '%s' left a timer %s (callback %p); removed\n",
               kmod_name_or_kernel(m), t->armed ? "armed" : "allocated", (void *)t->fn);
        timer_destroy(t);
        removed++;
    }
    return removed;
}
