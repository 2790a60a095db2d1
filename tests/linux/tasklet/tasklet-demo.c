/* tasklet-demo.c — tasklets in both forms (tasklet_setup with a callback, tasklet_init with
 * data), scheduled from init and from a timer (interrupt context), a disabled tasklet that runs
 * only once enabled, and tasklet_kill at exit. */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/timer.h>
#include <linux/wait.h>

static atomic_t runs = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(ran_wq);
static struct tasklet_struct data_tasklet;
static struct timer_list kick;
static int from_timer_seen;

static void callback_fn(struct tasklet_struct *t)
{
    pr_info("tasklet: callback ran (in interrupt %d)\n", in_interrupt() ? 1 : 0);
    atomic_inc(&runs);
    wake_up(&ran_wq);
}
static DECLARE_TASKLET(callback_tasklet, callback_fn);

static void disabled_fn(struct tasklet_struct *t)
{
    pr_info("tasklet: the disabled tasklet ran\n");
    atomic_inc(&runs);
    wake_up(&ran_wq);
}
static DECLARE_TASKLET_DISABLED(disabled_tasklet, disabled_fn);

static void data_fn(unsigned long data)
{
    pr_info("tasklet: data tasklet ran with 0x%lx\n", data);
    from_timer_seen = 1;
    atomic_inc(&runs);
    wake_up(&ran_wq);
}

static void kick_fn(struct timer_list *t)
{
    tasklet_schedule(&data_tasklet);
}

static int __init tasklet_demo_init(void)
{
    tasklet_init(&data_tasklet, data_fn, 0xbeef);
    tasklet_schedule(&callback_tasklet);
    if (!wait_event_timeout(ran_wq, atomic_read(&runs) == 1, msecs_to_jiffies(5000)))
        pr_err("tasklet: callback tasklet did not run\n");

    tasklet_schedule(&disabled_tasklet);
    msleep(100);
    pr_info("tasklet: while disabled, runs %d\n", atomic_read(&runs));
    tasklet_enable(&disabled_tasklet);
    if (!wait_event_timeout(ran_wq, atomic_read(&runs) == 2, msecs_to_jiffies(5000)))
        pr_err("tasklet: enabled tasklet did not run\n");

    timer_setup(&kick, kick_fn, 0);
    mod_timer(&kick, jiffies + msecs_to_jiffies(20));
    if (!wait_event_timeout(ran_wq, atomic_read(&runs) == 3, msecs_to_jiffies(5000)))
        pr_err("tasklet: tasklet from the timer did not run\n");
    pr_info("tasklet: %d runs, one scheduled from a timer %d\n", atomic_read(&runs), from_timer_seen);
    return 0;
}

static void __exit tasklet_demo_exit(void)
{
    del_timer_sync(&kick);
    tasklet_kill(&callback_tasklet);
    tasklet_kill(&disabled_tasklet);
    tasklet_kill(&data_tasklet);
    pr_info("tasklet: killed after %d runs\n", atomic_read(&runs));
}

module_init(tasklet_demo_init);
module_exit(tasklet_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("tasklets");
