/* kthread_worker.c — linux/kthread.h's workers: a kernel thread that sleeps until items are
 * queued, then runs them one at a time in order; delayed items go through a timer first.
 * Locking: worker->lock (irqsave, since timers queue) guards the list and current_work; waiters
 * for an item or the whole worker sleep on ark_done, woken after each item. */
#include "lx_internal.h"
#include <linux/kthread.h>
#include <linux/sched.h>

void kthread_init_worker(struct kthread_worker *worker)
{
    spin_lock_init(&worker->lock);
    INIT_LIST_HEAD(&worker->work_list);
    worker->task = NULL;
    worker->current_work = NULL;
    ark_wait_queue_init(&worker->ark_done);
    worker->flags = 0;
    worker->ark_allocated = false;
}
KERNEL_EXPORT(kthread_init_worker);

int kthread_worker_fn(void *worker_ptr)
{
    struct kthread_worker *worker = worker_ptr;
    worker->task = current;
    for (;;) {
        unsigned long flags;
        set_current_state(TASK_INTERRUPTIBLE);     /* before the look, so no queue is missed */
        if (kthread_should_stop()) {
            __set_current_state(TASK_RUNNING);
            break;
        }
        struct kthread_work *work = NULL;
        spin_lock_irqsave(&worker->lock, flags);
        if (!list_empty(&worker->work_list)) {
            work = list_first_entry(&worker->work_list, struct kthread_work, node);
            list_del_init(&work->node);
        }
        worker->current_work = work;
        spin_unlock_irqrestore(&worker->lock, flags);
        if (!work) {
            schedule();
            continue;
        }
        __set_current_state(TASK_RUNNING);
        work->func(work);
        spin_lock_irqsave(&worker->lock, flags);
        worker->current_work = NULL;
        spin_unlock_irqrestore(&worker->lock, flags);
        ark_wake_up_all(&worker->ark_done);
        cond_resched();
    }
    return 0;
}
KERNEL_EXPORT(kthread_worker_fn);

struct kthread_worker *ark_linux_kthread_create_worker(int (*entry)(void *), unsigned int flags,
                                                       const char *namefmt, ...)
{
    char name[32];
    va_list ap;
    va_start(ap, namefmt);
    vsnprintf(name, sizeof name, namefmt, ap);
    va_end(ap);
    struct kthread_worker *worker = kzalloc(sizeof(*worker), GFP_KERNEL);
    if (!worker)
        return ERR_PTR(-ENOMEM);
    kthread_init_worker(worker);
    worker->flags = flags;
    worker->ark_allocated = true;
    /* The module's entry: the thread is the module's, as its other kthreads are. */
    struct task_struct *task = ark_linux_kthread_create(entry, kthread_worker_fn, worker, "%s", name);
    if (IS_ERR(task)) {
        kfree(worker);
        return ERR_CAST(task);
    }
    worker->task = task;
    wake_up_process(task);
    return worker;
}
KERNEL_EXPORT(ark_linux_kthread_create_worker);

bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work)
{
    unsigned long flags;
    bool queued = false;
    spin_lock_irqsave(&worker->lock, flags);
    if (list_empty(&work->node) && !work->canceling) {
        work->worker = worker;
        list_add_tail(&work->node, &worker->work_list);
        queued = true;
    }
    spin_unlock_irqrestore(&worker->lock, flags);
    if (queued && worker->task)
        wake_up_process(worker->task);
    return queued;
}
KERNEL_EXPORT(kthread_queue_work);

void kthread_delayed_work_timer_fn(struct timer_list *t)
{
    struct kthread_delayed_work *dwork = from_timer(dwork, t, timer);
    if (dwork->work.worker)
        kthread_queue_work(dwork->work.worker, &dwork->work);
}
KERNEL_EXPORT(kthread_delayed_work_timer_fn);

bool kthread_queue_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
                                unsigned long delay)
{
    if (timer_pending(&dwork->timer) || !list_empty(&dwork->work.node))
        return false;
    dwork->work.worker = worker;
    if (delay == 0)
        return kthread_queue_work(worker, &dwork->work);
    mod_timer(&dwork->timer, jiffies + delay);
    return true;
}
KERNEL_EXPORT(kthread_queue_delayed_work);

/* Takes work off its worker's list: true if it was there. */
static bool dequeue(struct kthread_work *work)
{
    struct kthread_worker *worker = work->worker;
    if (!worker)
        return false;
    unsigned long flags;
    spin_lock_irqsave(&worker->lock, flags);
    bool was = !list_empty(&work->node);
    if (was)
        list_del_init(&work->node);
    spin_unlock_irqrestore(&worker->lock, flags);
    return was;
}

bool kthread_mod_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
                              unsigned long delay)
{
    bool was = del_timer(&dwork->timer) | dequeue(&dwork->work);
    kthread_queue_delayed_work(worker, dwork, delay);
    return was;
}
KERNEL_EXPORT(kthread_mod_delayed_work);

/* Queued on or running in its worker. */
static bool busy(struct kthread_work *work)
{
    struct kthread_worker *worker = work->worker;
    if (!worker)
        return false;
    unsigned long flags;
    spin_lock_irqsave(&worker->lock, flags);
    bool b = !list_empty(&work->node) || worker->current_work == work;
    spin_unlock_irqrestore(&worker->lock, flags);
    return b;
}

void kthread_flush_work(struct kthread_work *work)
{
    struct kthread_worker *worker = work->worker;
    if (worker)
        ark_wait_event(&worker->ark_done, !busy(work));
}
KERNEL_EXPORT(kthread_flush_work);

static bool idle(struct kthread_worker *worker)
{
    unsigned long flags;
    spin_lock_irqsave(&worker->lock, flags);
    bool i = list_empty(&worker->work_list) && !worker->current_work;
    spin_unlock_irqrestore(&worker->lock, flags);
    return i;
}

void kthread_flush_worker(struct kthread_worker *worker)
{
    if (worker->task && worker->task != current)
        ark_wait_event(&worker->ark_done, idle(worker));
}
KERNEL_EXPORT(kthread_flush_worker);

bool kthread_cancel_work_sync(struct kthread_work *work)
{
    work->canceling++;                 /* no one queues it again meanwhile */
    bool was = dequeue(work);
    kthread_flush_work(work);
    work->canceling--;
    return was;
}
KERNEL_EXPORT(kthread_cancel_work_sync);

bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *dwork)
{
    dwork->work.canceling++;
    bool was = del_timer_sync(&dwork->timer);
    was |= dequeue(&dwork->work);
    kthread_flush_work(&dwork->work);
    dwork->work.canceling--;
    return was;
}
KERNEL_EXPORT(kthread_cancel_delayed_work_sync);

void kthread_destroy_worker(struct kthread_worker *worker)
{
    if (!worker)
        return;
    kthread_flush_worker(worker);
    if (worker->task)
        kthread_stop(worker->task);
    if (worker->ark_allocated)
        kfree(worker);
}
KERNEL_EXPORT(kthread_destroy_worker);
