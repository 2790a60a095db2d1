/* printf.c — formatted output for user programs: a vsnprintf core and wrappers that write the
 * result to a file descriptor. Each call formats into a stack buffer and issues one write (longer
 * output is flushed in buffer-sized pieces), so lines from different processes do not interleave. */
#include "ulib.h"

/* Output sink: a bounded buffer that counts every byte it was offered, as snprintf must. When
 * fd >= 0 a full buffer is written out instead of truncating. */
struct sink {
    char *buf;
    size_t size;
    size_t used;      /* bytes in buf */
    size_t total;     /* bytes produced so far */
    int fd;
    long error;       /* first write error when writing to fd */
};

static void sink_flush(struct sink *s)
{
    if (s->fd >= 0 && s->used) {
        long r = write_all(s->fd, s->buf, (uint32_t)s->used);
        if (r < 0 && !s->error)
            s->error = r;
        s->used = 0;
    }
}

static void sink_put(struct sink *s, char c)
{
    s->total++;
    if (s->fd >= 0) {
        if (s->used == s->size)
            sink_flush(s);
        s->buf[s->used++] = c;
    } else if (s->size && s->used < s->size - 1) {
        s->buf[s->used++] = c;
    }
}

static void sink_repeat(struct sink *s, char c, int n)
{
    while (n-- > 0)
        sink_put(s, c);
}

struct spec {
    bool left, zero, plus, space;
    int width;
    int precision;    /* -1 when absent */
};

/* Formats one integer given as magnitude and sign. */
static void put_number(struct sink *s, const struct spec *sp, unsigned long long value,
                       bool negative, unsigned base, bool upper, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;

    while (value) {
        if (value >> 32 == 0) {   /* the common case needs no long division */
            uint32_t v32 = (uint32_t)value;
            tmp[n++] = digits[v32 % base];
            value = v32 / base;
            continue;
        }
        /* 64-bit division by a small base, done 32 bits at a time so no libgcc helper is needed. */
        uint32_t hi = (uint32_t)(value >> 32), lo = (uint32_t)value;
        uint32_t qhi = hi / base, r = hi % base;
        unsigned long long mid = ((unsigned long long)r << 32) | lo;
        uint32_t qlo = 0;
        /* mid < base * 2^32, so the quotient fits in 32 bits; long division bit by bit. */
        for (int bit = 31; bit >= 0; bit--) {
            unsigned long long part = (unsigned long long)base << bit;
            if (mid >= part) {
                mid -= part;
                qlo |= 1u << bit;
            }
        }
        tmp[n++] = digits[(uint32_t)mid];
        value = ((unsigned long long)qhi << 32) | qlo;
    }
    if (sp->precision < 0 && n == 0)
        tmp[n++] = '0';

    char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
    int zeros = sp->precision > n ? sp->precision - n : 0;
    int len = n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
    int pad = sp->width > len ? sp->width - len : 0;

    if (!sp->left && !(sp->zero && sp->precision < 0))
        sink_repeat(s, ' ', pad);
    if (sign)
        sink_put(s, sign);
    for (const char *p = prefix; *p; p++)
        sink_put(s, *p);
    if (!sp->left && sp->zero && sp->precision < 0)
        sink_repeat(s, '0', pad);
    sink_repeat(s, '0', zeros);
    while (n)
        sink_put(s, tmp[--n]);
    if (sp->left)
        sink_repeat(s, ' ', pad);
}

static void put_string(struct sink *s, const struct spec *sp, const char *str)
{
    if (!str)
        str = "(null)";
    int len = (int)(sp->precision >= 0 ? strnlen(str, (size_t)sp->precision) : strlen(str));
    int pad = sp->width > len ? sp->width - len : 0;
    if (!sp->left)
        sink_repeat(s, ' ', pad);
    for (int i = 0; i < len; i++)
        sink_put(s, str[i]);
    if (sp->left)
        sink_repeat(s, ' ', pad);
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            sink_put(s, *fmt);
            continue;
        }
        struct spec sp = { .precision = -1 };
        for (;; fmt++) {
            if (fmt[1] == '-') sp.left = true;
            else if (fmt[1] == '0') sp.zero = true;
            else if (fmt[1] == '+') sp.plus = true;
            else if (fmt[1] == ' ') sp.space = true;
            else break;
        }
        fmt++;
        if (*fmt == '*') {
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {
                sp.left = true;
                sp.width = -sp.width;
            }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                sp.width = sp.width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            sp.precision = 0;
            if (*fmt == '*') {
                sp.precision = va_arg(ap, int);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    sp.precision = sp.precision * 10 + (*fmt++ - '0');
            }
        }
        int longs = 0;
        while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
            if (*fmt == 'l')
                longs++;
            fmt++;
        }
        switch (*fmt) {
        case 'd':
        case 'i': {
            long long v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
            put_number(s, &sp, mag, v < 0, 10, false, "");
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            unsigned long long v = longs >= 2 ? va_arg(ap, unsigned long long)
                                 : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            put_number(s, &sp, v, false, base, *fmt == 'X', "");
            break;
        }
        case 'p':
            put_number(s, &sp, (uintptr_t)va_arg(ap, void *), false, 16, false, "0x");
            break;
        case 'c': {
            char c = (char)va_arg(ap, int);
            sp.precision = -1;
            char one[2] = { c, 0 };
            if (c == 0) {   /* a NUL character still counts as output */
                sink_repeat(s, ' ', sp.left ? 0 : sp.width - 1);
                sink_put(s, 0);
                sink_repeat(s, ' ', sp.left ? sp.width - 1 : 0);
            } else {
                put_string(s, &sp, one);
            }
            break;
        }
        case 's':
            put_string(s, &sp, va_arg(ap, const char *));
            break;
        case '%':
            sink_put(s, '%');
            break;
        case '\0':
            fmt--;     /* a lone '%' at the end: stop at the terminator */
            break;
        default:       /* unknown conversion: print it literally so the mistake is visible */
            sink_put(s, '%');
            sink_put(s, *fmt);
            break;
        }
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = { .buf = buf, .size = size, .fd = -1 };
    format(&s, fmt, ap);
    if (size)
        buf[s.used] = '\0';
    return (int)s.total;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    char buf[512];
    struct sink s = { .buf = buf, .size = sizeof(buf), .fd = fd };
    format(&s, fmt, ap);
    sink_flush(&s);
    return s.error ? (int)s.error : (int)s.total;
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
