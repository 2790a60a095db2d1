/* worker-demo.c — kthread workers as drivers use them: items run in order on the worker's own
 * thread, a second queueing of a queued item refused, a delayed item cancelled before its time
 * and one that runs, kthread_mod_delayed_work, cancelling an item that waits behind a slow one,
 * and a worker the module sets up itself and runs with kthread_run(kthread_worker_fn, ...). */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>

struct item {
    struct kthread_work work;
    int n;
};

static int order[10], ran, in_worker_thread;
static struct item items[10];
static struct kthread_delayed_work late, later;
static int late_runs, later_runs, slow_done, blocked_runs;
static struct kthread_work slow, blocked;
static DEFINE_KTHREAD_WORKER(own_worker);
static DEFINE_KTHREAD_WORK(own_work, NULL);
static int own_ran;

static void record(struct kthread_work *w)
{
    struct item *it = container_of(w, struct item, work);
    order[ran++] = it->n;
    if (!strcmp(current->comm, "demo-worker"))
        in_worker_thread++;
}

static void late_fn(struct kthread_work *w) { (void)w; late_runs++; }
static void later_fn(struct kthread_work *w) { (void)w; later_runs++; }
static DECLARE_COMPLETION(gate_open);
static DECLARE_COMPLETION(slow_open);
static struct kthread_work gate;
/* Holds the worker until init opens it: what init does meanwhile cannot race with it. */
static void gate_fn(struct kthread_work *w) { (void)w; wait_for_completion(&gate_open); }
static void slow_fn(struct kthread_work *w) { (void)w; wait_for_completion(&slow_open); slow_done = 1; }
static void blocked_fn(struct kthread_work *w) { (void)w; blocked_runs++; }
static void own_fn(struct kthread_work *w) { (void)w; own_ran = 1; }

static int __init worker_demo_init(void)
{
    struct kthread_worker *w = kthread_create_worker(0, "demo-worker");
    struct task_struct *t;
    int i, in_order = 1, twice, cancelled, modded, cancelled_blocked;

    if (IS_ERR(w))
        return PTR_ERR(w);
    for (i = 0; i < 10; i++) {
        items[i].n = i;
        kthread_init_work(&items[i].work, record);
    }
    kthread_init_work(&gate, gate_fn);
    kthread_queue_work(w, &gate);
    for (i = 0; i < 10; i++)
        kthread_queue_work(w, &items[i].work);
    twice = kthread_queue_work(w, &items[9].work);
    complete(&gate_open);
    kthread_flush_worker(w);
    for (i = 0; i < 10; i++)
        if (order[i] != i)
            in_order = 0;
    pr_info("worker_demo: %d items ran in order %d, on the worker's thread %d; queued twice %d\n", ran, in_order,
            in_worker_thread, twice);

    kthread_init_delayed_work(&late, late_fn);
    kthread_init_delayed_work(&later, later_fn);
    kthread_queue_delayed_work(w, &late, msecs_to_jiffies(5000));
    cancelled = kthread_cancel_delayed_work_sync(&late);
    kthread_queue_delayed_work(w, &later, msecs_to_jiffies(5000));
    modded = kthread_mod_delayed_work(w, &later, msecs_to_jiffies(5));
    while (!later_runs)
        msleep(2);
    kthread_flush_work(&later.work);
    msleep(20);
    pr_info("worker_demo: a cancelled delayed item: cancelled %d, ran %d; a modified one: was pending %d, ran %d\n",
            cancelled, late_runs, modded, later_runs);

    kthread_init_work(&slow, slow_fn);
    kthread_init_work(&blocked, blocked_fn);
    kthread_queue_work(w, &slow);
    kthread_queue_work(w, &blocked);
    cancelled_blocked = kthread_cancel_work_sync(&blocked);
    complete(&slow_open);
    kthread_flush_work(&slow);
    pr_info("worker_demo: the item behind a slow one: cancelled %d, ran %d; the slow one done %d\n",
            cancelled_blocked, blocked_runs, slow_done);
    kthread_destroy_worker(w);

    own_work.func = own_fn;
    t = kthread_run(kthread_worker_fn, &own_worker, "own-worker");
    if (IS_ERR(t))
        return PTR_ERR(t);
    kthread_queue_work(&own_worker, &own_work);
    kthread_flush_work(&own_work);
    kthread_stop(t);
    pr_info("worker_demo: a worker of the module's own ran its item %d\n", own_ran);
    return 0;
}

static void __exit worker_demo_exit(void)
{
}

module_init(worker_demo_init);
module_exit(worker_demo_exit);
MODULE_LICENSE("GPL");
