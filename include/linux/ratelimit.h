/* linux/ratelimit.h — at most burst events per interval jiffies: __ratelimit says whether this one
 * may go ahead, and once an interval has passed reports how many were held back. */
#ifndef _LINUX_RATELIMIT_H
#define _LINUX_RATELIMIT_H
#include <linux/types.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>

#define DEFAULT_RATELIMIT_INTERVAL (5 * HZ)
#define DEFAULT_RATELIMIT_BURST    10
#define RATELIMIT_MSG_ON_RELEASE   1

struct ratelimit_state {
    spinlock_t lock;
    int interval;
    int burst;
    int printed;
    int missed;
    unsigned long begin;
    unsigned long flags;
};
#define RATELIMIT_STATE_INIT(name, interval_init, burst_init) \
    { __SPIN_LOCK_UNLOCKED((name).lock), (interval_init), (burst_init), 0, 0, 0, 0 }
#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init) \
    struct ratelimit_state name = RATELIMIT_STATE_INIT(name, interval_init, burst_init)
static inline void ratelimit_state_init(struct ratelimit_state *rs, int interval, int burst)
{
    spin_lock_init(&rs->lock);
    rs->interval = interval;
    rs->burst = burst;
    rs->printed = rs->missed = 0;
    rs->begin = 0;
    rs->flags = 0;
}
static inline void ratelimit_set_flags(struct ratelimit_state *rs, unsigned long flags) { rs->flags = flags; }

/* 1: go ahead; 0: held back. func names the caller in the "suppressed" report. */
int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state) ___ratelimit(state, __func__)
#endif
