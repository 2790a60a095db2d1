/* linux/wait.h — wait queues. wait_event* sleep until their condition holds, re-checked after
 * every wake-up, on ark's own queue (ark/sync.h) inside the head; entries a module queues itself
 * (prepare_to_wait, add_wait_queue, a custom wake function) are Linux's: each has a wake function,
 * which wake_up* call in order, stopping after the given number of exclusive entries (one for
 * wake_up, none for wake_up_all), then wake every wait_event sleeper, which re-checks.
 * Timeouts are in jiffies; the _interruptible and _killable forms return -ERESTARTSYS when the
 * process is killed (ark delivers no other signal to kernel code). */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/wait.h>
#else
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include "ark/sync.h"

struct wait_queue_head {
    struct ark_wait_queue ark;         /* wait_event sleepers and pollers; its lock guards head */
    struct list_head head;             /* struct wait_queue_entry, in wake-up order */
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { ARK_WAIT_QUEUE_INIT((name).ark), LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_WAIT_QUEUE_HEAD(name)
static inline void init_waitqueue_head(wait_queue_head_t *wq)
{
    ark_wait_queue_init(&wq->ark);
    INIT_LIST_HEAD(&wq->head);
}

struct wait_queue_entry;
/* Called by a wake-up with the queue's lock held (any context): non-zero when it woke someone. */
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);

#define WQ_FLAG_EXCLUSIVE 0x01         /* a wake-up stops after as many of these as it was asked */
#define WQ_FLAG_WOKEN     0x02         /* woken_wake_function ran since wait_woken last slept */

struct wait_queue_entry {
    unsigned int flags;
    void *private;                     /* the task to wake, for the kernel's wake functions */
    wait_queue_func_t func;
    struct list_head entry;            /* in the head's list; empty (pointing at itself) when not */
    void *ark_owner;                   /* the module whose func this is (ark's bookkeeping) */
};
typedef struct wait_queue_entry wait_queue_entry_t;

/* The wake functions Linux provides: wake the task if it sleeps in a state mode includes;
 * autoremove also takes the entry off the queue; woken also marks it WQ_FLAG_WOKEN. */
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);

#define __WAITQUEUE_INITIALIZER(name, tsk) \
    { 0, (tsk), default_wake_function, LIST_HEAD_INIT((name).entry), 0 }
#define DECLARE_WAITQUEUE(name, tsk) struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)
#define DEFINE_WAIT_FUNC(name, function) \
    struct wait_queue_entry name = { 0, current, (function), LIST_HEAD_INIT((name).entry), 0 }
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)
static inline void init_wait_entry(struct wait_queue_entry *e, int flags)
{
    e->flags = (unsigned int)flags;
    e->private = current;
    e->func = autoremove_wake_function;
    e->ark_owner = 0;
    INIT_LIST_HEAD(&e->entry);
}
#define init_wait(e) init_wait_entry(e, 0)
static inline void init_waitqueue_entry(struct wait_queue_entry *e, struct task_struct *p)
{
    e->flags = 0;
    e->private = p;
    e->func = default_wake_function;
    e->ark_owner = 0;
    INIT_LIST_HEAD(&e->entry);
}
static inline void init_waitqueue_func_entry(struct wait_queue_entry *e, wait_queue_func_t func)
{
    e->flags = 0;
    e->private = 0;
    e->func = func;
    e->ark_owner = 0;
    INIT_LIST_HEAD(&e->entry);
}

/* Queues e (at the front; the _exclusive forms at the back, marked exclusive) until
 * remove_wait_queue: a wake-up runs its function but leaves it queued. */
void add_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *e);
void add_wait_queue_exclusive(wait_queue_head_t *wq, struct wait_queue_entry *e);
void add_wait_queue_priority(wait_queue_head_t *wq, struct wait_queue_entry *e);
void remove_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *e);
/* The open-coded wait: DEFINE_WAIT, then prepare_to_wait (queues it if it is not, and sets the
 * task state), the condition check, schedule(), and finish_wait at the end. */
void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *e, int state);
bool prepare_to_wait_exclusive(wait_queue_head_t *wq, struct wait_queue_entry *e, int state);
/* As prepare_to_wait; -ERESTARTSYS instead when an interruptible sleep has a kill pending. */
long prepare_to_wait_event(wait_queue_head_t *wq, struct wait_queue_entry *e, int state);
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *e);
/* Sleeps in state mode for up to timeout jiffies unless woken_wake_function ran since the last
 * call: the jiffies left. */
long wait_woken(struct wait_queue_entry *e, unsigned int mode, long timeout);

/* Runs the entries' wake functions, stopping after nr_exclusive exclusive ones that woke someone
 * (0: no limit), then wakes every wait_event sleeper and poller. Any context. */
