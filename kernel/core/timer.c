/* timer.c — kernel timers (ark/timer.h) on the PIT's millisecond tick. Callbacks run in interrupt
 * context; a timer is disarmed (or re-armed, if periodic) before its callback runs, so the callback
 * may restart, stop or destroy it. Each timer remembers the module it belongs to (whose memory
 * holds its callback or argument, else the module whose init is running), so that an unload can
 * remove what the module's exit forgot (quietly for an unarmed timer behind a Linux timer_list,
 * which Linux code never has to delete once it fired); a module's callback runs through
 * kmod_call, and a timer whose callback faulted is destroyed.
 * Locking: timer_lock (irqsave) guards the list and every timer's fields. A callback runs with the
 * lock dropped and its timer marked running; destroying a running timer (the callback destroying
 * itself, or, on several CPUs, another CPU) unlinks it and leaves the free to the tick once the
 * callback has returned. Finding, unlinking and freeing a module's leftovers happen under one lock
 * hold, so a callback can never free a timer the sweep is about to free. */
#include "trap.h"
#include "cpu.h"
#include "kmod_weak.h"
#include "sched.h"
#include "ark/sync.h"
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
    bool running;               /* its callback is executing now */
    bool doomed;                /* destroyed while running: freed when the callback returns */
    bool quiet_if_idle;         /* left unarmed at unload is no bug (Linux timer_list) */
    struct kmod *owner;
    struct ark_timer *next;
};

static ark_spinlock_t timer_lock = ARK_SPINLOCK_INIT;
static struct ark_timer *timers;
static unsigned callbacks_running;

static struct ark_timer *timer_make(ark_timer_fn fn, void *arg, struct kmod *owner)
{
    if (!fn)
        return NULL;
    struct ark_timer *t = kzalloc(sizeof(*t));
    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    t->owner = owner;
    unsigned long flags = ark_spin_lock_irqsave(&timer_lock);
    t->next = timers;
    timers = t;
    ark_spin_unlock_irqrestore(&timer_lock, flags);
    return t;
}

struct ark_timer *timer_create(ark_timer_fn fn, void *arg)
{
    return timer_make(fn, arg, KMOD_OWNER_FOR((uintptr_t)fn, (uintptr_t)arg));
}
KERNEL_EXPORT(timer_create);

/* A timer the kernel made for itself while a module's code runs (a call into the kernel's
 * services): it is not the module's, so its unload does not sweep it. */
struct ark_timer *timer_create_kernel(ark_timer_fn fn, void *arg)
{
    return timer_make(fn, arg, NULL);
}

int timer_start(struct ark_timer *t, uint32_t period_ms, bool periodic)
{
    if (!t)
        return -EINVAL;
    if (period_ms == 0)
        period_ms = 1;
    unsigned long flags = ark_spin_lock_irqsave(&timer_lock);
    t->period = period_ms;
    t->periodic = periodic;
    t->expires = ark_uptime_ms() + period_ms;
    t->armed = true;
    ark_spin_unlock_irqrestore(&timer_lock, flags);
    return 0;
}
KERNEL_EXPORT(timer_start);

void timer_stop(struct ark_timer *t)
{
    if (!t)
        return;
    unsigned long flags = ark_spin_lock_irqsave(&timer_lock);
    t->armed = false;
    ark_spin_unlock_irqrestore(&timer_lock, flags);
}
KERNEL_EXPORT(timer_stop);

void timer_set_quiet_if_idle(struct ark_timer *t)
{
    unsigned long flags = ark_spin_lock_irqsave(&timer_lock);
    t->quiet_if_idle = true;
    ark_spin_unlock_irqrestore(&timer_lock, flags);
}

/* With timer_lock held: takes t off the list; true when it is in the list. */
static bool unlink_locked(struct ark_timer *t)
{
    for (struct ark_timer **pp = &timers; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            return true;
        }
    }
    return false;
}

