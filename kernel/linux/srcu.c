/* srcu.c — linux/srcu.h: two reader counters per domain and a grace period that moves new readers
 * to the other counter and waits for the old one to drain, twice. A reader that took its index
 * just before a switch and counted itself just after it began after the update it could miss, so
 * it is safe for this grace period, and the next one's first switch waits for it.
 * Locking: the counters are atomic; ark_gp (a mutex) serialises grace periods; ark_drained is
 * woken by the reader that brings a counter to 0. */
#include "sched.h"
#include "lx_internal.h"
#include <linux/srcu.h>

int init_srcu_struct(struct srcu_struct *ssp)
{
    ssp->ark_readers[0] = ssp->ark_readers[1] = 0;
    ssp->ark_idx = 0;
    mutex_init(&ssp->ark_gp);
    ark_wait_queue_init(&ssp->ark_drained);
    return 0;
}
KERNEL_EXPORT(init_srcu_struct);

void cleanup_srcu_struct(struct srcu_struct *ssp)
{
    int inside = __atomic_load_n(&ssp->ark_readers[0], __ATOMIC_SEQ_CST) +
                 __atomic_load_n(&ssp->ark_readers[1], __ATOMIC_SEQ_CST);
    if (inside)
        printk(KERN_WARNING "srcu: %s: cleanup_srcu_struct of %p with %d reader%s still inside\n",
               lx_owner_name(LX_CALLER()), (void *)ssp, inside, inside == 1 ? "" : "s");
}
KERNEL_EXPORT(cleanup_srcu_struct);

int srcu_read_lock(struct srcu_struct *ssp)
{
    int idx = (int)(__atomic_load_n(&ssp->ark_idx, __ATOMIC_ACQUIRE) & 1);
    __atomic_add_fetch(&ssp->ark_readers[idx], 1, __ATOMIC_SEQ_CST);   /* a full barrier */
    return idx;
}
KERNEL_EXPORT(srcu_read_lock);

void srcu_read_unlock(struct srcu_struct *ssp, int idx)
{
    if (idx != 0 && idx != 1) {
        printk(KERN_ERR "srcu: srcu_read_unlock of %p with index %d, which srcu_read_lock never gives\n",
               (void *)ssp, idx);
        return;
    }
    if (__atomic_sub_fetch(&ssp->ark_readers[idx], 1, __ATOMIC_SEQ_CST) == 0)
        ark_wake_up_all(&ssp->ark_drained);
}
KERNEL_EXPORT(srcu_read_unlock);

int srcu_read_lock_held(const struct srcu_struct *ssp)
{
    return __atomic_load_n(&ssp->ark_readers[0], __ATOMIC_SEQ_CST) +
           __atomic_load_n(&ssp->ark_readers[1], __ATOMIC_SEQ_CST) > 0;
}
KERNEL_EXPORT(srcu_read_lock_held);

void synchronize_srcu(struct srcu_struct *ssp)
{
    if (sched_in_interrupt() || (sched_current() && sched_current()->preempt_count > 0)) {
        printk(KERN_ERR "srcu: %s: synchronize_srcu called %s; not waited\n",
               lx_owner_name(lx_caller_outside_irq()),
               sched_in_interrupt() ? "in interrupt context" : "with preemption off");
        return;
    }
    mutex_lock(&ssp->ark_gp);
    for (int round = 0; round < 2; round++) {
        unsigned int old = __atomic_fetch_xor(&ssp->ark_idx, 1u, __ATOMIC_SEQ_CST) & 1u;
        ark_wait_event(&ssp->ark_drained, __atomic_load_n(&ssp->ark_readers[old], __ATOMIC_SEQ_CST) == 0);
    }
    mutex_unlock(&ssp->ark_gp);
}
KERNEL_EXPORT(synchronize_srcu);
