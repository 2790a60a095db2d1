/* uaccess.c — copy_to_user and friends with Linux's return conventions. ark's VFS stages a read or
 * write in a kernel buffer, so while a driver's read/write runs, that buffer is "the user's
 * buffer": the window below. Any other address is a real user address, checked page by page.
 * The window belongs to the driver call in progress on this kernel stack (exec_ctx.h): with
 * preemption, another thread's call has its own window and never sees this one. */
#include "lx_internal.h"
#include "exec_ctx.h"

bool user_access_ok(const void *uptr, size_t len, bool write);

void lx_uwindow_enter(struct lx_uwindow *saved, const void *buf, size_t len)
{
    struct exec_ctx *c = exec_ctx_current();

    saved->start = c->user_window_start;
    saved->len = c->user_window_len;
    c->user_window_start = (uintptr_t)buf;
    c->user_window_len = len;
}

void lx_uwindow_leave(const struct lx_uwindow *saved)
{
    struct exec_ctx *c = exec_ctx_current();

    c->user_window_start = saved->start;
    c->user_window_len = saved->len;
}

static bool lx_in_window(const void *p, unsigned long n)
{
    const struct exec_ctx *c = exec_ctx_current();
    uintptr_t a = (uintptr_t)p;

    return c->user_window_len && a >= c->user_window_start && n <= c->user_window_len &&
           a - c->user_window_start <= c->user_window_len - n;
}

static bool lx_user_ok(const void *p, unsigned long n, bool write)
{
    return lx_in_window(p, n) || user_access_ok(p, n, write);
}

unsigned long ark_linux_copy_to_user(void __user *to, const void *from, unsigned long n)
{
    if (!n)
        return 0;
    if (!lx_user_ok(to, n, true))
        return n;
    memcpy(to, from, n);
    return 0;
}
KERNEL_EXPORT(ark_linux_copy_to_user);

unsigned long ark_linux_copy_from_user(void *to, const void __user *from, unsigned long n)
{
    if (!n)
        return 0;
    if (!lx_user_ok(from, n, false)) {
        memset(to, 0, n);               /* Linux zero-fills what it could not copy */
        return n;
    }
    memcpy(to, from, n);
    return 0;
}
KERNEL_EXPORT(ark_linux_copy_from_user);

unsigned long ark_linux_clear_user(void __user *to, unsigned long n)
{
    if (!n)
        return 0;
    if (!lx_user_ok(to, n, true))
        return n;
    memset(to, 0, n);
    return 0;
}
KERNEL_EXPORT(ark_linux_clear_user);

bool ark_linux_access_ok(const void __user *addr, unsigned long size)
{
    return lx_in_window(addr, size) || user_access_ok(addr, size, false);
}
KERNEL_EXPORT(ark_linux_access_ok);

/* Length including the NUL (at most n + 1 when none is found within n), 0 on a fault. */
long ark_linux_strnlen_user(const char __user *src, long n)
{
    for (long i = 0; i < n; i++) {
        if (!lx_user_ok(src + i, 1, false))
            return 0;
        if (!src[i])
            return i + 1;
    }
    return n + 1;
}
KERNEL_EXPORT(ark_linux_strnlen_user);

long ark_linux_strncpy_from_user(char *dst, const char __user *src, long count)
{
    for (long i = 0; i < count; i++) {
        if (!lx_user_ok(src + i, 1, false))
            return -EFAULT;
        dst[i] = src[i];
        if (!dst[i])
            return i;
    }
    return count;
}
KERNEL_EXPORT(ark_linux_strncpy_from_user);

/* How many bytes a copy of count bytes at pos may move within a buffer of available bytes:
 * -EINVAL for a negative position, 0 at or past its end. */
static ssize_t buffer_span(loff_t pos, size_t available, size_t count)
{
    if (pos < 0)
        return -EINVAL;
    if ((size_t)pos >= available || !count)
        return 0;
    size_t n = available - (size_t)pos;
    return (ssize_t)(n > count ? count : n);
}

ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from,
                                size_t available)
{
    loff_t pos = *ppos;
    ssize_t n = buffer_span(pos, available, count);

    if (n <= 0)
        return n;
    if (copy_to_user(to, (const char *)from + pos, (size_t)n))
        return -EFAULT;
    *ppos = pos + (loff_t)n;
    return (ssize_t)n;
}
KERNEL_EXPORT(simple_read_from_buffer);

ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from,
                               size_t count)
{
    loff_t pos = *ppos;
    ssize_t n = buffer_span(pos, available, count);

    if (n <= 0)
        return n;
    if (copy_from_user((char *)to + pos, from, (size_t)n))
        return -EFAULT;
    *ppos = pos + (loff_t)n;
    return (ssize_t)n;
}
KERNEL_EXPORT(simple_write_to_buffer);