void __wake_up(wait_queue_head_t *wq, unsigned int mode, int nr_exclusive, void *key);
#define wake_up(wq)                    __wake_up(wq, TASK_NORMAL, 1, NULL)
#define wake_up_all(wq)                __wake_up(wq, TASK_NORMAL, 0, NULL)
#define wake_up_nr(wq, nr)             __wake_up(wq, TASK_NORMAL, nr, NULL)
#define wake_up_interruptible(wq)      __wake_up(wq, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(wq, nr) __wake_up(wq, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(wq)  __wake_up(wq, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_sync(wq) __wake_up(wq, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_locked(wq)             __wake_up(wq, TASK_NORMAL, 1, NULL)
#define wake_up_poll(wq, m)            __wake_up(wq, TASK_NORMAL, 1, (void *)(unsigned long)(m))
#define wake_up_interruptible_poll(wq, m) __wake_up(wq, TASK_INTERRUPTIBLE, 1, (void *)(unsigned long)(m))
#define poll_to_key(m)                 ((void *)(unsigned long)(m))
#define key_to_poll(k)                 ((__poll_t)(unsigned long)(k))
int ark_linux_waitqueue_active(wait_queue_head_t *wq);
static inline int waitqueue_active(wait_queue_head_t *wq) { return ark_linux_waitqueue_active(wq); }
static inline bool wq_has_sleeper(wait_queue_head_t *wq)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return ark_linux_waitqueue_active(wq) != 0;
}

#define wait_event(wq, condition) ark_wait_event(&(wq).ark, condition)
#define wait_event_idle(wq, condition) ark_wait_event(&(wq).ark, condition)

/* The jiffies left (at least 1) once condition holds, 0 if timeout ran out with it false. */
#define wait_event_timeout(wq, condition, timeout)                                          \
    ({                                                                                      \
        long __t = (long)(timeout), __r = __t;                                              \
        if (__t >= MAX_SCHEDULE_TIMEOUT)                                                    \
            ark_wait_event(&(wq).ark, condition);                                           \
        else                                                                                \
            __r = ark_wait_event_timeout(&(wq).ark, condition, __t);                        \
        __r;                                                                                \
    })
#define wait_event_idle_timeout(wq, condition, timeout) wait_event_timeout(wq, condition, timeout)

/* The killable sleep with an optional timeout (< 0: none) under the _interruptible forms:
 * the milliseconds left (at least 1) when condition holds, 0 on timeout, -ERESTARTSYS when
 * killed. */
#define __ark_wait_event_killable_timeout(wq, condition, timeout)                           \
    ({                                                                                      \
        long __ark_left = (long)(timeout);                                                  \
        struct ark_wait_entry __ark_we = { { 0, 0 }, 0, false };                            \
        if (condition) {                                                                    \
            if (__ark_left < 1)                                                             \
                __ark_left = 1;                                                             \
        } else {                                                                            \
            for (;;) {                                                                      \
                ark_wait_prepare(&(wq).ark, &__ark_we, ARK_WAIT_KILLABLE);                  \
                if (condition) {                                                            \
                    if (__ark_left < 1)                                                     \
                        __ark_left = 1;                                                     \
                    break;                                                                  \
                }                                                                           \
                if (ark_fatal_signal_pending()) {                                           \
                    __ark_left = -ERESTARTSYS;                                              \
                    break;                                                                  \
                }                                                                           \
                if (__ark_left == 0) {                                                      \
                    break;                                                                  \
                }                                                                           \
                __ark_left = ark_wait_sleep(__ark_left < 0 ? ARK_WAIT_FOREVER : __ark_left); \
                if (__ark_left == ARK_WAIT_FOREVER)                                         \
                    __ark_left = -1;                                                        \
            }                                                                               \
            ark_wait_finish(&(wq).ark, &__ark_we);                                          \
        }                                                                                   \
        __ark_left;                                                                         \
    })

/* 0 once condition holds, -ERESTARTSYS when killed. */
#define wait_event_interruptible(wq, condition)                                             \
    ({                                                                                      \
        long __r = __ark_wait_event_killable_timeout(wq, condition, -1);                    \
        __r < 0 && __r != -1 ? (int)__r : 0;                                                \
    })
#define wait_event_killable(wq, condition) wait_event_interruptible(wq, condition)
#define wait_event_interruptible_exclusive(wq, condition) wait_event_interruptible(wq, condition)
/* The jiffies left (at least 1) once condition holds, 0 on timeout, -ERESTARTSYS when killed. */
#define wait_event_interruptible_timeout(wq, condition, timeout)                            \
    ({                                                                                      \
        long __t = (long)(timeout);                                                         \
        long __r = __ark_wait_event_killable_timeout(wq, condition,                         \
                                                     __t >= MAX_SCHEDULE_TIMEOUT ? -1 : __t); \
        __r == -1 ? __t : __r;                                                              \
    })
#define wait_event_killable_timeout(wq, condition, timeout) \
    wait_event_interruptible_timeout(wq, condition, timeout)

/* wait_event with the caller's spinlock (taken with spin_lock_irq) dropped while asleep. */
#define wait_event_interruptible_lock_irq(wq, condition, lock)                              \
    ({                                                                                      \
        int __rc = 0;                                                                       \
        while (!(condition)) {                                                              \
            spin_unlock_irq(&(lock));                                                       \
            __rc = wait_event_interruptible(wq, condition);                                 \
            spin_lock_irq(&(lock));                                                         \
            if (__rc)                                                                       \
                break;                                                                      \
        }                                                                                   \
        __rc;                                                                               \
    })
#define wait_event_lock_irq(wq, condition, lock)                                            \
    do {                                                                                    \
        while (!(condition)) {                                                              \
            spin_unlock_irq(&(lock));                                                       \
            wait_event(wq, condition);                                                      \
            spin_lock_irq(&(lock));                                                         \
        }                                                                                   \
    } while (0)
#endif
#endif
