/* linux/jiffies.h — the tick counter and conversions. ark's clock counts milliseconds since boot,
 * so HZ is 1000 and one jiffy is one millisecond; jiffies reads that clock (it is not an lvalue). */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/limits.h>

#define HZ 1000
#define USER_HZ 100
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

u64 get_jiffies_64(void);
#define jiffies    ((unsigned long)get_jiffies_64())
#define jiffies_64 get_jiffies_64()

/* Wrap-safe comparisons of two jiffies values. */
#define time_after(a, b)     ((long)((b) - (a)) < 0)
#define time_before(a, b)    time_after(b, a)
#define time_after_eq(a, b)  ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_is_before_jiffies(a)    time_after(jiffies, a)
#define time_is_after_jiffies(a)     time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a)  time_before_eq(jiffies, a)
#define time_after64(a, b)     ((s64)((b) - (a)) < 0)
#define time_before64(a, b)    time_after64(b, a)
#define time_after_eq64(a, b)  ((s64)((a) - (b)) >= 0)
#define time_before_eq64(a, b) time_after_eq64(b, a)

static inline unsigned int jiffies_to_msecs(const unsigned long j) { return (unsigned int)j; }
static inline unsigned int jiffies_to_usecs(const unsigned long j) { return (unsigned int)j * 1000u; }
static inline u64 jiffies_to_nsecs(const unsigned long j) { return (u64)j * 1000000u; }
static inline u64 jiffies64_to_msecs(const u64 j) { return j; }
/* Values too large for a jiffies count saturate, as on Linux. */
static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
    return m > MAX_JIFFY_OFFSET ? MAX_JIFFY_OFFSET : m;
}
static inline unsigned long usecs_to_jiffies(const unsigned int u) { return (u + 999u) / 1000u; }
static inline unsigned long nsecs_to_jiffies(u64 n) { return (unsigned long)((n + 999999u) / 1000000u); }
static inline unsigned long secs_to_jiffies(unsigned int s) { return msecs_to_jiffies(s * 1000u); }
/* A time j jiffies from now, rounded to a whole second (timers that need no precision). */
static inline unsigned long round_jiffies(unsigned long j) { return (j + HZ / 2) / HZ * HZ; }
static inline unsigned long round_jiffies_relative(unsigned long j) { return j; }
#endif
