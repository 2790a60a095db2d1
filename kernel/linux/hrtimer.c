/* hrtimer.c — linux/hrtimer.h over ark's kernel timers: the kernel timer behind each hrtimer (made
 * by hrtimer_init, for the module's entry), nanosecond expiries rounded up to the millisecond tick
 * so that no timer fires early, restarts and forwarding, and cancelling that waits for a running
 * callback. */
#include "sched.h"
#include "lx_internal.h"
#include "ark/timer.h"
#include <linux/hrtimer.h>

void ark_linux_hrtimer_init(struct hrtimer *t, clockid_t clock, enum hrtimer_mode mode,
                            void (*entry)(void *))
{
    (void)mode;
    memset(t, 0, sizeof(*t));
    t->clockid = clock;
    t->ark_entry = entry;
    if (sched_in_interrupt()) {
        printk(KERN_ERR "hrtimer: %s: hrtimer_init of %p in interrupt context; the timer cannot fire\n",
               lx_owner_name(LX_CALLER()), (void *)t);
        return;
    }
    /* The module's entry: its timer by construction. */
    t->ark_timer = timer_create(entry, t);
    if (!t->ark_timer) {
        printk(KERN_ERR "hrtimer: %s: out of memory for timer %p; it cannot fire\n",
               lx_owner_name(LX_CALLER()), (void *)t);
        return;
    }
    timer_set_quiet_if_idle(t->ark_timer);   /* Linux never destroys an hrtimer that is not armed */
}
KERNEL_EXPORT(ark_linux_hrtimer_init);

/* Arms t's kernel timer for its expiry: the first tick at which the clock reads at least
 * node.expires, and at least the next tick. */
static void arm(struct hrtimer *t)
{
    ktime_t left = ktime_sub(t->node.expires, ktime_get());
    u64 ms = left <= 0 ? 1 : ((u64)left + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC;
    if (ms > 0xffffffffu)
        ms = 0xffffffffu;
    __atomic_store_n(&t->ark_pending, 1, __ATOMIC_SEQ_CST);
    timer_start(t->ark_timer, (uint32_t)ms, false);
}

/* A call that must not reach the kernel timer: none was made, or the module's unload has
 * removed it already (a work item flushed then). */
static bool timer_missing(struct hrtimer *t, const char *what)
{
    if (!t->ark_timer) {
        printk(KERN_ERR "hrtimer: %s: %s of timer %p, which hrtimer_init could not set up\n",
               lx_owner_name(lx_caller_outside_irq()), what, (void *)t);
        return true;
    }
    return lx_timers_gone && !sched_in_interrupt() && LX_CALLER() == lx_timers_gone;
}

void hrtimer_start_range_ns(struct hrtimer *t, ktime_t tim, u64 range_ns, const enum hrtimer_mode mode)
{
    if (timer_missing(t, "hrtimer_start"))
        return;
    if (mode & HRTIMER_MODE_REL)
        tim = ktime_add(ktime_get(), tim);
    hrtimer_set_expires_range_ns(t, tim, range_ns);
    arm(t);
}
KERNEL_EXPORT(hrtimer_start_range_ns);

void ark_linux_hrtimer_restart(struct hrtimer *t)
{
    if (!timer_missing(t, "a restart"))
        arm(t);
}
KERNEL_EXPORT(ark_linux_hrtimer_restart);

u64 hrtimer_forward(struct hrtimer *t, ktime_t now, ktime_t interval)
{
    ktime_t delta = ktime_sub(now, t->node.expires);
    if (delta < 0)
        return 0;
    if (interval <= 0) {
        printk(KERN_ERR "hrtimer: hrtimer_forward of timer %p by %lld ns; not moved\n", (void *)t,
               (long long)interval);
        return 0;
    }
    u64 overruns = (u64)delta / (u64)interval + 1;
    hrtimer_add_expires_ns(t, overruns * (u64)interval);
    return overruns;
}
KERNEL_EXPORT(hrtimer_forward);

int hrtimer_try_to_cancel(struct hrtimer *t)
{
    if (hrtimer_callback_running(t))
        return -1;
    if (!timer_missing(t, "hrtimer_try_to_cancel"))
        timer_stop(t->ark_timer);
    return __atomic_exchange_n(&t->ark_pending, 0, __ATOMIC_SEQ_CST);
}
KERNEL_EXPORT(hrtimer_try_to_cancel);

int hrtimer_cancel(struct hrtimer *t)
{
    if (sched_in_interrupt() && hrtimer_callback_running(t)) {
        printk(KERN_ERR "hrtimer: hrtimer_cancel of timer %p from its own callback\n", (void *)t);
        return hrtimer_try_to_cancel(t) > 0;
    }
    bool was = false;
    /* A callback running elsewhere (on several CPUs) may restart the timer: cancel until it is
     * neither armed nor running. */
    for (;;) {
        int rc = hrtimer_try_to_cancel(t);
        if (rc >= 0) {
            was = was || rc > 0;
            if (!hrtimer_callback_running(t) && !hrtimer_is_queued(t))
                return was;
        } else {
            was = true;
        }
        __asm__ volatile("pause");
    }
}
KERNEL_EXPORT(hrtimer_cancel);
