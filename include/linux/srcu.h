/* linux/srcu.h — sleepable RCU: readers that may sleep inside their section, each domain
 * (struct srcu_struct) with grace periods of its own. A reader counts itself in one of two
 * counters; synchronize_srcu switches new readers to the other counter and waits for the old one
 * to drain, twice, so that every reader that began before it has ended, wherever it counted
 * itself. call_srcu and srcu_barrier are not there (a build error). */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H
#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include "ark/sync.h"

struct srcu_struct {
    int ark_readers[2];                /* readers inside, by the index they were given */
    unsigned int ark_idx;              /* the index new readers take */
    struct mutex ark_gp;               /* one grace period at a time */
    struct ark_wait_queue ark_drained; /* woken when a counter drops to 0 */
};
#define __SRCU_STRUCT_INIT(name) \
    { { 0, 0 }, 0, __MUTEX_INITIALIZER((name).ark_gp), ARK_WAIT_QUEUE_INIT((name).ark_drained) }
#define DEFINE_SRCU(name) struct srcu_struct name = __SRCU_STRUCT_INIT(name)
#define DEFINE_STATIC_SRCU(name) static struct srcu_struct name = __SRCU_STRUCT_INIT(name)

int init_srcu_struct(struct srcu_struct *ssp);
/* Readers still inside are a bug, reported. */
void cleanup_srcu_struct(struct srcu_struct *ssp);
/* Enters a read-side section: the index to give srcu_read_unlock. Any context. */
int srcu_read_lock(struct srcu_struct *ssp);
void srcu_read_unlock(struct srcu_struct *ssp, int idx);
/* Waits until every reader of ssp that entered before the call has left. Thread context. */
void synchronize_srcu(struct srcu_struct *ssp);
#define synchronize_srcu_expedited(ssp) synchronize_srcu(ssp)
int srcu_read_lock_held(const struct srcu_struct *ssp);
#define srcu_dereference(p, ssp)          rcu_dereference(p)
#define srcu_dereference_check(p, ssp, c) rcu_dereference_check(p, c)
#define srcu_dereference_notrace(p, ssp)  rcu_dereference(p)
#endif
