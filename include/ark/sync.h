/* ark/sync.h — locks and waiting, for the kernel and for modules: spinlocks, sleeping mutexes,
 * wait queues and completions.
 *
 * The locking discipline (it holds on one CPU today and is meant to hold unchanged on several):
 *  1. Contexts. Interrupt context (IRQ handlers, timer callbacks) never sleeps: it may take only
 *     spinlocks with the _irqsave calls and may wake waiters, complete completions and queue work.
 *     Thread context (system calls, kernel threads, work items, module init and exit, device and
 *     /proc callbacks) may sleep unless it holds a spinlock.
 *  2. Spinlocks protect short critical sections. ark_spin_lock_irqsave also masks interrupts on
 *     this CPU, so data shared with interrupt context must be taken with it; plain ark_spin_lock
 *     only stops preemption and is for data never touched from interrupts. Never sleep, call
 *     anything that may sleep, or take a mutex while holding a spinlock. Recursion on a spinlock
 *     is a bug (the kernel panics rather than hang).
 *  3. Mutexes are sleeping locks for longer sections in thread context. The holder may sleep
 *     (wait for I/O, msleep, take another mutex). Only the holder unlocks; recursion is a bug.
 *     Nest mutexes in one global order; the kernel's module lock (loads and unloads) is outermost.
 *  4. Wait queues: ark_wait_event(wq, condition) sleeps until the condition holds; whoever makes it
 *     true calls ark_wake_up/ark_wake_up_all afterwards. The condition is re-checked after every
 *     wake-up, so spurious wake-ups are harmless and waking is always safe. Conditions must not
 *     sleep.
 *  5. The kernel's own file system, process and module tables are guarded by the kernel lock, a
 *     sleeping lock the kernel takes around every system call, kernel-thread body and work item
 *     and that every sleep in this header gives up while asleep and takes back on waking (as does
 *     a preemption while the thread runs module code, not kernel code). Code in
 *     thread context therefore never waits for the kernel lock while holding it elsewhere, and the
 *     kernel lock can be in no deadlock cycle; it serialises kernel data, not module data: a
 *     module's threads, callbacks and interrupt handlers still need this header's locks between
 *     each other (their code sleeps and is preempted).
 * Everything here may be embedded in module memory and initialised statically
 * (ARK_*_INIT(name)) or at run time (ark_*_init). */
#ifndef ARK_SYNC_H
#define ARK_SYNC_H

#include "ark/types.h"

/* A doubly linked list node; an empty list points at itself. */
struct ark_list {
    struct ark_list *next, *prev;
};
#define ARK_LIST_INIT(name) { &(name), &(name) }

/* ---- spinlocks ---- */
typedef struct ark_spinlock {
    volatile uint32_t locked;
    void *owner;                       /* the thread holding it (for the recursion check) */
} ark_spinlock_t;
#define ARK_SPINLOCK_INIT { 0, 0 }

void ark_spin_init(ark_spinlock_t *l);
void ark_spin_lock(ark_spinlock_t *l);               /* no preemption until unlock */
void ark_spin_unlock(ark_spinlock_t *l);
unsigned long ark_spin_lock_irqsave(ark_spinlock_t *l);        /* also masks interrupts */
void ark_spin_unlock_irqrestore(ark_spinlock_t *l, unsigned long flags);

/* ---- wait queues ---- */
struct ark_wait_queue {
    ark_spinlock_t lock;
    struct ark_list waiters;           /* struct ark_wait_entry, oldest first */
};
#define ARK_WAIT_QUEUE_INIT(name) { ARK_SPINLOCK_INIT, ARK_LIST_INIT((name).waiters) }

/* One sleeper's place in a queue, on its stack (the ark_wait_event macros declare it). */
struct ark_wait_entry {
    struct ark_list link;
    void *thread;
    bool queued;
};

void ark_wait_queue_init(struct ark_wait_queue *wq);
void ark_wake_up(struct ark_wait_queue *wq);          /* wakes the oldest sleeper */
void ark_wake_up_all(struct ark_wait_queue *wq);
bool ark_wait_queue_active(struct ark_wait_queue *wq);  /* someone is sleeping on it */

/* The steps of the ark_wait_event macros. prepare queues the caller (once) and marks it asleep
 * (killable: a kill signal wakes it too); sleep gives up the CPU until a wake-up or, if
 * timeout_ms >= 0, until that many milliseconds passed, and returns the milliseconds left (0 when
 * the time ran out); finish takes the caller off the queue and marks it running. */
#define ARK_WAIT_FOREVER (-1L)
#define ARK_WAIT_KILLABLE 1u
void ark_wait_prepare(struct ark_wait_queue *wq, struct ark_wait_entry *e, unsigned flags);
long ark_wait_sleep(long timeout_ms);
void ark_wait_finish(struct ark_wait_queue *wq, struct ark_wait_entry *e);
/* The calling thread belongs to a process that has been told to die (kill, Ctrl-C). */
bool ark_fatal_signal_pending(void);