/* With timer_lock held: unlinks t and frees it, or leaves that to the tick if it is running. */
static void destroy_locked(struct ark_timer *t)
{
    unlink_locked(t);
    t->armed = false;
    if (t->running)
        t->doomed = true;
    else
        kfree(t);
}

void timer_destroy(struct ark_timer *t)
{
    if (!t)
        return;
    unsigned long flags = ark_spin_lock_irqsave(&timer_lock);
    if (!t->doomed)
        destroy_locked(t);
    ark_spin_unlock_irqrestore(&timer_lock, flags);
}
KERNEL_EXPORT(timer_destroy);

/* Runs t's callback: a module's through kmod_call. False when the module's code faulted (now or
 * before), and the timer is to go. */
static bool timer_run(ark_timer_fn fn, void *arg, struct kmod *owner)
{
    if (!owner || !kmod_call) {
        fn(arg);
        return true;
    }
    uintptr_t word = (uintptr_t)arg;
    long ignored;
    int rc = kmod_call(owner, (uintptr_t)fn, 1, &word, 0, &ignored);
    if (rc == KMOD_CALL_RETURNED)
        return true;
    printk(KERN_ERR "timer: callback %p of module '%s' %s; timer destroyed\n", (void *)fn,
           kmod_name_or_kernel(owner), rc == KMOD_CALL_FAULTED ? "faulted" : "refused (module faulted)");
    return false;
}

/* After each callback the scan restarts, because the callback may have destroyed any timer; a
 * fired timer is no longer due (disarmed, or re-armed at least 1 ms later), so this terminates. */
void timer_tick(uint64_t now_ms)
{
    unsigned long flags = ark_spin_lock_irqsave(&timer_lock);
again:
    for (struct ark_timer *t = timers; t; t = t->next) {
        if (!t->armed || t->expires > now_ms || t->running)
            continue;
        if (t->periodic)
            t->expires = now_ms + t->period;
        else
            t->armed = false;
        t->running = true;
        callbacks_running++;
        ark_timer_fn fn = t->fn;
        void *arg = t->arg;
        struct kmod *owner = t->owner;
        ark_spin_unlock_irqrestore(&timer_lock, flags);
        bool keep = timer_run(fn, arg, owner);
        flags = ark_spin_lock_irqsave(&timer_lock);
        t->running = false;
        callbacks_running--;
        if (t->doomed)
            kfree(t);
        else if (!keep)
            destroy_locked(t);  /* its module faulted: the timer must never fire again */
        goto again;
    }
    ark_spin_unlock_irqrestore(&timer_lock, flags);
}

int timer_release_owned_by(struct kmod *m)
{
    int removed = 0;
    if (!m)
        return 0;
    for (;;) {
        unsigned long flags = ark_spin_lock_irqsave(&timer_lock);
        struct ark_timer *t;
        for (t = timers; t && t->owner != m; t = t->next)
            ;
        if (!t) {
            ark_spin_unlock_irqrestore(&timer_lock, flags);
            break;
        }
        /* What the warning says is copied out first: after this lock hold t may be gone. */
        bool armed = t->armed, was_running = t->running, quiet = t->quiet_if_idle && !armed;
        void *fn = (void *)t->fn;
        destroy_locked(t);
        /* On several CPUs a callback of the module may still be running elsewhere: its code is
         * about to be freed, so wait until no callback runs (with one CPU none can, since ticks
         * do not run in the middle of this thread's code). */
        while (was_running && callbacks_running) {
            ark_spin_unlock_irqrestore(&timer_lock, flags);
            __asm__ volatile("pause");
            flags = ark_spin_lock_irqsave(&timer_lock);
        }
        ark_spin_unlock_irqrestore(&timer_lock, flags);
        if (quiet)              /* a Linux timer_list needs no deletion once it has fired */
            continue;
        printk(KERN_WARNING "timer: module '%s' left a timer %s (callback %p); removed\n",
               kmod_name_or_kernel(m), armed ? "armed" : "allocated", fn);
        removed++;
    }
    return removed;
}
