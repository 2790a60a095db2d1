/* kfifo.c — the ring behind linux/kfifo.h: copies in and out across the wrap, allocation and
 * initialisation to a power-of-2 size, and the user-copy forms. One producer and one consumer
 * need no lock: each publishes its index with release ordering after the copy, and reads the
 * other's with acquire ordering before it. */
#include <linux/kfifo.h>
#include "lx_internal.h"

static unsigned int lx_kfifo_round_down(unsigned int n)
{
    unsigned int p = 1;

    while (p <= n / 2)
        p *= 2;
    return p;
}

int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp)
{
    unsigned int rounded = 1;

    fifo->in = fifo->out = 0;
    fifo->esize = (unsigned int)esize;
    fifo->data = NULL;
    fifo->mask = 0;
    if (size < 2 || size > 0x80000000u || !esize)
        return -EINVAL;
    while (rounded < size)
        rounded *= 2;                  /* up, as Linux's kfifo_alloc */
    fifo->data = kmalloc_array(rounded, esize, gfp);
    if (!fifo->data)
        return -ENOMEM;
    fifo->mask = rounded - 1;
    return 0;
}
KERNEL_EXPORT(__kfifo_alloc);

void __kfifo_free(struct __kfifo *fifo)
{
    kfree(fifo->data);
    fifo->data = NULL;
    fifo->in = fifo->out = 0;
    fifo->mask = 0;
}
KERNEL_EXPORT(__kfifo_free);

int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize)
{
    fifo->in = fifo->out = 0;
    fifo->esize = (unsigned int)esize;
    fifo->data = buffer;
    fifo->mask = 0;
    if (!esize || size / esize < 2)
        return -EINVAL;
    fifo->mask = lx_kfifo_round_down((unsigned int)(size / esize)) - 1;   /* down: it must fit */
    return 0;
}
KERNEL_EXPORT(__kfifo_init);

unsigned int __kfifo_len(struct __kfifo *fifo)
{
    return __atomic_load_n(&fifo->in, __ATOMIC_ACQUIRE) - __atomic_load_n(&fifo->out, __ATOMIC_ACQUIRE);
}
KERNEL_EXPORT(__kfifo_len);

/* Copies n elements between buf and the ring at index pos, across the wrap. */
static void lx_kfifo_copy_in(struct __kfifo *fifo, const void *buf, unsigned int n, unsigned int pos)
{
    unsigned int size = fifo->mask + 1, off = pos & fifo->mask, first = min(n, size - off);
    size_t es = fifo->esize;

    memcpy((char *)fifo->data + off * es, buf, first * es);
    memcpy(fifo->data, (const char *)buf + first * es, (n - first) * es);
}

static void lx_kfifo_copy_out(struct __kfifo *fifo, void *buf, unsigned int n, unsigned int pos)
{
    unsigned int size = fifo->mask + 1, off = pos & fifo->mask, first = min(n, size - off);
    size_t es = fifo->esize;

    if (!buf)
        return;                        /* kfifo_skip */
    memcpy(buf, (const char *)fifo->data + off * es, first * es);
    memcpy((char *)buf + first * es, fifo->data, (n - first) * es);
}

unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len)
{
    unsigned int in = fifo->in;        /* the producer's own index */
    unsigned int free = fifo->mask + 1 - (in - __atomic_load_n(&fifo->out, __ATOMIC_ACQUIRE));

    if (!fifo->mask)
        return 0;
    len = min(len, free);
    lx_kfifo_copy_in(fifo, buf, len, in);
    __atomic_store_n(&fifo->in, in + len, __ATOMIC_RELEASE);
    return len;
}
KERNEL_EXPORT(__kfifo_in);

unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len)
{
    unsigned int out = fifo->out;      /* the consumer's own index */
    unsigned int held = __atomic_load_n(&fifo->in, __ATOMIC_ACQUIRE) - out;

    len = min(len, held);
    lx_kfifo_copy_out(fifo, buf, len, out);
    return len;
}
KERNEL_EXPORT(__kfifo_out_peek);

unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len)
{
    len = __kfifo_out_peek(fifo, buf, len);
    __atomic_store_n(&fifo->out, fifo->out + len, __ATOMIC_RELEASE);
    return len;
}
KERNEL_EXPORT(__kfifo_out);

/* The user-copy forms move whole elements through copy_to_user/copy_from_user, in at most two
 * pieces (before and after the wrap); a fault moves nothing past it. */
int __kfifo_to_user(struct __kfifo *fifo, void __user *to, unsigned long len, unsigned int *copied)
{
    unsigned int es = fifo->esize ? fifo->esize : 1, out = fifo->out;
    unsigned int held = __atomic_load_n(&fifo->in, __ATOMIC_ACQUIRE) - out;
    unsigned int n = (unsigned int)min_t(unsigned long, len / es, held);
    unsigned int size = fifo->mask + 1, off = out & fifo->mask, first = min(n, size - off);

    *copied = 0;
    if (copy_to_user(to, (const char *)fifo->data + off * es, first * es) ||
        copy_to_user((char __user *)to + first * es, fifo->data, (n - first) * es))
        return -EFAULT;
    __atomic_store_n(&fifo->out, out + n, __ATOMIC_RELEASE);
    *copied = n * es;
    return 0;
}
KERNEL_EXPORT(__kfifo_to_user);

int __kfifo_from_user(struct __kfifo *fifo, const void __user *from, unsigned long len,
                      unsigned int *copied)
{
    unsigned int es = fifo->esize ? fifo->esize : 1, in = fifo->in;
    unsigned int free = fifo->mask + 1 - (in - __atomic_load_n(&fifo->out, __ATOMIC_ACQUIRE));
    unsigned int n = (unsigned int)min_t(unsigned long, len / es, fifo->mask ? free : 0);
    unsigned int size = fifo->mask + 1, off = in & fifo->mask, first = min(n, size - off);

    *copied = 0;
    if (copy_from_user((char *)fifo->data + off * es, from, first * es) ||
        copy_from_user(fifo->data, (const char __user *)from + first * es, (n - first) * es))
        return -EFAULT;
    __atomic_store_n(&fifo->in, in + n, __ATOMIC_RELEASE);
    *copied = n * es;
    return 0;
}
KERNEL_EXPORT(__kfifo_from_user);
