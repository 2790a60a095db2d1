/* klock.c — the kernel lock (ark/sync.h, rule 5): a sleeping lock, recursive for its holder, taken
 * around system calls, kernel-thread bodies and work items. A thread that sleeps gives it up
 * (schedule) and takes it back on waking, so it is never held while waiting for anything else;
 * one preempted in module code gives it up too (sched_irq_exit_from). Waiters are served in
 * arrival order. */
#include "sched.h"
#include "cpu.h"
#include "ark/kernel.h"

void sched_switch_keep_klock(void);

static struct ark_thread *klock_owner;
static struct ark_thread *waiters_head, *waiters_tail;

bool klock_held(void)
{
    return klock_owner && klock_owner == sched_current();
}

static void take_locked(struct ark_thread *self)
{
    while (klock_owner && klock_owner != self) {
        /* Other wake-ups (a wait queue we are still on) may end this sleep early: queue once. */
        if (!self->klock_queued) {
            self->klock_next = NULL;
            if (waiters_tail)
                waiters_tail->klock_next = self;
            else
                waiters_head = self;
            waiters_tail = self;
            self->klock_queued = true;
        }
        self->state = THREAD_SLEEPING;
        sched_switch_keep_klock();
    }
    klock_owner = self;
}

static void give_locked(void)
{
    klock_owner = NULL;
    struct ark_thread *next = waiters_head;
    if (next) {
        waiters_head = next->klock_next;
        if (!waiters_head)
            waiters_tail = NULL;
        next->klock_next = NULL;
        next->klock_queued = false;
        sched_wakeup(next);
    }
}

void klock_acquire(void)
{
    struct ark_thread *self = sched_current();
    if (!self)
        return;
    uint32_t flags = irq_save();
    take_locked(self);
    self->klock_depth++;
    irq_restore(flags);
}

void klock_release(void)
{
    struct ark_thread *self = sched_current();
    if (!self)
        return;
    uint32_t flags = irq_save();
    if (klock_owner != self || self->klock_depth <= 0)
        panic("klock: released by thread %d which does not hold it", self->tid);
    if (--self->klock_depth == 0)
        give_locked();
    irq_restore(flags);
}

int klock_drop_all(void)
{
    struct ark_thread *self = sched_current();
    if (!self || klock_owner != self)
        return 0;
    uint32_t flags = irq_save();
    int depth = self->klock_depth;
    self->klock_depth = 0;
    give_locked();
    irq_restore(flags);
    return depth;
}

void klock_retake(int depth)
{
    struct ark_thread *self = sched_current();
    if (depth <= 0 || !self)
        return;
    uint32_t flags = irq_save();
    take_locked(self);
    self->klock_depth = depth;
    irq_restore(flags);
}
