/* stack-demo.c — dump_stack and WARN as a driver author debugs with them: the stack from two
 * calls deep in init, from a timer callback (interrupt context), WARN_ON with its condition,
 * WARN with a message, and WARN_ONCE in a loop, which warns once. */
#include <linux/completion.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/timer.h>

static struct timer_list timer;
static DECLARE_COMPLETION(timer_done);

static noinline void stack_demo_inner(int depth)
{
    pr_info("stack_demo: dumping the stack %d calls deep\n", depth);
    dump_stack();
    __asm__ volatile("" ::: "memory");      /* keep the call a call, not a jump */
}

static noinline void stack_demo_outer(void)
{
    stack_demo_inner(2);
    __asm__ volatile("" ::: "memory");      /* keep the call a call, not a jump */
}

static void stack_demo_tick(struct timer_list *t)
{
    (void)t;
    dump_stack();
    complete(&timer_done);
}

static int __init stack_demo_init(void)
{
    int i, fired = 0, w;

    stack_demo_outer();
    timer_setup(&timer, stack_demo_tick, 0);
    mod_timer(&timer, jiffies + 1);
    wait_for_completion(&timer_done);
    del_timer_sync(&timer);

    w = WARN_ON(jiffies != 0);
    pr_info("stack_demo: WARN_ON returned %d\n", w);
    WARN(w, "stack_demo: the value was %d\n", 42);
    for (i = 0; i < 3; i++)
        fired += WARN_ONCE(1, "stack_demo: warned once of %d\n", 3);
    pr_info("stack_demo: WARN_ONCE true %d times\n", fired);
    return 0;
}

static void __exit stack_demo_exit(void)
{
}

module_init(stack_demo_init);
module_exit(stack_demo_exit);
MODULE_LICENSE("GPL");
