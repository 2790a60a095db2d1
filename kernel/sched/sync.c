/* sync.c — the primitives of ark/sync.h: spinlocks (an atomic exchange plus masked interrupts or
 * disabled preemption), wait queues, mutexes and completions built on the scheduler's sleep and
 * wake-up. Exported to modules. */
#include "sched.h"
#include "cpu.h"
#include "proc.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"

/* ---- spinlocks ---- */

void ark_spin_init(ark_spinlock_t *l)
{
    l->locked = 0;
    l->owner = NULL;
}
KERNEL_EXPORT(ark_spin_init);

static void spin_acquire(ark_spinlock_t *l)
{
    while (__atomic_exchange_n(&l->locked, 1u, __ATOMIC_ACQUIRE)) {
        /* With one CPU, a taken lock can only be held by this CPU's own interrupted or
         * recursing code: waiting would never end. */
        panic("spinlock %p: already held by %s (recursion, or taken from an interrupt without "
              "_irqsave)", (void *)l, l->owner == sched_current() ? "this thread" : "another context");
    }
    l->owner = sched_current();
}

static void spin_release(ark_spinlock_t *l)
{
    l->owner = NULL;
    __atomic_store_n(&l->locked, 0u, __ATOMIC_RELEASE);
}

void ark_spin_lock(ark_spinlock_t *l)
{
    sched_preempt_disable();
    spin_acquire(l);
}
KERNEL_EXPORT(ark_spin_lock);

void ark_spin_unlock(ark_spinlock_t *l)
{
    spin_release(l);
    sched_preempt_enable();
}
KERNEL_EXPORT(ark_spin_unlock);

unsigned long ark_spin_lock_irqsave(ark_spinlock_t *l)
{
    uint32_t flags = irq_save();
    spin_acquire(l);
    return flags;
}
KERNEL_EXPORT(ark_spin_lock_irqsave);

void ark_spin_unlock_irqrestore(ark_spinlock_t *l, unsigned long flags)
{
    spin_release(l);
    irq_restore((uint32_t)flags);
}
KERNEL_EXPORT(ark_spin_unlock_irqrestore);

/* ---- wait queues ---- */

static void entry_unlink(struct ark_wait_entry *e)
{
    e->link.prev->next = e->link.next;
    e->link.next->prev = e->link.prev;
    e->link.next = e->link.prev = &e->link;
    e->queued = false;
}

void ark_wait_queue_init(struct ark_wait_queue *wq)
{
    ark_spin_init(&wq->lock);
    wq->waiters.next = wq->waiters.prev = &wq->waiters;
}
KERNEL_EXPORT(ark_wait_queue_init);

/* Wakes the oldest sleeper, or all; with wq->lock held. */
static void wake_locked(struct ark_wait_queue *wq, bool all)
{
    while (wq->waiters.next != &wq->waiters) {
        struct ark_wait_entry *e = (struct ark_wait_entry *)wq->waiters.next;
        entry_unlink(e);
        sched_wakeup(e->thread);
        if (!all)
            break;
    }
}

void ark_wake_up(struct ark_wait_queue *wq)
{
    unsigned long flags = ark_spin_lock_irqsave(&wq->lock);
    wake_locked(wq, false);
    ark_spin_unlock_irqrestore(&wq->lock, flags);
}
KERNEL_EXPORT(ark_wake_up);

void ark_wake_up_all(struct ark_wait_queue *wq)
{
    unsigned long flags = ark_spin_lock_irqsave(&wq->lock);
    wake_locked(wq, true);
    ark_spin_unlock_irqrestore(&wq->lock, flags);
}
KERNEL_EXPORT(ark_wake_up_all);

bool ark_wait_queue_active(struct ark_wait_queue *wq)
{
    unsigned long flags = ark_spin_lock_irqsave(&wq->lock);
    bool active = wq->waiters.next != &wq->waiters;
    ark_spin_unlock_irqrestore(&wq->lock, flags);
    return active;
}
KERNEL_EXPORT(ark_wait_queue_active);

void ark_wait_prepare(struct ark_wait_queue *wq, struct ark_wait_entry *e, unsigned flags)
{
    struct ark_thread *self = sched_current();
    if (!self)
        panic("wait: no thread to sleep before the scheduler runs");
    unsigned long f = ark_spin_lock_irqsave(&wq->lock);
    if (!e->queued) {
        e->thread = self;
        e->link.prev = wq->waiters.prev;
        e->link.next = &wq->waiters;
        wq->waiters.prev->next = &e->link;
        wq->waiters.prev = &e->link;
        e->queued = true;
    }
    self->sleep_killable = (flags & ARK_WAIT_KILLABLE) != 0;
    self->state = THREAD_SLEEPING;
    ark_spin_unlock_irqrestore(&wq->lock, f);
}
KERNEL_EXPORT(ark_wait_prepare);

long ark_wait_sleep(long timeout_ms)
{
    return sched_sleep(timeout_ms);
}
KERNEL_EXPORT(ark_wait_sleep);

void ark_wait_finish(struct ark_wait_queue *wq, struct ark_wait_entry *e)
{
    struct ark_thread *self = sched_current();
    unsigned long f = ark_spin_lock_irqsave(&wq->lock);
    if (e->queued)
        entry_unlink(e);
    self->state = THREAD_RUNNABLE;
    self->sleep_killable = false;
    ark_spin_unlock_irqrestore(&wq->lock, f);
}
KERNEL_EXPORT(ark_wait_finish);

