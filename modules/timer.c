/* timer — a periodic kernel timer: ticks every `period_ms` (default 100), counts them in
 * /proc/timer_ticks and logs every tenth to dmesg. exit stops the timer before the module's
 * memory goes away. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"
#include "ark/timer.h"

MODULE_NAME("timer");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("a periodic timer whose ticks show in /proc/timer_ticks and dmesg");

static unsigned int period_ms = 100;
module_param(period_ms, uint, "tick period in milliseconds");

static struct ark_timer *tick_timer;
static volatile uint32_t ticks;

/* Interrupt context: count, and log now and then. */
static void timer_tick(void *arg)
{
    (void)arg;
    uint32_t n = ++ticks;
    if (n % 10 == 0)
        printk("timer: tick %u\n", (unsigned)n);
}

static int timer_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    return seq_printf(s, "%u\n", (unsigned)ticks) < 0 ? -EIO : 0;
}

int module_init(void)
{
    if (period_ms == 0)
        return -EINVAL;
    tick_timer = timer_create(timer_tick, NULL);
    if (!tick_timer)
        return -ENOMEM;
    int err = proc_create("timer_ticks", timer_show, NULL, NULL);
    if (!err)
        err = timer_start(tick_timer, period_ms, true);
    if (err) {
        proc_remove("timer_ticks");
        timer_destroy(tick_timer);
        return err;
    }
    printk("timer: started, period %u ms\n", period_ms);
    return 0;
}

void module_exit(void)
{
    timer_destroy(tick_timer);
    proc_remove("timer_ticks");
    printk("timer: stopped after %u ticks\n", (unsigned)ticks);
}
