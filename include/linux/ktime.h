/* linux/ktime.h — ktime_t, nanoseconds as a signed 64-bit count, and the monotonic clock read
 * through it. ark's clock counts milliseconds since boot (CLOCK_MONOTONIC and CLOCK_BOOTTIME are
 * the same: ark never suspends), so readings advance in steps of 1 000 000 ns. ark keeps no
 * wall-clock time: the _real calls fail at build time. */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H
#include <linux/types.h>
#include <linux/jiffies.h>

typedef s64 ktime_t;

#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define NSEC_PER_SEC  1000000000L
#define USEC_PER_MSEC 1000L
#define USEC_PER_SEC  1000000L
#define MSEC_PER_SEC  1000L
#define KTIME_MAX     ((s64)~((u64)1 << 63))

static inline ktime_t ktime_set(const s64 secs, const unsigned long nsecs)
{
    return secs * NSEC_PER_SEC + (s64)nsecs;
}
static inline ktime_t ns_to_ktime(u64 ns) { return (ktime_t)ns; }
static inline ktime_t us_to_ktime(u64 us) { return (ktime_t)(us * NSEC_PER_USEC); }
static inline ktime_t ms_to_ktime(u64 ms) { return (ktime_t)(ms * NSEC_PER_MSEC); }
static inline s64 ktime_to_ns(const ktime_t kt) { return kt; }
static inline s64 ktime_to_us(const ktime_t kt) { return kt / NSEC_PER_USEC; }
static inline s64 ktime_to_ms(const ktime_t kt) { return kt / NSEC_PER_MSEC; }
#define ktime_add(a, b)     ((a) + (b))
#define ktime_sub(a, b)     ((a) - (b))
#define ktime_add_ns(kt, n) ((kt) + (s64)(n))
#define ktime_sub_ns(kt, n) ((kt) - (s64)(n))
#define ktime_add_us(kt, u) ((kt) + (s64)(u) * NSEC_PER_USEC)
#define ktime_add_ms(kt, m) ((kt) + (s64)(m) * NSEC_PER_MSEC)
static inline int ktime_compare(const ktime_t a, const ktime_t b) { return a < b ? -1 : a > b; }
static inline bool ktime_after(const ktime_t a, const ktime_t b) { return a > b; }
static inline bool ktime_before(const ktime_t a, const ktime_t b) { return a < b; }
static inline s64 ktime_us_delta(const ktime_t later, const ktime_t earlier) { return ktime_to_us(later - earlier); }
static inline s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier) { return ktime_to_ms(later - earlier); }

/* The monotonic clock since boot. */
static inline ktime_t ktime_get(void) { return ms_to_ktime(get_jiffies_64()); }
static inline u64 ktime_get_ns(void) { return (u64)ktime_get(); }
static inline ktime_t ktime_get_boottime(void) { return ktime_get(); }
static inline u64 ktime_get_boottime_ns(void) { return ktime_get_ns(); }
static inline ktime_t ktime_get_raw(void) { return ktime_get(); }
static inline u64 ktime_get_raw_ns(void) { return ktime_get_ns(); }
static inline u64 ktime_get_mono_fast_ns(void) { return ktime_get_ns(); }
static inline time64_t ktime_get_seconds(void) { return (time64_t)(get_jiffies_64() / 1000u); }
static inline time64_t ktime_get_boottime_seconds(void) { return ktime_get_seconds(); }

ktime_t ktime_get_real(void) __attribute__((error("ktime_get_real(): ark keeps no wall-clock time")));
u64 ktime_get_real_ns(void) __attribute__((error("ktime_get_real_ns(): ark keeps no wall-clock time")));
time64_t ktime_get_real_seconds(void) __attribute__((error("ktime_get_real_seconds(): ark keeps no wall-clock time")));
#endif
