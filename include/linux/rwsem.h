/* linux/rwsem.h — reader-writer semaphores: sleeping locks held by any number of readers or one
 * writer, thread context only. A waiting writer keeps new readers out, so writers are not starved.
 * Built on ark's spinlocks and wait queues. */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include "ark/sync.h"

struct rw_semaphore {
    ark_spinlock_t lock;
    int count;                         /* readers holding it; -1: a writer */
    unsigned int writers_waiting;
    struct ark_wait_queue wait;
};

#define __RWSEM_INITIALIZER(name) { ARK_SPINLOCK_INIT, 0, 0, ARK_WAIT_QUEUE_INIT((name).wait) }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

static inline void init_rwsem(struct rw_semaphore *s)
{
    ark_spin_init(&s->lock);
    s->count = 0;
    s->writers_waiting = 0;
    ark_wait_queue_init(&s->wait);
}

static inline bool __ark_rwsem_read_take(struct rw_semaphore *s)
{
    unsigned long f = ark_spin_lock_irqsave(&s->lock);
    bool taken = s->count >= 0 && !s->writers_waiting;
    if (taken)
        s->count++;
    ark_spin_unlock_irqrestore(&s->lock, f);
    return taken;
}

/* waiting: the caller is counted in writers_waiting, and stops being counted when it takes it. */
static inline bool __ark_rwsem_write_take(struct rw_semaphore *s, bool waiting)
{
    unsigned long f = ark_spin_lock_irqsave(&s->lock);
    bool taken = s->count == 0;
    if (taken) {
        s->count = -1;
        if (waiting)
            s->writers_waiting--;
    }
    ark_spin_unlock_irqrestore(&s->lock, f);
    return taken;
}

static inline void down_read(struct rw_semaphore *s) { ark_wait_event(&s->wait, __ark_rwsem_read_take(s)); }
static inline int down_read_killable(struct rw_semaphore *s)
{
    return ark_wait_event_killable(&s->wait, __ark_rwsem_read_take(s));
}
#define down_read_interruptible(s) down_read_killable(s)
/* 1 when taken, 0 when not (as on Linux). */
static inline int down_read_trylock(struct rw_semaphore *s) { return __ark_rwsem_read_take(s) ? 1 : 0; }
static inline void up_read(struct rw_semaphore *s)
{
    unsigned long f = ark_spin_lock_irqsave(&s->lock);
    bool last = --s->count == 0;
    ark_spin_unlock_irqrestore(&s->lock, f);
    if (last)
        ark_wake_up_all(&s->wait);
}

static inline void down_write(struct rw_semaphore *s)
{
    if (__ark_rwsem_write_take(s, false))
        return;
    unsigned long f = ark_spin_lock_irqsave(&s->lock);
    s->writers_waiting++;
    ark_spin_unlock_irqrestore(&s->lock, f);
    ark_wait_event(&s->wait, __ark_rwsem_write_take(s, true));
}
static inline int down_write_trylock(struct rw_semaphore *s) { return __ark_rwsem_write_take(s, false) ? 1 : 0; }
static inline void up_write(struct rw_semaphore *s)
{
    unsigned long f = ark_spin_lock_irqsave(&s->lock);
    s->count = 0;
    ark_spin_unlock_irqrestore(&s->lock, f);
    ark_wake_up_all(&s->wait);
}
/* The writer becomes a reader without letting another writer in between. */
static inline void downgrade_write(struct rw_semaphore *s)
{
    unsigned long f = ark_spin_lock_irqsave(&s->lock);
    s->count = 1;
    ark_spin_unlock_irqrestore(&s->lock, f);
    ark_wake_up_all(&s->wait);
}
static inline int rwsem_is_locked(struct rw_semaphore *s) { return READ_ONCE(s->count) != 0; }
#define down_read_nested(s, subclass)  down_read(s)
#define down_write_nested(s, subclass) down_write(s)
#endif
