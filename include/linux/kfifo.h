/* linux/kfifo.h — first-in first-out queues of fixed-size elements in a power-of-2 ring:
 * DECLARE_KFIFO/DEFINE_KFIFO with the storage inside, DECLARE_KFIFO_PTR or struct kfifo (bytes)
 * with kfifo_alloc or kfifo_init. One producer and one consumer need no lock (the indices are
 * published with release/acquire ordering); more of either take the _spinlocked forms or a lock
 * of their own. Counts are in elements, except kfifo_to_user/kfifo_from_user's, in bytes. */
#ifndef _LINUX_KFIFO_H
#define _LINUX_KFIFO_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>

struct __kfifo {
    unsigned int in;                   /* free-running: in - out is the number held */
    unsigned int out;
    unsigned int mask;                 /* size - 1 */
    unsigned int esize;                /* bytes an element */
    void *data;
};

/* The element type rides along in a union member that is never used as data. */
#define __ARK_KFIFO_COMMON(type)                                                            \
    union {                                                                                 \
        struct __kfifo kfifo;                                                               \
        type *ark_type;                                                                     \
    }
#define __ark_kfifo_size_ok(size) (((size) >= 2 && !((size) & ((size) - 1))) ? (size) : -1)

#define STRUCT_KFIFO_PTR(type) struct { __ARK_KFIFO_COMMON(type); }
/* size must be a power of 2 of at least 2: anything else does not compile. */
#define STRUCT_KFIFO(type, size)                                                            \
    struct { __ARK_KFIFO_COMMON(type); type buf[__ark_kfifo_size_ok(size)]; }
#define DECLARE_KFIFO_PTR(fifo, type) STRUCT_KFIFO_PTR(type) fifo
#define DECLARE_KFIFO(fifo, type, size) STRUCT_KFIFO(type, size) fifo
#define INIT_KFIFO(fifo)                                                                    \
    ((fifo).kfifo = (struct __kfifo){ 0, 0, ARRAY_SIZE((fifo).buf) - 1,                     \
                                      sizeof((fifo).buf[0]), (fifo).buf })
#define DEFINE_KFIFO(fifo, type, size)                                                      \
    DECLARE_KFIFO(fifo, type, size) = { { .kfifo = { 0, 0, (size) - 1, sizeof(type), (fifo).buf } } }

/* A byte fifo whose storage comes from kfifo_alloc or kfifo_init. */
struct kfifo {
    __ARK_KFIFO_COMMON(unsigned char);
};

int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp);
void __kfifo_free(struct __kfifo *fifo);
int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize);
unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len);
unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len);
unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len);
unsigned int __kfifo_len(struct __kfifo *fifo);
int __kfifo_to_user(struct __kfifo *fifo, void __user *to, unsigned long len, unsigned int *copied);
int __kfifo_from_user(struct __kfifo *fifo, const void __user *from, unsigned long len,
                      unsigned int *copied);

#define kfifo_initialized(fifo) ((fifo)->kfifo.mask != 0)
#define kfifo_esize(fifo)       ((fifo)->kfifo.esize)
#define kfifo_size(fifo)        ((fifo)->kfifo.mask + 1)
#define kfifo_len(fifo)         __kfifo_len(&(fifo)->kfifo)
#define kfifo_is_empty(fifo)    (kfifo_len(fifo) == 0)
#define kfifo_is_full(fifo)     (kfifo_len(fifo) > (fifo)->kfifo.mask)
#define kfifo_avail(fifo)       (kfifo_size(fifo) - kfifo_len(fifo))
#define kfifo_reset(fifo)       ((void)((fifo)->kfifo.in = (fifo)->kfifo.out = 0))
#define kfifo_reset_out(fifo)   ((void)((fifo)->kfifo.out = __atomic_load_n(&(fifo)->kfifo.in, __ATOMIC_ACQUIRE)))
/* Drops the oldest element, if there is one. */
#define kfifo_skip(fifo)        ((void)__kfifo_out(&(fifo)->kfifo, NULL, 1))

