/* linux/math64.h — 64-bit divisions with the names Linux gives them (on i386 these are the
 * compiler runtime's, which every module links). */
#ifndef _LINUX_MATH64_H
#define _LINUX_MATH64_H
#include <linux/types.h>

static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
    *remainder = (u32)(dividend % divisor);
    return dividend / divisor;
}
static inline s64 div_s64_rem(s64 dividend, s32 divisor, s32 *remainder)
{
    *remainder = (s32)(dividend % divisor);
    return dividend / divisor;
}
static inline u64 div64_u64_rem(u64 dividend, u64 divisor, u64 *remainder)
{
    *remainder = dividend % divisor;
    return dividend / divisor;
}
static inline u64 div_u64(u64 dividend, u32 divisor) { return dividend / divisor; }
static inline s64 div_s64(s64 dividend, s32 divisor) { return dividend / divisor; }
static inline u64 div64_u64(u64 dividend, u64 divisor) { return dividend / divisor; }
static inline s64 div64_s64(s64 dividend, s64 divisor) { return dividend / divisor; }
static inline u64 div64_ul(u64 dividend, unsigned long divisor) { return dividend / divisor; }
static inline u64 mul_u32_u32(u32 a, u32 b) { return (u64)a * b; }
static inline u64 mul_u64_u32_div(u64 a, u32 mul, u32 divisor)
{
    /* (a * mul) / divisor without losing the high bits of the product */
    u64 hi = (a >> 32) * mul, lo = (a & 0xffffffffULL) * mul;
    u64 q_hi = hi / divisor, r_hi = hi % divisor;
    return (q_hi << 32) + (((r_hi << 32) + lo) / divisor);
}
#define DIV64_U64_ROUND_UP(ll, d) ({ u64 _d = (d); div64_u64((ll) + _d - 1, _d); })
#define DIV_U64_ROUND_CLOSEST(dividend, divisor) ({ u32 _d = (divisor); div_u64((u64)(dividend) + _d / 2, _d); })
#endif
