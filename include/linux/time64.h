/* linux/time64.h — struct timespec64 and its arithmetic. */
#ifndef _LINUX_TIME64_H
#define _LINUX_TIME64_H
#include <linux/types.h>
#include <linux/ktime.h>

struct timespec64 {
    time64_t tv_sec;
    long tv_nsec;                      /* 0 to NSEC_PER_SEC - 1 */
};

static inline struct timespec64 ns_to_timespec64(s64 nsec)
{
    struct timespec64 ts;
    ts.tv_sec = nsec / NSEC_PER_SEC;
    ts.tv_nsec = (long)(nsec % NSEC_PER_SEC);
    if (ts.tv_nsec < 0) {              /* before the epoch: the nanoseconds stay positive */
        ts.tv_sec--;
        ts.tv_nsec += NSEC_PER_SEC;
    }
    return ts;
}
static inline s64 timespec64_to_ns(const struct timespec64 *ts)
{
    return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}
static inline struct timespec64 timespec64_add(struct timespec64 a, struct timespec64 b)
{
    return ns_to_timespec64(timespec64_to_ns(&a) + timespec64_to_ns(&b));
}
static inline struct timespec64 timespec64_sub(struct timespec64 a, struct timespec64 b)
{
    return ns_to_timespec64(timespec64_to_ns(&a) - timespec64_to_ns(&b));
}
static inline int timespec64_compare(const struct timespec64 *a, const struct timespec64 *b)
{
    if (a->tv_sec != b->tv_sec)
        return a->tv_sec < b->tv_sec ? -1 : 1;
    return a->tv_nsec < b->tv_nsec ? -1 : a->tv_nsec > b->tv_nsec;
}
static inline bool timespec64_valid(const struct timespec64 *ts)
{
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}
static inline struct timespec64 ktime_to_timespec64(ktime_t kt) { return ns_to_timespec64(kt); }
static inline ktime_t timespec64_to_ktime(struct timespec64 ts) { return timespec64_to_ns(&ts); }

/* The monotonic clock (ark's only clock) as a timespec64. */
static inline void ktime_get_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get()); }
static inline void ktime_get_boottime_ts64(struct timespec64 *ts) { ktime_get_ts64(ts); }
static inline void ktime_get_raw_ts64(struct timespec64 *ts) { ktime_get_ts64(ts); }
void ktime_get_real_ts64(struct timespec64 *ts) __attribute__((error("ktime_get_real_ts64(): ark keeps no wall-clock time")));
#endif
