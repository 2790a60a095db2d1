/* kthread-comp.c — kernel threads with completions: a worker that runs until kthread_stop and
 * hands back its result, one that ends itself with kthread_complete_and_exit while init waits for
 * its completion, one created but never woken, and `current` in init and in a thread. With
 * leak=1 the exit forgets to stop the worker. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>

static bool leak;
module_param(leak, bool, 0444);
MODULE_PARM_DESC(leak, "forget kthread_stop at exit");

static struct task_struct *worker;
static struct task_struct *never_woken;
static DECLARE_COMPLETION(worker_started);
static struct completion oneshot_done;
static int rounds;

static int worker_fn(void *data)
{
    int *counter = data;

    pr_info("kthread: %s running as pid %d\n", current->comm, current->pid);
    complete(&worker_started);
    while (!kthread_should_stop()) {
        (*counter)++;
        msleep(20);
    }
    pr_info("kthread: %s asked to stop after %s rounds\n", current->comm, *counter > 0 ? "some" : "no");
    return 42;
}

static int oneshot_fn(void *data)
{
    long code = (long)data;

    pr_info("kthread: %s computing\n", current->comm);
    kthread_complete_and_exit(&oneshot_done, code);
    pr_info("kthread: not reached\n");
    return -1;
}

static int never_fn(void *data)
{
    pr_info("kthread: the never-woken thread ran\n");
    return 0;
}

static int __init kthread_comp_init(void)
{
    struct task_struct *oneshot;
    unsigned long left;
    bool took;

    pr_info("kthread: init runs in %s\n", current->comm);
    init_completion(&oneshot_done);
    worker = kthread_run(worker_fn, &rounds, "lkm_worker/%d", 0);
    if (IS_ERR(worker))
        return PTR_ERR(worker);
    wait_for_completion(&worker_started);

    oneshot = kthread_create(oneshot_fn, (void *)7L, "lkm_oneshot");
    if (IS_ERR(oneshot)) {
        kthread_stop(worker);
        return PTR_ERR(oneshot);
    }
    wake_up_process(oneshot);
    left = wait_for_completion_timeout(&oneshot_done, msecs_to_jiffies(5000));
    pr_info("kthread: one-shot thread completed: %s\n", left ? "yes" : "timed out");
    pr_info("kthread: one-shot thread result %d\n", kthread_stop(oneshot));

    never_woken = kthread_create(never_fn, NULL, "lkm_never");
    if (IS_ERR(never_woken)) {
        kthread_stop(worker);
        return PTR_ERR(never_woken);
    }
    pr_info("kthread: a second completion wait times out: %lu\n",
            wait_for_completion_timeout(&oneshot_done, msecs_to_jiffies(50)));
    complete(&oneshot_done);
    took = try_wait_for_completion(&oneshot_done);
    pr_info("kthread: try_wait_for_completion takes a completion: %d, then finds none: %d\n", took,
            try_wait_for_completion(&oneshot_done));
    return 0;
}

static void __exit kthread_comp_exit(void)
{
    pr_info("kthread: never-woken thread stopped: %d\n", kthread_stop(never_woken));
    if (leak) {
        pr_info("kthread: leaving the worker running\n");
        return;
    }
    pr_info("kthread: worker returned %d\n", kthread_stop(worker));
}

module_init(kthread_comp_init);
module_exit(kthread_comp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kthreads and completions");