/* Sleeps until cond is true. */
#define ark_wait_event(wq, cond)                                                            \
    do {                                                                                    \
        struct ark_wait_entry __ark_we = { { 0, 0 }, 0, false };                            \
        if (cond)                                                                           \
            break;                                                                          \
        for (;;) {                                                                          \
            ark_wait_prepare((wq), &__ark_we, 0);                                           \
            if (cond)                                                                       \
                break;                                                                      \
            ark_wait_sleep(ARK_WAIT_FOREVER);                                               \
        }                                                                                   \
        ark_wait_finish((wq), &__ark_we);                                                   \
    } while (0)

/* Sleeps until cond is true or the process is killed: 0, or -4 (-EINTR) when killed. */
#define ark_wait_event_killable(wq, cond)                                                   \
    ({                                                                                      \
        int __ark_rc = 0;                                                                   \
        struct ark_wait_entry __ark_we = { { 0, 0 }, 0, false };                            \
        if (!(cond)) {                                                                      \
            for (;;) {                                                                      \
                ark_wait_prepare((wq), &__ark_we, ARK_WAIT_KILLABLE);                       \
                if (cond)                                                                   \
                    break;                                                                  \
                if (ark_fatal_signal_pending()) {                                           \
                    __ark_rc = -4;                                                          \
                    break;                                                                  \
                }                                                                           \
                ark_wait_sleep(ARK_WAIT_FOREVER);                                           \
            }                                                                               \
            ark_wait_finish((wq), &__ark_we);                                               \
        }                                                                                   \
        __ark_rc;                                                                           \
    })

/* Sleeps until cond is true or ms milliseconds passed: 0 if the time ran out with cond false,
 * else the milliseconds left (at least 1). */
#define ark_wait_event_timeout(wq, cond, ms)                                                \
    ({                                                                                      \
        long __ark_left = (long)(ms);                                                       \
        struct ark_wait_entry __ark_we = { { 0, 0 }, 0, false };                            \
        if (cond) {                                                                         \
            if (__ark_left < 1)                                                             \
                __ark_left = 1;                                                             \
        } else {                                                                            \
            for (;;) {                                                                      \
                ark_wait_prepare((wq), &__ark_we, 0);                                       \
                if (cond) {                                                                 \
                    if (__ark_left < 1)                                                     \
                        __ark_left = 1;                                                     \
                    break;                                                                  \
                }                                                                           \
                if (__ark_left <= 0) {                                                      \
                    __ark_left = 0;                                                         \
                    break;                                                                  \
                }                                                                           \
                __ark_left = ark_wait_sleep(__ark_left);                                    \
            }                                                                               \
            ark_wait_finish((wq), &__ark_we);                                               \
        }                                                                                   \
        __ark_left;                                                                         \
    })

/* ---- mutexes ---- */
struct ark_mutex {
    ark_spinlock_t lock;               /* guards owner and the queue */
    void *owner;                       /* holding thread, NULL when free */
    struct ark_wait_queue waiters;
};
#define ARK_MUTEX_INIT(name) { ARK_SPINLOCK_INIT, 0, ARK_WAIT_QUEUE_INIT((name).waiters) }

void ark_mutex_init(struct ark_mutex *m);
void ark_mutex_lock(struct ark_mutex *m);
int  ark_mutex_lock_killable(struct ark_mutex *m);   /* 0, or -EINTR when the process is killed */
bool ark_mutex_trylock(struct ark_mutex *m);          /* true when taken */
void ark_mutex_unlock(struct ark_mutex *m);
bool ark_mutex_is_locked(struct ark_mutex *m);
bool ark_mutex_held_by_me(struct ark_mutex *m);

/* ---- completions: "this has happened", counted ---- */
struct ark_completion {
    uint32_t done;                     /* completions not yet consumed; UINT32_MAX: complete_all */
    struct ark_wait_queue wait;
};
#define ARK_COMPLETION_INIT(name) { 0, ARK_WAIT_QUEUE_INIT((name).wait) }

void ark_completion_init(struct ark_completion *c);
void ark_complete(struct ark_completion *c);          /* releases one waiter (now or later) */
void ark_complete_all(struct ark_completion *c);      /* releases every waiter, now and later */
void ark_wait_for_completion(struct ark_completion *c);
/* Consumes one completion if one is there, without waiting: true if it did. */
bool ark_try_wait_for_completion(struct ark_completion *c);
/* 0 if ms passed without a completion, else the milliseconds left (at least 1). */
long ark_wait_for_completion_timeout(struct ark_completion *c, long ms);
void ark_completion_reinit(struct ark_completion *c);

#endif
