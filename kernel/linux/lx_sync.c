/* lx_sync.c — the lock and completion calls of linux/spinlock.h, rwlock.h and completion.h that
 * ark's own primitives lack: spin_trylock, reader-writer spinlocks, and killable or timed
 * completion waits. */
#include "sched.h"
#include "cpu.h"
#include "lx_internal.h"
#include <linux/completion.h>
#include <linux/rwlock.h>
#include <linux/spinlock.h>

int ark_linux_spin_trylock(ark_spinlock_t *l)
{
    sched_preempt_disable();
    if (__atomic_exchange_n(&l->locked, 1u, __ATOMIC_ACQUIRE)) {
        sched_preempt_enable();
        return 0;
    }
    l->owner = sched_current();
    return 1;
}
KERNEL_EXPORT(ark_linux_spin_trylock);

int ark_linux_spin_trylock_irqsave(ark_spinlock_t *l, unsigned long *flags)
{
    uint32_t f = irq_save();
    if (__atomic_exchange_n(&l->locked, 1u, __ATOMIC_ACQUIRE)) {
        irq_restore(f);
        return 0;
    }
    l->owner = sched_current();
    *flags = f;
    return 1;
}
KERNEL_EXPORT(ark_linux_spin_trylock_irqsave);

/* ---- reader-writer spinlocks: ark_count > 0 readers, -1 one writer ---- */

static bool read_try(rwlock_t *l)
{
    int c = __atomic_load_n(&l->ark_count, __ATOMIC_RELAXED);
    while (c >= 0)
        if (__atomic_compare_exchange_n(&l->ark_count, &c, c + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return true;
    return false;
}

static bool write_try(rwlock_t *l)
{
    int zero = 0;
    return __atomic_compare_exchange_n(&l->ark_count, &zero, -1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* With one CPU and preemption (or interrupts) off, whoever holds the lock cannot run until this
 * context gives up: waiting would never end. */
static void __attribute__((noreturn)) rw_deadlock(rwlock_t *l, const char *want)
{
    panic("rwlock %p: %s wanted while %s holds it (recursion, or taken from an interrupt without "
          "_irqsave)", (void *)l, want, l->ark_count < 0 ? "a writer" : "a reader");
}

void ark_linux_read_lock(rwlock_t *l)
{
    sched_preempt_disable();
    if (!read_try(l))
        rw_deadlock(l, "read lock");
}
KERNEL_EXPORT(ark_linux_read_lock);

void ark_linux_read_unlock(rwlock_t *l)
{
    __atomic_sub_fetch(&l->ark_count, 1, __ATOMIC_RELEASE);
    sched_preempt_enable();
}
KERNEL_EXPORT(ark_linux_read_unlock);

void ark_linux_write_lock(rwlock_t *l)
{
    sched_preempt_disable();
    if (!write_try(l))
        rw_deadlock(l, "write lock");
}
KERNEL_EXPORT(ark_linux_write_lock);

void ark_linux_write_unlock(rwlock_t *l)
{
    __atomic_store_n(&l->ark_count, 0, __ATOMIC_RELEASE);
    sched_preempt_enable();
}
KERNEL_EXPORT(ark_linux_write_unlock);

int ark_linux_read_trylock(rwlock_t *l)
{
    sched_preempt_disable();
    if (read_try(l))
        return 1;
    sched_preempt_enable();
    return 0;
}
KERNEL_EXPORT(ark_linux_read_trylock);

int ark_linux_write_trylock(rwlock_t *l)
{
    sched_preempt_disable();
    if (write_try(l))
        return 1;
    sched_preempt_enable();
    return 0;
}
KERNEL_EXPORT(ark_linux_write_trylock);

unsigned long ark_linux_read_lock_irqsave(rwlock_t *l)
{
    uint32_t f = irq_save();
    if (!read_try(l))
        rw_deadlock(l, "read lock");
    return f;
}
KERNEL_EXPORT(ark_linux_read_lock_irqsave);

void ark_linux_read_unlock_irqrestore(rwlock_t *l, unsigned long flags)
{
    __atomic_sub_fetch(&l->ark_count, 1, __ATOMIC_RELEASE);
    irq_restore((uint32_t)flags);
}
KERNEL_EXPORT(ark_linux_read_unlock_irqrestore);

unsigned long ark_linux_write_lock_irqsave(rwlock_t *l)
{
    uint32_t f = irq_save();
    if (!write_try(l))
        rw_deadlock(l, "write lock");
    return f;
}
KERNEL_EXPORT(ark_linux_write_lock_irqsave);

void ark_linux_write_unlock_irqrestore(rwlock_t *l, unsigned long flags)
{
    __atomic_store_n(&l->ark_count, 0, __ATOMIC_RELEASE);
    irq_restore((uint32_t)flags);
}
KERNEL_EXPORT(ark_linux_write_unlock_irqrestore);

void ark_linux_read_lock_irq(rwlock_t *l) { (void)ark_linux_read_lock_irqsave(l); }
KERNEL_EXPORT(ark_linux_read_lock_irq);
void ark_linux_read_unlock_irq(rwlock_t *l) { ark_linux_read_unlock_irqrestore(l, EFLAGS_IF); }
KERNEL_EXPORT(ark_linux_read_unlock_irq);
void ark_linux_write_lock_irq(rwlock_t *l) { (void)ark_linux_write_lock_irqsave(l); }
KERNEL_EXPORT(ark_linux_write_lock_irq);
void ark_linux_write_unlock_irq(rwlock_t *l) { ark_linux_write_unlock_irqrestore(l, EFLAGS_IF); }
KERNEL_EXPORT(ark_linux_write_unlock_irq);

/* ---- completions ---- */

long ark_linux_wait_for_completion(struct completion *comp, long timeout_ms, bool killable)
{
    struct ark_completion *c = &comp->ark;
    struct ark_wait_entry e = { { 0, 0 }, 0, false };
    long left = timeout_ms;
    if (ark_try_wait_for_completion(c))
        return left < 1 ? (left < 0 ? LONG_MAX : 1) : left;
    for (;;) {
        ark_wait_prepare(&c->wait, &e, killable ? ARK_WAIT_KILLABLE : 0);
        if (ark_try_wait_for_completion(c)) {
            left = left < 0 ? LONG_MAX : (left < 1 ? 1 : left);
            break;
        }
        if (killable && ark_fatal_signal_pending()) {
            left = -ERESTARTSYS;
            break;
        }
        if (left == 0)
            break;
        left = ark_wait_sleep(left < 0 ? ARK_WAIT_FOREVER : left);
    }
    ark_wait_finish(&c->wait, &e);
    return left;
}
KERNEL_EXPORT(ark_linux_wait_for_completion);

bool try_wait_for_completion(struct completion *comp)
{
    return ark_try_wait_for_completion(&comp->ark);
}
KERNEL_EXPORT(try_wait_for_completion);

bool completion_done(struct completion *comp)
{
    return __atomic_load_n(&comp->ark.done, __ATOMIC_ACQUIRE) != 0;
}
KERNEL_EXPORT(completion_done);
