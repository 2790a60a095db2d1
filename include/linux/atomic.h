/* linux/atomic.h — atomic_t operations, each one locked instruction (SMP-safe), with Linux's
 * ordering: value-returning operations are full barriers, the others relaxed. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H
#include <linux/types.h>
#include <linux/compiler.h>

#define ATOMIC_INIT(i) { (i) }

static __always_inline int atomic_read(const atomic_t *v) { return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); }
static __always_inline void atomic_set(atomic_t *v, int i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); }
static __always_inline void atomic_set_release(atomic_t *v, int i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELEASE); }
static __always_inline int atomic_read_acquire(const atomic_t *v) { return __atomic_load_n(&v->counter, __ATOMIC_ACQUIRE); }
static __always_inline void atomic_add(int i, atomic_t *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); }
static __always_inline void atomic_sub(int i, atomic_t *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); }
static __always_inline void atomic_inc(atomic_t *v) { atomic_add(1, v); }
static __always_inline void atomic_dec(atomic_t *v) { atomic_sub(1, v); }
static __always_inline void atomic_and(int i, atomic_t *v) { __atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED); }
static __always_inline void atomic_or(int i, atomic_t *v) { __atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED); }
static __always_inline void atomic_xor(int i, atomic_t *v) { __atomic_fetch_xor(&v->counter, i, __ATOMIC_RELAXED); }
static __always_inline int atomic_add_return(int i, atomic_t *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }
static __always_inline int atomic_sub_return(int i, atomic_t *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }
static __always_inline int atomic_inc_return(atomic_t *v) { return atomic_add_return(1, v); }
static __always_inline int atomic_dec_return(atomic_t *v) { return atomic_sub_return(1, v); }
static __always_inline int atomic_fetch_add(int i, atomic_t *v) { return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); }
static __always_inline int atomic_fetch_sub(int i, atomic_t *v) { return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); }
static __always_inline int atomic_fetch_inc(atomic_t *v) { return atomic_fetch_add(1, v); }
static __always_inline int atomic_fetch_dec(atomic_t *v) { return atomic_fetch_sub(1, v); }
static __always_inline int atomic_fetch_and(int i, atomic_t *v) { return __atomic_fetch_and(&v->counter, i, __ATOMIC_SEQ_CST); }
static __always_inline int atomic_fetch_or(int i, atomic_t *v) { return __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST); }
static __always_inline bool atomic_sub_and_test(int i, atomic_t *v) { return atomic_sub_return(i, v) == 0; }
static __always_inline bool atomic_dec_and_test(atomic_t *v) { return atomic_dec_return(v) == 0; }
static __always_inline bool atomic_inc_and_test(atomic_t *v) { return atomic_inc_return(v) == 0; }
static __always_inline bool atomic_add_negative(int i, atomic_t *v) { return atomic_add_return(i, v) < 0; }
static __always_inline int atomic_xchg(atomic_t *v, int n) { return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); }
/* Stores n if the value is old; returns the value found (old when it succeeded). */
static __always_inline int atomic_cmpxchg(atomic_t *v, int old, int n)
{
    __atomic_compare_exchange_n(&v->counter, &old, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return old;
}
static __always_inline bool atomic_try_cmpxchg(atomic_t *v, int *old, int n)
{
    return __atomic_compare_exchange_n(&v->counter, old, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
/* Adds a unless the value is u; returns the value before. */
static __always_inline int atomic_fetch_add_unless(atomic_t *v, int a, int u)
{
    int c = atomic_read(v);
    do {
        if (c == u)
            break;
    } while (!atomic_try_cmpxchg(v, &c, c + a));
    return c;
}
static __always_inline bool atomic_add_unless(atomic_t *v, int a, int u) { return atomic_fetch_add_unless(v, a, u) != u; }
static __always_inline bool atomic_inc_not_zero(atomic_t *v) { return atomic_add_unless(v, 1, 0); }

#define smp_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define mb()  smp_mb()
#define rmb() smp_rmb()
#define wmb() smp_wmb()
#define smp_mb__before_atomic() smp_mb()
#define smp_mb__after_atomic()  smp_mb()
#define xchg(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define cmpxchg(ptr, o, n) ({ __typeof__(*(ptr)) __o = (o);                                  \
    __atomic_compare_exchange_n((ptr), &__o, (n), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); __o; })

/* atomic_long_t is atomic_t on a 32-bit kernel. */
#define atomic_long_read   atomic_read
#define atomic_long_set    atomic_set
#define atomic_long_inc    atomic_inc
#define atomic_long_dec    atomic_dec
#define atomic_long_add    atomic_add
#define atomic_long_sub    atomic_sub
#define atomic_long_add_return atomic_add_return
#define atomic_long_inc_return atomic_inc_return
#define atomic_long_dec_return atomic_dec_return
#define atomic_long_xchg       atomic_xchg
#define atomic_long_cmpxchg    atomic_cmpxchg
#define atomic_long_fetch_add  atomic_fetch_add
#define atomic_long_fetch_sub  atomic_fetch_sub
#define atomic_long_and        atomic_and
#define atomic_long_or         atomic_or
#define atomic_long_sub_and_test atomic_sub_and_test
#define atomic_long_dec_and_test atomic_dec_and_test
#define atomic_long_add_unless atomic_add_unless
#define atomic_long_inc_not_zero atomic_inc_not_zero
/* ---- atomic64_t ----
 * i386 has no 64-bit loads or stores outside the FPU and SSE, which modules are built without, so
 * every operation, reads included, is a lock cmpxchg8b (a full barrier). A read compares with 0
 * and stores 0 only where it found 0, so it never changes the value. */
#define ATOMIC64_INIT(i) { (i) }

/* Stores n at *p if *p is old; returns what *p held. */
static __always_inline s64 __ark_cmpxchg64(s64 *p, s64 old, s64 n)
{
    __asm__ volatile("lock cmpxchg8b %1"
                     : "+A"(old), "+m"(*p)
                     : "b"((u32)n), "c"((u32)((u64)n >> 32))
                     : "memory", "cc");
    return old;
}
static __always_inline s64 atomic64_read(const atomic64_t *v)
{
    return __ark_cmpxchg64((s64 *)&v->counter, 0, 0);
}
static __always_inline s64 atomic64_xchg(atomic64_t *v, s64 n)
{
    s64 c = atomic64_read(v), seen;
    while ((seen = __ark_cmpxchg64(&v->counter, c, n)) != c)
        c = seen;
    return c;
}
static __always_inline void atomic64_set(atomic64_t *v, s64 i) { (void)atomic64_xchg(v, i); }
static __always_inline s64 atomic64_cmpxchg(atomic64_t *v, s64 old, s64 n) { return __ark_cmpxchg64(&v->counter, old, n); }
static __always_inline bool atomic64_try_cmpxchg(atomic64_t *v, s64 *old, s64 n)
{
    s64 seen = __ark_cmpxchg64(&v->counter, *old, n);
    if (seen == *old)
        return true;
    *old = seen;
    return false;
}

/* The value before and after op(value, i), applied atomically. */
#define __ARK_ATOMIC64_OP(name, expr)                                                          \
    static __always_inline s64 atomic64_fetch_##name(s64 i, atomic64_t *v)                     \
    {                                                                                          \
        s64 c = atomic64_read(v);                                                              \
        while (!atomic64_try_cmpxchg(v, &c, (expr)))                                           \
            ;                                                                                  \
        return c;                                                                              \
    }                                                                                          \
    static __always_inline void atomic64_##name(s64 i, atomic64_t *v) { (void)atomic64_fetch_##name(i, v); }
__ARK_ATOMIC64_OP(add, (s64)((u64)c + (u64)i))
__ARK_ATOMIC64_OP(sub, (s64)((u64)c - (u64)i))
__ARK_ATOMIC64_OP(and, c & i)
__ARK_ATOMIC64_OP(or, c | i)
__ARK_ATOMIC64_OP(xor, c ^ i)
__ARK_ATOMIC64_OP(andnot, c & ~i)
#undef __ARK_ATOMIC64_OP

static __always_inline s64 atomic64_add_return(s64 i, atomic64_t *v) { return (s64)((u64)atomic64_fetch_add(i, v) + (u64)i); }
static __always_inline s64 atomic64_sub_return(s64 i, atomic64_t *v) { return (s64)((u64)atomic64_fetch_sub(i, v) - (u64)i); }
static __always_inline void atomic64_inc(atomic64_t *v) { atomic64_add(1, v); }
static __always_inline void atomic64_dec(atomic64_t *v) { atomic64_sub(1, v); }
static __always_inline s64 atomic64_inc_return(atomic64_t *v) { return atomic64_add_return(1, v); }
static __always_inline s64 atomic64_dec_return(atomic64_t *v) { return atomic64_sub_return(1, v); }
static __always_inline s64 atomic64_fetch_inc(atomic64_t *v) { return atomic64_fetch_add(1, v); }
static __always_inline s64 atomic64_fetch_dec(atomic64_t *v) { return atomic64_fetch_sub(1, v); }
static __always_inline bool atomic64_sub_and_test(s64 i, atomic64_t *v) { return atomic64_sub_return(i, v) == 0; }
static __always_inline bool atomic64_dec_and_test(atomic64_t *v) { return atomic64_dec_return(v) == 0; }
static __always_inline bool atomic64_inc_and_test(atomic64_t *v) { return atomic64_inc_return(v) == 0; }
static __always_inline bool atomic64_add_negative(s64 i, atomic64_t *v) { return atomic64_add_return(i, v) < 0; }
/* Adds a unless the value is u; returns the value before. */
static __always_inline s64 atomic64_fetch_add_unless(atomic64_t *v, s64 a, s64 u)
{
    s64 c = atomic64_read(v);
    do {
        if (c == u)
            break;
    } while (!atomic64_try_cmpxchg(v, &c, (s64)((u64)c + (u64)a)));
    return c;
}
static __always_inline bool atomic64_add_unless(atomic64_t *v, s64 a, s64 u) { return atomic64_fetch_add_unless(v, a, u) != u; }
static __always_inline bool atomic64_inc_not_zero(atomic64_t *v) { return atomic64_add_unless(v, 1, 0); }
/* Decrements unless that would go below 0; returns the value minus 1 either way. */
static __always_inline s64 atomic64_dec_if_positive(atomic64_t *v)
{
    s64 c = atomic64_read(v);
    do {
        if (c <= 0)
            break;
    } while (!atomic64_try_cmpxchg(v, &c, c - 1));
    return c - 1;
}

/* cmpxchg8b is always a full barrier: the weaker orderings are the same operations. */
#define atomic64_read_acquire(v)           atomic64_read(v)
#define atomic64_set_release(v, i)         atomic64_set(v, i)
#define atomic64_add_return_relaxed        atomic64_add_return
#define atomic64_sub_return_relaxed        atomic64_sub_return
#define atomic64_inc_return_relaxed        atomic64_inc_return
#define atomic64_dec_return_relaxed        atomic64_dec_return
#define atomic64_fetch_add_relaxed         atomic64_fetch_add
#define atomic64_fetch_sub_relaxed         atomic64_fetch_sub
#define atomic64_cmpxchg_relaxed           atomic64_cmpxchg
#define atomic64_xchg_relaxed              atomic64_xchg

/* On x86 every locked instruction is a full barrier, so these weaker forms of atomic_t's
 * operations are the operations themselves. */
#define atomic_add_return_relaxed          atomic_add_return
#define atomic_sub_return_relaxed          atomic_sub_return
#define atomic_inc_return_relaxed          atomic_inc_return
#define atomic_dec_return_relaxed          atomic_dec_return
#define atomic_fetch_add_relaxed           atomic_fetch_add
#define atomic_fetch_sub_relaxed           atomic_fetch_sub
#define atomic_cmpxchg_relaxed             atomic_cmpxchg
#define atomic_xchg_relaxed                atomic_xchg
#define atomic_add_return_acquire          atomic_add_return
#define atomic_add_return_release          atomic_add_return
#define atomic_cmpxchg_acquire             atomic_cmpxchg
#define atomic_cmpxchg_release             atomic_cmpxchg
#endif
