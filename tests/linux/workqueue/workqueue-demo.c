/* workqueue-demo.c — work items the Linux way: DECLARE_WORK on the system queue, an ordered
 * queue of its own with items run in order and flush_workqueue, a queue from alloc_workqueue,
 * delayed work that runs and delayed work cancelled before it is due. With leak=1 the exit
 * leaves its queue and a delayed item behind. */
#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

static bool leak;
module_param(leak, bool, 0444);

struct job {
    struct work_struct work;
    int id;
};

static struct workqueue_struct *ordered_wq;
static struct workqueue_struct *other_wq;
static atomic_t order = ATOMIC_INIT(0);
static int seen[4];
static struct job jobs[4];

static void system_work_fn(struct work_struct *work)
{
    pr_info("workqueue: system work runs in [%s]\n", current->comm);
}
static DECLARE_WORK(system_work, system_work_fn);

static void job_fn(struct work_struct *work)
{
    struct job *job = container_of(work, struct job, work);

    seen[job->id] = atomic_inc_return(&order);
}

static void heap_job_fn(struct work_struct *work)
{
    pr_info("workqueue: heap item ran and frees itself\n");
    kfree(work);
}

static void delayed_fn(struct work_struct *work)
{
    struct delayed_work *dw = to_delayed_work(work);

    pr_info("workqueue: delayed work ran (pending now %d)\n", delayed_work_pending(dw));
}
static DECLARE_DELAYED_WORK(soon_work, delayed_fn);

static void never_fn(struct work_struct *work)
{
    pr_info("workqueue: the cancelled delayed work ran\n");
}
static struct delayed_work late_work;

static int __init workqueue_demo_init(void)
{
    struct work_struct *heap_work;
    bool first, again;
    int i;

    pr_info("workqueue: schedule_work %d\n", schedule_work(&system_work));
    flush_work(&system_work);

    ordered_wq = create_singlethread_workqueue("lkm_ordered");
    other_wq = alloc_workqueue("lkm_%s", WQ_UNBOUND, 0, "other");
    if (!ordered_wq || !other_wq)
        goto nomem;
    for (i = 0; i < 4; i++) {
        jobs[i].id = i;
        INIT_WORK(&jobs[i].work, job_fn);
        queue_work(ordered_wq, &jobs[i].work);
    }
    flush_workqueue(ordered_wq);
    pr_info("workqueue: ordered items ran as %d %d %d %d\n", seen[0], seen[1], seen[2], seen[3]);

    heap_work = kmalloc(sizeof(*heap_work), GFP_KERNEL);
    if (!heap_work)
        goto nomem;
    INIT_WORK(heap_work, heap_job_fn);
    queue_work(other_wq, heap_work);
    flush_workqueue(other_wq);

    first = schedule_delayed_work(&soon_work, msecs_to_jiffies(100));
    again = schedule_delayed_work(&soon_work, msecs_to_jiffies(100));
    pr_info("workqueue: delayed queued %d, again %d\n", first, again);
    flush_delayed_work(&soon_work);
    INIT_DELAYED_WORK(&late_work, never_fn);
    queue_delayed_work(other_wq, &late_work, msecs_to_jiffies(60000));
    pr_info("workqueue: late work pending %d\n", delayed_work_pending(&late_work));
    return 0;
nomem:
    if (ordered_wq)
        destroy_workqueue(ordered_wq);
    if (other_wq)
        destroy_workqueue(other_wq);
    return -ENOMEM;
}

static void __exit workqueue_demo_exit(void)
{
    destroy_workqueue(ordered_wq);
    if (leak) {
        pr_info("workqueue: leaving a queue and a delayed item\n");
        return;
    }
    pr_info("workqueue: late work cancelled %d\n", cancel_delayed_work_sync(&late_work));
    destroy_workqueue(other_wq);
    pr_info("workqueue: queues destroyed\n");
}

module_init(workqueue_demo_init);
module_exit(workqueue_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("work queues and delayed work");
