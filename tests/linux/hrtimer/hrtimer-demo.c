/* hrtimer-demo.c — hrtimers as a driver polling a device uses them: a one-shot relative timer, a
 * periodic one that forwards itself and restarts, an absolute one set up with hrtimer_setup,
 * cancelling an armed timer, and (leave=1) an exit that forgets to cancel one. */
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>

static int leave;
module_param(leave, int, 0444);

#define PERIOD_NS  (2 * NSEC_PER_MSEC)
#define RUNS       10

static struct hrtimer once, periodic, absolute, far;
static ktime_t once_due, once_fired, abs_due, abs_fired;
static int once_in_irq;
static int periodic_runs, periodic_early;
static u64 periodic_overruns;
static DECLARE_COMPLETION(once_done);
static DECLARE_COMPLETION(periodic_done);
static DECLARE_COMPLETION(abs_done);

static enum hrtimer_restart once_fn(struct hrtimer *t)
{
    (void)t;
    once_fired = ktime_get();
    once_in_irq = in_interrupt();
    complete(&once_done);
    return HRTIMER_NORESTART;
}

static enum hrtimer_restart periodic_fn(struct hrtimer *t)
{
    if (ktime_before(ktime_get(), hrtimer_get_expires(t)))
        periodic_early++;
    if (++periodic_runs == RUNS) {
        complete(&periodic_done);
        return HRTIMER_NORESTART;
    }
    periodic_overruns += hrtimer_forward_now(t, ns_to_ktime(PERIOD_NS));
    return HRTIMER_RESTART;
}

static enum hrtimer_restart abs_fn(struct hrtimer *t)
{
    (void)t;
    abs_fired = ktime_get();
    complete(&abs_done);
    return HRTIMER_NORESTART;
}

static enum hrtimer_restart far_fn(struct hrtimer *t)
{
    (void)t;
    pr_err("hrtimer_demo: the far timer fired\n");
    return HRTIMER_NORESTART;
}

static int __init hrtimer_demo_init(void)
{
    ktime_t start, left;
    int a, b, c;

    hrtimer_init(&once, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
    once.function = once_fn;
    start = ktime_get();
    once_due = ktime_add_us(start, 2500);
    hrtimer_start(&once, us_to_ktime(2500), HRTIMER_MODE_REL);
    a = hrtimer_active(&once);
    wait_for_completion(&once_done);
    pr_info("hrtimer_demo: one-shot: active while armed %d, fired at or after its expiry %d, in interrupt %d, active after %d\n",
            a, (int)!ktime_before(once_fired, once_due), once_in_irq, (int)hrtimer_active(&once));

    hrtimer_init(&periodic, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
    periodic.function = periodic_fn;
    start = ktime_get();
    hrtimer_start(&periodic, ns_to_ktime(PERIOD_NS), HRTIMER_MODE_REL_SOFT);
    wait_for_completion(&periodic_done);
    pr_info("hrtimer_demo: periodic: %d runs, early %d, forwarded %d periods at least, took %d periods at least\n",
            periodic_runs, periodic_early, (int)(periodic_overruns >= RUNS - 1),
            (int)(ktime_sub(ktime_get(), start) >= RUNS * PERIOD_NS));

    hrtimer_setup(&absolute, abs_fn, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
    abs_due = ktime_add_ms(ktime_get(), 3);
    hrtimer_start(&absolute, abs_due, HRTIMER_MODE_ABS);
    wait_for_completion(&abs_done);
    pr_info("hrtimer_demo: absolute: fired at or after %lld ms: %d, expires kept %d\n",
            (long long)ktime_to_ms(abs_due), (int)!ktime_before(abs_fired, abs_due),
            (int)(hrtimer_get_expires(&absolute) == abs_due));

    hrtimer_init(&far, CLOCK_REALTIME, HRTIMER_MODE_REL);
    far.function = far_fn;
    hrtimer_start(&far, ktime_set(10, 0), HRTIMER_MODE_REL);
    left = hrtimer_get_remaining(&far);
    a = hrtimer_try_to_cancel(&far);
    b = hrtimer_try_to_cancel(&far);
    c = hrtimer_cancel(&far);
    pr_info("hrtimer_demo: far: %d s left, try_to_cancel %d then %d, cancel %d, queued %d\n",
            (int)(ktime_to_ms(left) / 1000 + (ktime_to_ms(left) % 1000 ? 1 : 0)), a, b, c,
            (int)hrtimer_is_queued(&far));
    hrtimer_start(&far, ms_to_ktime(20), HRTIMER_MODE_REL);
    c = hrtimer_cancel(&far);
    pr_info("hrtimer_demo: far restarted then cancelled: %d\n", c);
    if (leave)
        hrtimer_start(&far, ktime_set(10, 0), HRTIMER_MODE_REL);
    return 0;
}

static void __exit hrtimer_demo_exit(void)
{
    if (!leave)
        hrtimer_cancel(&far);
    pr_info("hrtimer_demo: unloaded\n");
}

module_init(hrtimer_demo_init);
module_exit(hrtimer_demo_exit);
MODULE_LICENSE("GPL");
