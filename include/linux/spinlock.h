/* linux/spinlock.h — spinlock_t and raw_spinlock_t over ark's spinlocks (ark/sync.h): spin_lock
 * stops preemption, the _irq/_irqsave forms also mask interrupts and must be used for data an
 * interrupt handler or timer touches, _bh also keeps tasklets away (they run in a thread, which
 * stopping preemption keeps off this CPU). Never sleep holding one. */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/rwlock.h>
#include <linux/atomic.h>
#include "ark/sync.h"

typedef struct spinlock {
    ark_spinlock_t ark;
    unsigned long ark_irq_flags;       /* saved by spin_lock_irq for spin_unlock_irq */
} spinlock_t;
typedef spinlock_t raw_spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { ARK_SPINLOCK_INIT, 0 }
#define DEFINE_SPINLOCK(name)      spinlock_t name = __SPIN_LOCK_UNLOCKED(name)
#define DEFINE_RAW_SPINLOCK(name)  raw_spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

/* 1 when taken (preemption then stays off until spin_unlock), 0 when another holds it. */
int ark_linux_spin_trylock(ark_spinlock_t *l);
/* As above, masking interrupts when taken; *flags gets what to restore. */
int ark_linux_spin_trylock_irqsave(ark_spinlock_t *l, unsigned long *flags);

static inline void spin_lock_init(spinlock_t *l) { ark_spin_init(&l->ark); l->ark_irq_flags = 0; }
static inline void spin_lock(spinlock_t *l) { ark_spin_lock(&l->ark); }
static inline void spin_unlock(spinlock_t *l) { ark_spin_unlock(&l->ark); }
static inline void spin_lock_bh(spinlock_t *l) { ark_spin_lock(&l->ark); }
static inline void spin_unlock_bh(spinlock_t *l) { ark_spin_unlock(&l->ark); }
static inline void spin_lock_irq(spinlock_t *l)
{
    unsigned long f = ark_spin_lock_irqsave(&l->ark);
    l->ark_irq_flags = f;
}
static inline void spin_unlock_irq(spinlock_t *l) { ark_spin_unlock_irqrestore(&l->ark, l->ark_irq_flags); }
#define spin_lock_irqsave(lock, flags) \
    do { (flags) = ark_spin_lock_irqsave(&(lock)->ark); } while (0)
static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
    ark_spin_unlock_irqrestore(&l->ark, flags);
}
#define spin_lock_nested(lock, subclass) spin_lock(lock)
#define spin_lock_irqsave_nested(lock, flags, subclass) spin_lock_irqsave(lock, flags)
static inline int spin_trylock(spinlock_t *l) { return ark_linux_spin_trylock(&l->ark); }
#define spin_trylock_irqsave(lock, flags) ark_linux_spin_trylock_irqsave(&(lock)->ark, &(flags))
#define spin_trylock_bh(lock) spin_trylock(lock)
static inline int spin_is_locked(spinlock_t *l) { return READ_ONCE(l->ark.locked) != 0; }
#define assert_spin_locked(lock) do { (void)(lock); } while (0)

#define raw_spin_lock_init(l)             spin_lock_init(l)
#define raw_spin_lock(l)                  spin_lock(l)
#define raw_spin_unlock(l)                spin_unlock(l)
#define raw_spin_lock_irq(l)              spin_lock_irq(l)
#define raw_spin_unlock_irq(l)            spin_unlock_irq(l)
#define raw_spin_lock_irqsave(l, f)       spin_lock_irqsave(l, f)
#define raw_spin_unlock_irqrestore(l, f)  spin_unlock_irqrestore(l, f)
#define raw_spin_trylock(l)               spin_trylock(l)

/* Takes the lock if decrementing the count reaches zero: true with the lock held. */
static inline bool atomic_dec_and_lock_irqsave_ark(atomic_t *cnt, spinlock_t *l, unsigned long *flags)
{
    int c = __atomic_load_n(&cnt->counter, __ATOMIC_RELAXED);
    while (c > 1)
        if (__atomic_compare_exchange_n(&cnt->counter, &c, c - 1, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            return false;
    *flags = ark_spin_lock_irqsave(&l->ark);
    if (__atomic_sub_fetch(&cnt->counter, 1, __ATOMIC_SEQ_CST) == 0)
        return true;
    ark_spin_unlock_irqrestore(&l->ark, *flags);
    return false;
}
#define atomic_dec_and_lock_irqsave(cnt, lock, flags) atomic_dec_and_lock_irqsave_ark(cnt, lock, &(flags))
static inline bool atomic_dec_and_lock(atomic_t *cnt, spinlock_t *l)
{
    int c = __atomic_load_n(&cnt->counter, __ATOMIC_RELAXED);
    while (c > 1)
        if (__atomic_compare_exchange_n(&cnt->counter, &c, c - 1, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            return false;
    spin_lock(l);
    if (__atomic_sub_fetch(&cnt->counter, 1, __ATOMIC_SEQ_CST) == 0)
        return true;
    spin_unlock(l);
    return false;
}
#endif
