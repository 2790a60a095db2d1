/* linux/refcount.h — refcount_t, a reference count that saturates instead of wrapping: an
 * increment from 0 (a use after the last put) or past the maximum warns once and leaves the count
 * pinned at REFCOUNT_SATURATED, so the object leaks rather than being freed while in use. */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/limits.h>

typedef struct refcount_struct {
    atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }
#define REFCOUNT_MAX INT_MAX
#define REFCOUNT_SATURATED (INT_MIN / 2)

static inline void refcount_set(refcount_t *r, int n) { atomic_set(&r->refs, n); }
static inline unsigned int refcount_read(const refcount_t *r) { return (unsigned int)atomic_read(&r->refs); }

/* The count went wrong (from 0, or beyond the limit): pin it where no put can free it. */
static inline void ark_refcount_saturate(refcount_t *r, const char *what)
{
    atomic_set(&r->refs, REFCOUNT_SATURATED);
    WARN_ONCE(1, "refcount_t: %s; the object will leak\n", what);
}

static inline bool refcount_add_not_zero(int i, refcount_t *r)
{
    int old = atomic_read(&r->refs);
    do {
        if (!old)
            return false;
    } while (!atomic_try_cmpxchg(&r->refs, &old, old + i));
    if (old < 0 || old + i < 0)
        ark_refcount_saturate(r, "saturated");
    return true;
}
static inline bool refcount_inc_not_zero(refcount_t *r) { return refcount_add_not_zero(1, r); }
static inline void refcount_add(int i, refcount_t *r)
{
    int old = atomic_fetch_add(i, &r->refs);
    if (!old)
        ark_refcount_saturate(r, "addition on 0; use-after-free");
    else if (old < 0 || old + i < 0)
        ark_refcount_saturate(r, "saturated");
}
static inline void refcount_inc(refcount_t *r) { refcount_add(1, r); }

/* True when this put took the count to 0: the caller frees the object. */
static inline bool refcount_sub_and_test(int i, refcount_t *r)
{
    int old = atomic_fetch_sub(i, &r->refs);
    if (old == i)
        return true;
    if (old < 0 || old - i < 0)
        ark_refcount_saturate(r, "underflow; use-after-free");
    return false;
}
static inline bool refcount_dec_and_test(refcount_t *r) { return refcount_sub_and_test(1, r); }
static inline void refcount_dec(refcount_t *r)
{
    if (refcount_dec_and_test(r))
        ark_refcount_saturate(r, "decrement hit 0; leaking memory");
}

#endif
