/* linux/log2.h — integer logarithms and powers of two. ilog2(0) is undefined, as on Linux. */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H
#include <linux/types.h>
#include <linux/bitops.h>

static inline __attribute__((const)) bool is_power_of_2(unsigned long n)
{
    return n != 0 && (n & (n - 1)) == 0;
}
#define ilog2(n) ((int)(sizeof(n) > 4 ? fls64((u64)(n)) - 1 : fls((unsigned int)(n)) - 1))
#define const_ilog2(n) ilog2(n)
/* The smallest power of two >= n (n > 0). */
#define roundup_pow_of_two(n) \
    ((n) <= 1 ? 1UL : 1UL << fls((unsigned int)((n) - 1)))
/* The largest power of two <= n (n > 0). */
#define rounddown_pow_of_two(n) (1UL << (fls((unsigned int)(n)) - 1))
/* ceil(log2(n)): 0 for n <= 1. */
#define order_base_2(n) ((n) > 1 ? ilog2((n) - 1) + 1 : 0)
#define bits_per(n) ((n) < 2 ? 1 : order_base_2((n) + 1))
#endif