bool ark_fatal_signal_pending(void)
{
    struct ark_thread *self = sched_current();
    return self && self->proc && proc_kill_pending(self->proc);
}
KERNEL_EXPORT(ark_fatal_signal_pending);

/* ---- mutexes ---- */

void ark_mutex_init(struct ark_mutex *m)
{
    ark_spin_init(&m->lock);
    m->owner = NULL;
    ark_wait_queue_init(&m->waiters);
}
KERNEL_EXPORT(ark_mutex_init);

static int mutex_lock_common(struct ark_mutex *m, bool killable)
{
    struct ark_thread *self = sched_current();
    struct ark_wait_entry e = { { &e.link, &e.link }, NULL, false };
    int rc = 0;
    for (;;) {
        unsigned long f = ark_spin_lock_irqsave(&m->lock);
        if (!m->owner) {
            m->owner = self;
            ark_spin_unlock_irqrestore(&m->lock, f);
            break;
        }
        if (m->owner == self)
            panic("mutex %p: locked twice by thread %d", (void *)m, self ? self->tid : -1);
        if (!self)
            panic("mutex %p: contended before the scheduler runs", (void *)m);
        /* Queued before the lock is dropped, so an unlock in between wakes us. */
        ark_wait_prepare(&m->waiters, &e, killable ? ARK_WAIT_KILLABLE : 0);
        ark_spin_unlock_irqrestore(&m->lock, f);
        if (killable && ark_fatal_signal_pending()) {
            rc = -EINTR;
            break;
        }
        ark_wait_sleep(ARK_WAIT_FOREVER);
    }
    if (e.thread)
        ark_wait_finish(&m->waiters, &e);
    if (rc && !ark_mutex_is_locked(m))
        ark_wake_up(&m->waiters);      /* the wake-up meant for us goes to the next waiter */
    return rc;
}

void ark_mutex_lock(struct ark_mutex *m)
{
    (void)mutex_lock_common(m, false);
}
KERNEL_EXPORT(ark_mutex_lock);

int ark_mutex_lock_killable(struct ark_mutex *m)
{
    return mutex_lock_common(m, true);
}
KERNEL_EXPORT(ark_mutex_lock_killable);

bool ark_mutex_trylock(struct ark_mutex *m)
{
    unsigned long f = ark_spin_lock_irqsave(&m->lock);
    bool taken = !m->owner;
    if (taken)
        m->owner = sched_current();
    ark_spin_unlock_irqrestore(&m->lock, f);
    return taken;
}
KERNEL_EXPORT(ark_mutex_trylock);

void ark_mutex_unlock(struct ark_mutex *m)
{
    unsigned long f = ark_spin_lock_irqsave(&m->lock);
    if (m->owner != sched_current())
        panic("mutex %p: unlocked by a thread that does not hold it", (void *)m);
    m->owner = NULL;
    ark_spin_unlock_irqrestore(&m->lock, f);
    ark_wake_up(&m->waiters);
}
KERNEL_EXPORT(ark_mutex_unlock);

bool ark_mutex_is_locked(struct ark_mutex *m)
{
    return m->owner != NULL;
}
KERNEL_EXPORT(ark_mutex_is_locked);

bool ark_mutex_held_by_me(struct ark_mutex *m)
{
    return m->owner && m->owner == sched_current();
}
KERNEL_EXPORT(ark_mutex_held_by_me);

/* ---- completions ---- */

void ark_completion_init(struct ark_completion *c)
{
    c->done = 0;
    ark_wait_queue_init(&c->wait);
}
KERNEL_EXPORT(ark_completion_init);

void ark_completion_reinit(struct ark_completion *c)
{
    unsigned long f = ark_spin_lock_irqsave(&c->wait.lock);
    c->done = 0;
    ark_spin_unlock_irqrestore(&c->wait.lock, f);
}
KERNEL_EXPORT(ark_completion_reinit);

void ark_complete(struct ark_completion *c)
{
    unsigned long f = ark_spin_lock_irqsave(&c->wait.lock);
    if (c->done != UINT32_MAX)
        c->done++;
    wake_locked(&c->wait, false);
    ark_spin_unlock_irqrestore(&c->wait.lock, f);
}
KERNEL_EXPORT(ark_complete);

void ark_complete_all(struct ark_completion *c)
{
    unsigned long f = ark_spin_lock_irqsave(&c->wait.lock);
    c->done = UINT32_MAX;
    wake_locked(&c->wait, true);
    ark_spin_unlock_irqrestore(&c->wait.lock, f);
}
KERNEL_EXPORT(ark_complete_all);

bool ark_try_wait_for_completion(struct ark_completion *c)
{
    unsigned long f = ark_spin_lock_irqsave(&c->wait.lock);
    bool ok = c->done > 0;
    if (ok && c->done != UINT32_MAX)
        c->done--;
    ark_spin_unlock_irqrestore(&c->wait.lock, f);
    return ok;
}
KERNEL_EXPORT(ark_try_wait_for_completion);

void ark_wait_for_completion(struct ark_completion *c)
{
    ark_wait_event(&c->wait, ark_try_wait_for_completion(c));
}
KERNEL_EXPORT(ark_wait_for_completion);

long ark_wait_for_completion_timeout(struct ark_completion *c, long ms)
{
    return ark_wait_event_timeout(&c->wait, ark_try_wait_for_completion(c), ms);
}
KERNEL_EXPORT(ark_wait_for_completion_timeout);
