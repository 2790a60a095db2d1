/* linux/wait.h — wait queues over ark's (ark/sync.h). wait_event* sleep until their condition
 * holds, re-checked after every wake-up; wake_up* wake every waiter, which then re-checks (so
 * wake_up and wake_up_all differ only for exclusive waiters, which ark does not have).
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
#include "ark/sync.h"

struct wait_queue_head {
    struct ark_wait_queue ark;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { ARK_WAIT_QUEUE_INIT((name).ark) }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_WAIT_QUEUE_HEAD(name)
static inline void init_waitqueue_head(wait_queue_head_t *wq) { ark_wait_queue_init(&wq->ark); }

/* A sleeper's entry for the open-coded wait: DEFINE_WAIT, then prepare_to_wait (queues it, once,
 * and sets the task state), the condition check, schedule(), and finish_wait at the end. */
struct wait_queue_entry {
    struct ark_wait_entry ark;
    unsigned int flags;
};
typedef struct wait_queue_entry wait_queue_entry_t;
#define DEFINE_WAIT(name) struct wait_queue_entry name = { { { 0, 0 }, 0, false }, 0 }
#define DEFINE_WAIT_FUNC(name, function) DEFINE_WAIT(name)
static inline void init_wait(struct wait_queue_entry *e)
{
    e->ark.link.next = e->ark.link.prev = 0;
    e->ark.thread = 0;
    e->ark.queued = false;
    e->flags = 0;
}
void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *e, int state);
/* ark has no exclusive waiters: every waiter is woken and re-checks. */
#define prepare_to_wait_exclusive(wq, e, state) prepare_to_wait(wq, e, state)
/* As prepare_to_wait; -ERESTARTSYS instead when an interruptible sleep has a kill pending. */
long prepare_to_wait_event(wait_queue_head_t *wq, struct wait_queue_entry *e, int state);
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *e);

#define wake_up(wq)                    ark_wake_up_all(&(wq)->ark)
#define wake_up_all(wq)                ark_wake_up_all(&(wq)->ark)
#define wake_up_nr(wq, nr)             ark_wake_up_all(&(wq)->ark)
#define wake_up_interruptible(wq)      ark_wake_up_all(&(wq)->ark)
#define wake_up_interruptible_all(wq)  ark_wake_up_all(&(wq)->ark)
#define wake_up_interruptible_sync(wq) ark_wake_up_all(&(wq)->ark)
#define wake_up_locked(wq)             ark_wake_up_all(&(wq)->ark)
static inline int waitqueue_active(wait_queue_head_t *wq) { return ark_wait_queue_active(&wq->ark); }
static inline bool wq_has_sleeper(wait_queue_head_t *wq) { return ark_wait_queue_active(&wq->ark); }

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
