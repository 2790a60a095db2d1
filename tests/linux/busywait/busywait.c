/* busywait.c — busy waits in module init, as Linux drivers write them: a kernel thread and a work
 * item started by init must run while init spins in mdelay (other threads run while a thread
 * that could sleep busy-waits), and must not run while it spins holding a spinlock (no
 * preemption then). */
#include <linux/module.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

static atomic_t thread_ran = ATOMIC_INIT(0);
static atomic_t work_ran = ATOMIC_INIT(0);
static struct task_struct *spinner_peer;
static DEFINE_SPINLOCK(busy_lock);

static void mark_work(struct work_struct *w)
{
    atomic_inc(&work_ran);
}
static DECLARE_WORK(busy_work, mark_work);

static int peer_fn(void *data)
{
    while (!kthread_should_stop()) {
        atomic_inc(&thread_ran);
        msleep(5);
    }
    return 0;
}

static int __init busywait_init(void)
{
    int waited, seen;
    unsigned long flags;

    spinner_peer = kthread_run(peer_fn, NULL, "busy_peer");
    if (IS_ERR(spinner_peer))
        return PTR_ERR(spinner_peer);
    schedule_work(&busy_work);
    for (waited = 0; waited < 3000 && (!atomic_read(&thread_ran) || !atomic_read(&work_ran)); waited += 10)
        mdelay(10);
    pr_info("busywait: spinning in init: thread ran %s, work ran %s\n",
            atomic_read(&thread_ran) ? "yes" : "no", atomic_read(&work_ran) ? "yes" : "no");

    /* Holding a spinlock nothing else may run on this CPU, busy wait or not. */
    spin_lock_irqsave(&busy_lock, flags);
    seen = atomic_read(&thread_ran);
    mdelay(50);
    seen = atomic_read(&thread_ran) - seen;
    spin_unlock_irqrestore(&busy_lock, flags);
    pr_info("busywait: spinning under a spinlock: the thread ran %d times\n", seen);

    spin_lock(&busy_lock);
    seen = atomic_read(&thread_ran);
    udelay(50000);
    seen = atomic_read(&thread_ran) - seen;
    spin_unlock(&busy_lock);
    pr_info("busywait: spinning under a spinlock with interrupts on: the thread ran %d times\n", seen);
    return 0;
}

static void __exit busywait_exit(void)
{
    kthread_stop(spinner_peer);
    flush_work(&busy_work);
    pr_info("busywait: done\n");
}

module_init(busywait_init);
module_exit(busywait_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Busy waits in init next to a kernel thread and a work item");
