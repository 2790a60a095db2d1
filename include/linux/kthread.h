/* linux/kthread.h — kernel threads over ark's (ark/thread.h). kthread_create makes a stopped
 * thread named like printf, wake_up_process starts it, kthread_run does both; kthread_stop asks it
 * to stop (kthread_should_stop turns true, any sleep ends), waits for it and returns its result.
 * A thread that ends by itself (returning, kthread_exit) keeps its result for a later kthread_stop;
 * what no kthread_stop collected is freed at the module's unload. The threads belong to the
 * module whose code they run: its unload stops those still running, with a warning. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include "ark/sync.h"

struct completion;

/* The thread entry that runs in the module's code, so that the thread belongs to the module by
 * construction; kthread_exit jumps back here from anywhere in threadfn. */
static inline int __ark_kthread_entry(void *arg)
{
    struct task_struct *k = (struct task_struct *)arg;
    if (__builtin_setjmp(k->ark_exit_jmp))
        return (int)k->ark_exit_code;
    return k->ark_threadfn(k->ark_data);
}

struct task_struct *ark_linux_kthread_create(int (*entry)(void *), int (*threadfn)(void *data),
                                             void *data, const char *namefmt, ...) __printf(4, 5);
#define kthread_create(threadfn, data, namefmt, ...) \
    ark_linux_kthread_create(__ark_kthread_entry, threadfn, data, namefmt, ##__VA_ARGS__)
#define kthread_create_on_node(threadfn, data, node, namefmt, ...) \
    kthread_create(threadfn, data, namefmt, ##__VA_ARGS__)
#define kthread_create_on_cpu(threadfn, data, cpu, namefmt) kthread_create(threadfn, data, namefmt, cpu)
#define kthread_run(threadfn, data, namefmt, ...)                                           \
    ({                                                                                      \
        struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__);   \
        if (!IS_ERR(__k))                                                                   \
            wake_up_process(__k);                                                           \
        __k;                                                                                \
    })
int kthread_stop(struct task_struct *k);
int kthread_stop_put(struct task_struct *k);
bool kthread_should_stop(void);
/* Ends the calling kthread with result (what kthread_stop returns). */
void __noreturn kthread_exit(long result);
/* Completes comp, then ends the calling kthread: the way a module's exit can wait for a thread
 * that ends by itself. */
void __noreturn kthread_complete_and_exit(struct completion *comp, long result);
/* One CPU: binding has nothing to choose. */
static inline void kthread_bind(struct task_struct *k, unsigned int cpu) { (void)k; (void)cpu; }
static inline bool kthread_should_park(void) { return false; }
struct task_struct *ark_linux_kthread_task(void);
static inline void *kthread_data(struct task_struct *k) { return k->ark_data; }

/* ---- kthread workers: a thread of the module's own that runs work items one at a time, in the
 * order queued. kthread_create_worker starts one; kthread_run(kthread_worker_fn, worker, ...)
 * runs a worker the module set up with kthread_init_worker. */
struct kthread_work;
typedef void (*kthread_work_func_t)(struct kthread_work *work);

struct kthread_worker {
    spinlock_t lock;                   /* guards the list and the state of its items */
    struct list_head work_list;        /* queued items, oldest first */
    struct task_struct *task;
    struct kthread_work *current_work; /* running now */
    struct ark_wait_queue ark_done;    /* woken after each item */
    unsigned int flags;
    bool ark_allocated;                /* by kthread_create_worker: kthread_destroy_worker frees it */
};

struct kthread_work {
    struct list_head node;             /* in the worker's list while queued */
    kthread_work_func_t func;
    struct kthread_worker *worker;     /* the last worker it was queued on */
    int canceling;
};

struct kthread_delayed_work {
    struct kthread_work work;
    struct timer_list timer;
};

#define KTHREAD_WORKER_INIT(worker) \
    { __SPIN_LOCK_UNLOCKED((worker).lock), LIST_HEAD_INIT((worker).work_list), NULL, NULL, \
      ARK_WAIT_QUEUE_INIT((worker).ark_done), 0, false }
#define KTHREAD_WORK_INIT(work, fn) { LIST_HEAD_INIT((work).node), (fn), NULL, 0 }
#define DEFINE_KTHREAD_WORKER(worker) struct kthread_worker worker = KTHREAD_WORKER_INIT(worker)
#define DEFINE_KTHREAD_WORK(work, fn) struct kthread_work work = KTHREAD_WORK_INIT(work, fn)

void kthread_init_worker(struct kthread_worker *worker);
#define kthread_init_work(work, fn)                                                         \
    do {                                                                                    \
        INIT_LIST_HEAD(&(work)->node);                                                      \
        (work)->func = (fn);                                                                \
        (work)->worker = NULL;                                                              \
        (work)->canceling = 0;                                                              \
    } while (0)
void kthread_delayed_work_timer_fn(struct timer_list *t);
#define kthread_init_delayed_work(dwork, fn)                                                \
    do {                                                                                    \
        kthread_init_work(&(dwork)->work, (fn));                                            \
        timer_setup(&(dwork)->timer, kthread_delayed_work_timer_fn, TIMER_IRQSAFE);         \
    } while (0)

/* The worker thread's function: runs the items queued on worker until asked to stop. */
int kthread_worker_fn(void *worker_ptr);
struct kthread_worker *ark_linux_kthread_create_worker(int (*entry)(void *), unsigned int flags,
                                                       const char *namefmt, ...) __printf(3, 4);
#define kthread_create_worker(flags, namefmt, ...) \
    ark_linux_kthread_create_worker(__ark_kthread_entry, flags, namefmt, ##__VA_ARGS__)
#define kthread_create_worker_on_cpu(cpu, flags, namefmt, ...) \
    kthread_create_worker(flags, namefmt, ##__VA_ARGS__)
/* Queues work unless it is queued already (true when queued now). Any context. */
bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work);
/* Queues dwork after delay jiffies, unless it is pending. Any context. */
bool kthread_queue_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
                                unsigned long delay);
/* (Re)queues dwork after delay, whether it was pending or not: true if it was. */
bool kthread_mod_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
                              unsigned long delay);
/* Waits until work is neither queued nor running. */
void kthread_flush_work(struct kthread_work *work);
/* Waits until every item queued before the call has run. */
void kthread_flush_worker(struct kthread_worker *worker);
/* Takes work off its worker and waits for it to finish if it runs: true if it was queued. */
bool kthread_cancel_work_sync(struct kthread_work *work);
bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *dwork);
/* Flushes worker, stops its thread and frees what kthread_create_worker allocated. */
void kthread_destroy_worker(struct kthread_worker *worker);
#endif
