/* linux/rwlock.h — reader-writer spinlocks: any number of readers or one writer, never sleeping.
 * A reader may take a read lock it already holds (Linux allows it, interrupt handlers rely on
 * it); the _irq/_irqsave forms mask interrupts as for spinlocks. With one CPU, a lock that is
 * held when it cannot be had means a deadlock, and the kernel panics instead of hanging. */
#ifndef _LINUX_RWLOCK_H
#define _LINUX_RWLOCK_H
#include <linux/types.h>

typedef struct {
    volatile int ark_count;            /* readers holding it; -1: a writer */
} rwlock_t;

#define __RW_LOCK_UNLOCKED(name) { 0 }
#define DEFINE_RWLOCK(name) rwlock_t name = __RW_LOCK_UNLOCKED(name)
static inline void rwlock_init(rwlock_t *l) { l->ark_count = 0; }

void ark_linux_read_lock(rwlock_t *l);
void ark_linux_read_unlock(rwlock_t *l);
void ark_linux_write_lock(rwlock_t *l);
void ark_linux_write_unlock(rwlock_t *l);
int  ark_linux_read_trylock(rwlock_t *l);
int  ark_linux_write_trylock(rwlock_t *l);
unsigned long ark_linux_read_lock_irqsave(rwlock_t *l);
void ark_linux_read_unlock_irqrestore(rwlock_t *l, unsigned long flags);
unsigned long ark_linux_write_lock_irqsave(rwlock_t *l);
void ark_linux_write_unlock_irqrestore(rwlock_t *l, unsigned long flags);

#define read_lock(l)     ark_linux_read_lock(l)
#define read_unlock(l)   ark_linux_read_unlock(l)
#define write_lock(l)    ark_linux_write_lock(l)
#define write_unlock(l)  ark_linux_write_unlock(l)
#define read_trylock(l)  ark_linux_read_trylock(l)
#define write_trylock(l) ark_linux_write_trylock(l)
#define read_lock_bh(l)    read_lock(l)
#define read_unlock_bh(l)  read_unlock(l)
#define write_lock_bh(l)   write_lock(l)
#define write_unlock_bh(l) write_unlock(l)
#define read_lock_irqsave(l, flags)  do { (flags) = ark_linux_read_lock_irqsave(l); } while (0)
#define write_lock_irqsave(l, flags) do { (flags) = ark_linux_write_lock_irqsave(l); } while (0)
#define read_unlock_irqrestore(l, flags)  ark_linux_read_unlock_irqrestore(l, flags)
#define write_unlock_irqrestore(l, flags) ark_linux_write_unlock_irqrestore(l, flags)
/* As on Linux, the _irq forms mask interrupts and unmask them unconditionally at unlock. */
void ark_linux_read_lock_irq(rwlock_t *l);
void ark_linux_read_unlock_irq(rwlock_t *l);
void ark_linux_write_lock_irq(rwlock_t *l);
void ark_linux_write_unlock_irq(rwlock_t *l);
#define read_lock_irq(l)    ark_linux_read_lock_irq(l)
#define read_unlock_irq(l)  ark_linux_read_unlock_irq(l)
#define write_lock_irq(l)   ark_linux_write_lock_irq(l)
#define write_unlock_irq(l) ark_linux_write_unlock_irq(l)
#endif
