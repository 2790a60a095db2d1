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
#endif
