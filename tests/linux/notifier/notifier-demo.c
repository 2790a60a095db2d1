/* notifier-demo.c — notifier chains as subsystems use them: an atomic chain of three callbacks
 * called in priority order and from a timer, one that stops the chain, errno carried through a
 * return value, a blocking chain whose callback sleeps, the reboot notifier (which runs at
 * poweroff), and (leave=1) an exit that forgets to unregister it. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/timer.h>

static int leave;
module_param(leave, int, 0444);

static ATOMIC_NOTIFIER_HEAD(events);
static BLOCKING_NOTIFIER_HEAD(slow_events);
static char order[16];
static int in_irq_calls;

static int record(struct notifier_block *nb, unsigned long action, void *data)
{
    size_t n = strlen(order);
    (void)data;
    if (n + 1 < sizeof(order)) {
        order[n] = (char)('0' + nb->priority % 10);
        order[n + 1] = 0;
    }
    if (in_interrupt())
        in_irq_calls++;
    return action == 99 && nb->priority == 5 ? NOTIFY_STOP : NOTIFY_OK;
}

static struct notifier_block low = { .notifier_call = record, .priority = 0 };
static struct notifier_block high = { .notifier_call = record, .priority = 9 };
static struct notifier_block mid = { .notifier_call = record, .priority = 5 };

static int busy(struct notifier_block *nb, unsigned long action, void *data)
{
    (void)nb;
    (void)data;
    msleep(5);                         /* a blocking chain's callback may sleep */
    return notifier_from_errno(action == 1 ? -EBUSY : 0);
}
static struct notifier_block busy_nb = { .notifier_call = busy };

static int going_down(struct notifier_block *nb, unsigned long action, void *data)
{
    (void)nb;
    (void)data;
    pr_info("notifier_demo: the system is going down: action %lu (SYS_POWER_OFF %d)\n", action,
            action == SYS_POWER_OFF);
    return NOTIFY_DONE;
}
static struct notifier_block reboot_nb = { .notifier_call = going_down };

static struct timer_list timer;
static DECLARE_COMPLETION(timer_done);
static void tick(struct timer_list *t)
{
    (void)t;
    atomic_notifier_call_chain(&events, 1, NULL);
    complete(&timer_done);
}

static int __init notifier_demo_init(void)
{
    int again, missing, ret;

    atomic_notifier_chain_register(&events, &low);
    atomic_notifier_chain_register(&events, &high);
    atomic_notifier_chain_register(&events, &mid);
    again = atomic_notifier_chain_register(&events, &mid);
    ret = atomic_notifier_call_chain(&events, 1, NULL);
    pr_info("notifier_demo: called in order %s, returned %d; registered twice %d\n", order, ret, again);
    order[0] = 0;
    ret = atomic_notifier_call_chain(&events, 99, NULL);
    pr_info("notifier_demo: a stop after %s, returned 0x%x\n", order, ret);
    order[0] = 0;
    timer_setup(&timer, tick, 0);
    mod_timer(&timer, jiffies + 1);
    wait_for_completion(&timer_done);
    del_timer_sync(&timer);
    pr_info("notifier_demo: from a timer: %s, %d in interrupt context\n", order, in_irq_calls);
    atomic_notifier_chain_unregister(&events, &mid);
    missing = atomic_notifier_chain_unregister(&events, &mid);
    order[0] = 0;
    atomic_notifier_call_chain(&events, 99, NULL);
    pr_info("notifier_demo: without the middle one: %s; unregistered twice %d\n", order, missing);
    atomic_notifier_chain_unregister(&events, &low);
    atomic_notifier_chain_unregister(&events, &high);
    pr_info("notifier_demo: empty %d, an empty chain returns %d\n",
            atomic_notifier_call_chain_is_empty(&events), atomic_notifier_call_chain(&events, 1, NULL));

    blocking_notifier_chain_register(&slow_events, &busy_nb);
    ret = blocking_notifier_call_chain(&slow_events, 1, NULL);
    pr_info("notifier_demo: blocking chain returned errno %d, then %d\n", notifier_to_errno(ret),
            notifier_to_errno(blocking_notifier_call_chain(&slow_events, 2, NULL)));
    blocking_notifier_chain_unregister(&slow_events, &busy_nb);

    return register_reboot_notifier(&reboot_nb);
}

static void __exit notifier_demo_exit(void)
{
    if (!leave)
        unregister_reboot_notifier(&reboot_nb);
}

module_init(notifier_demo_init);
module_exit(notifier_demo_exit);
MODULE_LICENSE("GPL");
