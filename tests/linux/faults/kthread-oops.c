/* kthread-oops.c — a kthread that dereferences NULL: the fault is contained (the thread ends with
 * -EFAULT, the module is marked Faulted), never a panic, and rmmod -f still removes the module
 * and reaps its thread. */
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/printk.h>

static int *volatile nowhere;
static struct task_struct *crasher;

static int crash_fn(void *data)
{
    pr_info("kthread_oops: thread about to fault\n");
    return *nowhere;
}

static int __init kthread_oops_init(void)
{
    crasher = kthread_run(crash_fn, NULL, "lkm_crash");
    if (IS_ERR(crasher))
        return PTR_ERR(crasher);
    pr_info("kthread_oops: started\n");
    return 0;
}

static void __exit kthread_oops_exit(void)
{
    pr_info("kthread_oops: crasher returned %d\n", kthread_stop(crasher));
}

module_init(kthread_oops_init);
module_exit(kthread_oops_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a faulting kthread");
