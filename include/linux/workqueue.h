/* linux/workqueue.h — work items and work queues over ark's kernel worker (ark/workqueue.h).
 * Every queue, the system ones and those from alloc_workqueue, hands its items to that worker,
 * which runs them one at a time in thread context in the order they were queued; a queue keeps
 * count of its items so that flush_workqueue and destroy_workqueue wait for exactly its own.
 * Delayed work is a timer that queues the item when it fires. Items and queues belong to the
 * module that made them: its unload cancels what is pending and waits for what runs. */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/atomic.h>
#include <linux/timer.h>
#include "ark/workqueue.h"

struct work_struct;
struct workqueue_struct;           /* opaque */
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
    struct ark_work ark;
    work_func_t func;
    struct workqueue_struct *ark_wq;   /* the queue it was last queued on */
};

struct delayed_work {
    struct work_struct work;
    struct timer_list timer;
    struct workqueue_struct *wq;
    int cpu;
};

/* Called by the item's entry once its function returned (the item may be gone by then). */
void ark_linux_work_done(struct workqueue_struct *wq);

/* The entry in the module's code, so that the item belongs to the module by construction. */
static inline void __ark_work_entry(struct ark_work *w)
{
    struct work_struct *work = container_of(w, struct work_struct, ark);
    struct workqueue_struct *wq = work->ark_wq;
    work->func(work);
    ark_linux_work_done(wq);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
static inline bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
    (void)cpu;
    return queue_work(wq, work);
}

static inline void __ark_delayed_work_timer(struct timer_list *t)
{
    struct delayed_work *dw = container_of(t, struct delayed_work, timer);
    queue_work(dw->wq, &dw->work);
}

#define __WORK_INITIALIZER(n, f) { ARK_WORK_INIT((n).ark, __ark_work_entry), (f), NULL }
#define __DELAYED_WORK_INITIALIZER(n, f, tflags) \
    { __WORK_INITIALIZER((n).work, (f)), __TIMER_INITIALIZER(__ark_delayed_work_timer, (tflags)), NULL, 0 }
#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f) struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f) struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)

static inline void __ark_init_work(struct work_struct *work, work_func_t func)
{
    ark_work_init(&work->ark, __ark_work_entry);
    work->func = func;
    work->ark_wq = NULL;
}
#define INIT_WORK(w, f)         __ark_init_work((w), (f))
#define INIT_WORK_ONSTACK(w, f) __ark_init_work((w), (f))
#define PREPARE_WORK(w, f)      ((w)->func = (f))
#define INIT_DELAYED_WORK(dw, f)                                                            \
    do {                                                                                    \
        __ark_init_work(&(dw)->work, (f));                                                  \
        timer_setup(&(dw)->timer, __ark_delayed_work_timer, 0);                             \
        (dw)->wq = NULL;                                                                    \
        (dw)->cpu = 0;                                                                      \
    } while (0)
#define INIT_DEFERRABLE_WORK(dw, f) INIT_DELAYED_WORK(dw, f)
static inline void destroy_work_on_stack(struct work_struct *w) { (void)w; }
static inline void destroy_delayed_work_on_stack(struct delayed_work *dw) { (void)dw; }
static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
    return container_of(work, struct delayed_work, work);
}
#define work_pending(w)          ark_work_pending(&(w)->ark)
#define delayed_work_pending(dw) (timer_pending(&(dw)->timer) || work_pending(&(dw)->work))

/* Queue flags are accepted for source compatibility; every queue runs on the one worker. */
#define WQ_UNBOUND        (1 << 1)
#define WQ_FREEZABLE      (1 << 2)
#define WQ_MEM_RECLAIM    (1 << 3)
#define WQ_HIGHPRI        (1 << 4)
#define WQ_CPU_INTENSIVE  (1 << 5)
#define WQ_SYSFS          (1 << 6)
#define WQ_POWER_EFFICIENT (1 << 7)
#define __WQ_ORDERED      (1 << 17)
#define WQ_MAX_ACTIVE     512
#define WQ_DFL_ACTIVE     (WQ_MAX_ACTIVE / 2)

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;

/* NULL when out of memory. */
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
    __printf(1, 4);
#define alloc_ordered_workqueue(fmt, flags, ...) \
    alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | (flags), 1, ##__VA_ARGS__)
#define create_workqueue(name)             alloc_workqueue("%s", WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name)   alloc_workqueue("%s", WQ_FREEZABLE | WQ_UNBOUND | WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, (name))
/* Waits for every item queued on wq so far (and any they queue on it) to finish. */
void flush_workqueue(struct workqueue_struct *wq);
#define drain_workqueue(wq) flush_workqueue(wq)
/* Flushes wq, then frees it. */
void destroy_workqueue(struct workqueue_struct *wq);
static inline bool schedule_work(struct work_struct *w) { return queue_work(system_wq, w); }
static inline bool schedule_work_on(int cpu, struct work_struct *w) { return queue_work_on(cpu, system_wq, w); }
#define flush_scheduled_work() flush_workqueue(system_wq)

/* Waits until work is neither pending nor running: true if it waited for something. */
bool flush_work(struct work_struct *work);
/* Takes work off its queue if pending and waits for it to finish if running: true if it was pending. */
bool cancel_work_sync(struct work_struct *work);

bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw, unsigned long delay);
static inline bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dw,
                                         unsigned long delay)
{
    (void)cpu;
    return queue_delayed_work(wq, dw, delay);
}
/* Re-times dw (or queues it if idle): true if it was pending. */
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw, unsigned long delay);
static inline bool schedule_delayed_work(struct delayed_work *dw, unsigned long delay)
{
    return queue_delayed_work(system_wq, dw, delay);
}
/* Stops dw's timer: true if it was waiting for it (an item already queued stays queued). */
bool cancel_delayed_work(struct delayed_work *dw);
bool cancel_delayed_work_sync(struct delayed_work *dw);
/* Queues dw now if its timer is waiting, then waits for it. */
bool flush_delayed_work(struct delayed_work *dw);
#endif