#define kfifo_alloc(fifo, size, gfp) __kfifo_alloc(&(fifo)->kfifo, (size), sizeof(*(fifo)->ark_type), (gfp))
#define kfifo_free(fifo)             __kfifo_free(&(fifo)->kfifo)
#define kfifo_init(fifo, buffer, size) __kfifo_init(&(fifo)->kfifo, (buffer), (size), sizeof(*(fifo)->ark_type))

/* One element in: 1, or 0 when full. */
#define kfifo_put(fifo, val)                                                                \
    ({                                                                                      \
        typeof(*(fifo)->ark_type) __ark_kfifo_v = (val);                                    \
        __kfifo_in(&(fifo)->kfifo, &__ark_kfifo_v, 1);                                      \
    })
/* One element out into *ptr: 1, or 0 when empty. */
#define kfifo_get(fifo, ptr)                                                                \
    ({                                                                                      \
        typeof((fifo)->ark_type) __ark_kfifo_p = (ptr);                                     \
        __kfifo_out(&(fifo)->kfifo, __ark_kfifo_p, 1);                                      \
    })
#define kfifo_peek(fifo, ptr)                                                               \
    ({                                                                                      \
        typeof((fifo)->ark_type) __ark_kfifo_p = (ptr);                                     \
        __kfifo_out_peek(&(fifo)->kfifo, __ark_kfifo_p, 1);                                 \
    })
/* n elements in or out: the number that fitted, or that there were. */
#define kfifo_in(fifo, buf, n)       __kfifo_in(&(fifo)->kfifo, (buf), (n))
#define kfifo_out(fifo, buf, n)      __kfifo_out(&(fifo)->kfifo, (buf), (n))
#define kfifo_out_peek(fifo, buf, n) __kfifo_out_peek(&(fifo)->kfifo, (buf), (n))
#define kfifo_in_spinlocked(fifo, buf, n, lock)                                             \
    ({                                                                                      \
        unsigned long __ark_kfifo_f;                                                        \
        unsigned int __ark_kfifo_r;                                                         \
        spin_lock_irqsave((lock), __ark_kfifo_f);                                           \
        __ark_kfifo_r = kfifo_in((fifo), (buf), (n));                                       \
        spin_unlock_irqrestore((lock), __ark_kfifo_f);                                      \
        __ark_kfifo_r;                                                                      \
    })
#define kfifo_out_spinlocked(fifo, buf, n, lock)                                            \
    ({                                                                                      \
        unsigned long __ark_kfifo_f;                                                        \
        unsigned int __ark_kfifo_r;                                                         \
        spin_lock_irqsave((lock), __ark_kfifo_f);                                           \
        __ark_kfifo_r = kfifo_out((fifo), (buf), (n));                                      \
        spin_unlock_irqrestore((lock), __ark_kfifo_f);                                      \
        __ark_kfifo_r;                                                                      \
    })
#define kfifo_in_spinlocked_noirqsave(fifo, buf, n, lock)                                   \
    ({                                                                                      \
        unsigned int __ark_kfifo_r;                                                         \
        spin_lock(lock);                                                                    \
        __ark_kfifo_r = kfifo_in((fifo), (buf), (n));                                       \
        spin_unlock(lock);                                                                  \
        __ark_kfifo_r;                                                                      \
    })
#define kfifo_out_spinlocked_noirqsave(fifo, buf, n, lock)                                  \
    ({                                                                                      \
        unsigned int __ark_kfifo_r;                                                         \
        spin_lock(lock);                                                                    \
        __ark_kfifo_r = kfifo_out((fifo), (buf), (n));                                      \
        spin_unlock(lock);                                                                  \
        __ark_kfifo_r;                                                                      \
    })
/* len bytes (whole elements) between the fifo and a user buffer: 0 or -EFAULT, with *copied the
 * bytes moved. */
#define kfifo_to_user(fifo, to, len, copied)   __kfifo_to_user(&(fifo)->kfifo, (to), (len), (copied))
#define kfifo_from_user(fifo, from, len, copied) __kfifo_from_user(&(fifo)->kfifo, (from), (len), (copied))
#endif
