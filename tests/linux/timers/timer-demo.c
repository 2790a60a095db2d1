/* timer-demo.c — timer_list the Linux way: a periodic timer re-armed with mod_timer from its own
 * callback, found with from_timer, a one-shot timer that fires once and is never deleted (as
 * Linux allows), timer_pending, jiffies conversions, and del_timer_sync at exit. */
#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/timer.h>
#include <linux/wait.h>

static unsigned int period_ms = 20;
module_param(period_ms, uint, 0444);

struct ticker {
    struct timer_list timer;
    atomic_t ticks;
    unsigned int period;
};

static struct ticker ticker;
static struct timer_list oneshot;
static atomic_t oneshot_fired = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(tick_wq);
static unsigned long started;
static ktime_t started_kt;

static void tick_fn(struct timer_list *t)
{
    struct ticker *tk = from_timer(tk, t, timer);
    int n = atomic_inc_return(&tk->ticks);

    if (n <= 3)
        pr_info("timer: tick %d\n", n);
    mod_timer(&tk->timer, jiffies + msecs_to_jiffies(tk->period));
    wake_up(&tick_wq);
}

static void oneshot_fn(struct timer_list *t)
{
    atomic_inc(&oneshot_fired);
    wake_up(&tick_wq);
}

static int __init timer_demo_init(void)
{
    pr_info("timer: HZ %d, 1000 ms is %lu jiffies, %u ms back\n", HZ, msecs_to_jiffies(1000),
            jiffies_to_msecs(msecs_to_jiffies(250)));
    started = jiffies;
    started_kt = ktime_get();
    ticker.period = period_ms;
    atomic_set(&ticker.ticks, 0);
    timer_setup(&ticker.timer, tick_fn, 0);
    pr_info("timer: pending before mod_timer %d\n", timer_pending(&ticker.timer));
    mod_timer(&ticker.timer, jiffies + msecs_to_jiffies(period_ms));
    pr_info("timer: pending after mod_timer %d\n", timer_pending(&ticker.timer));

    timer_setup(&oneshot, oneshot_fn, 0);
    oneshot.expires = jiffies + msecs_to_jiffies(30);
    add_timer(&oneshot);
    if (!wait_event_timeout(tick_wq, atomic_read(&ticker.ticks) >= 5 && atomic_read(&oneshot_fired),
                            msecs_to_jiffies(10000)))
        pr_err("timer: timers did not fire\n");
    pr_info("timer: one-shot fired %d, pending %d; time_after %d\n", atomic_read(&oneshot_fired),
            timer_pending(&oneshot), time_after(jiffies, started) ? 1 : 0);
    pr_info("timer: ktime advanced at least 4 periods: %d\n",
            ktime_ms_delta(ktime_get(), started_kt) >= 4 * (s64)period_ms ? 1 : 0);
    return 0;
}

static void __exit timer_demo_exit(void)
{
    int was = del_timer_sync(&ticker.timer);

    pr_info("timer: stopped (was pending %d) after %s ticks, pending now %d\n", was,
            atomic_read(&ticker.ticks) >= 5 ? "5 or more" : "too few", timer_pending(&ticker.timer));
}

module_init(timer_demo_init);
module_exit(timer_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("periodic and one-shot timers");
