/* printf.c — formatted output for user programs: the shared engine (lib/format.c) writing to a file
 * descriptor. Each call formats into a stack buffer and issues one write (longer output is flushed
 * in buffer-sized pieces), so lines from different processes do not interleave. */
#include "ulib.h"

/* A sink that writes each full buffer to fd and keeps the first write error. */
struct fd_sink {
    struct ark_fmt_sink out;     /* first, so that the flush hook can get back to the fd */
    int fd;
    long error;
};

static void fd_sink_flush(struct ark_fmt_sink *out)
{
    struct fd_sink *s = (struct fd_sink *)out;
    if (out->used) {
        long r = write_all(s->fd, out->buf, (uint32_t)out->used);
        if (r < 0 && !s->error)
            s->error = r;
        out->used = 0;
    }
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    char buf[512];
    struct fd_sink s = { { buf, sizeof(buf), 0, 0, fd_sink_flush }, fd, 0 };
    ark_format(&s.out, fmt, ap);
    fd_sink_flush(&s.out);
    return s.error ? (int)s.error : (int)s.out.total;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(STDOUT_FILENO, fmt, ap);
    va_end(ap);
    return n;
}

int eprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(STDERR_FILENO, fmt, ap);
    va_end(ap);
    return n;
}

long write_all(int fd, const void *buf, uint32_t len)
{
    const char *p = buf;
    uint32_t done = 0;
    while (done < len) {
        long r = write(fd, p + done, len - done);
        if (r < 0)
            return r;
        if (r == 0)
            return -EIO;   /* a device that accepts nothing would otherwise loop forever */
        done += (uint32_t)r;
    }
    return (long)len;
}

int puts_fd(int fd, const char *s)
{
    return (int)write_all(fd, s, (uint32_t)strlen(s));
}
