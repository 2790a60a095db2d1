/* linux/semaphore.h — counting semaphores: down takes one unit of the count, sleeping while it is
 * 0; up gives one back and wakes a sleeper. Thread context for the sleeping forms; up and
 * down_trylock may be called from any context. Built on ark's spinlocks and wait queues. */
#ifndef _LINUX_SEMAPHORE_H
#define _LINUX_SEMAPHORE_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include "ark/sync.h"

struct semaphore {
    ark_spinlock_t lock;
    unsigned int count;
    struct ark_wait_queue wait;
};

#define __SEMAPHORE_INITIALIZER(name, n) { ARK_SPINLOCK_INIT, (n), ARK_WAIT_QUEUE_INIT((name).wait) }
#define DEFINE_SEMAPHORE(name, n) struct semaphore name = __SEMAPHORE_INITIALIZER(name, n)

static inline void sema_init(struct semaphore *sem, int val)
{
    ark_spin_init(&sem->lock);
    sem->count = (unsigned int)val;
    ark_wait_queue_init(&sem->wait);
}

/* Takes a unit if there is one. */
static inline bool __ark_sem_take(struct semaphore *sem)
{
    unsigned long f = ark_spin_lock_irqsave(&sem->lock);
    bool taken = sem->count > 0;
    if (taken)
        sem->count--;
    ark_spin_unlock_irqrestore(&sem->lock, f);
    return taken;
}

static inline void down(struct semaphore *sem) { ark_wait_event(&sem->wait, __ark_sem_take(sem)); }
/* 0, or -EINTR when the process is killed while waiting (ark's only signal to kernel code). */
static inline int __must_check down_interruptible(struct semaphore *sem)
{
    return ark_wait_event_killable(&sem->wait, __ark_sem_take(sem));
}
static inline int __must_check down_killable(struct semaphore *sem) { return down_interruptible(sem); }
/* 0 when taken; 1 when the count is 0 (the opposite of mutex_trylock, as on Linux). */
static inline int __must_check down_trylock(struct semaphore *sem) { return __ark_sem_take(sem) ? 0 : 1; }
/* 0, or -ETIME when timeout jiffies (milliseconds) passed first. */
static inline int __must_check down_timeout(struct semaphore *sem, long timeout)
{
    return ark_wait_event_timeout(&sem->wait, __ark_sem_take(sem), timeout) ? 0 : -ETIME;
}
static inline void up(struct semaphore *sem)
{
    unsigned long f = ark_spin_lock_irqsave(&sem->lock);
    sem->count++;
    ark_spin_unlock_irqrestore(&sem->lock, f);
    ark_wake_up(&sem->wait);
}
#endif
