/* util.c — libdkm's own string, memory and formatting helpers. The kernel is built with
 * -fno-builtin and without libc, so libdkm depends on no external symbol but memcpy and memset. */
#include "internal.h"

size_t dkm_strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

size_t dkm_strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int dkm_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (int)(unsigned char)*a - (int)(unsigned char)*b;
}

int dkm_strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (int)(unsigned char)*a - (int)(unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

bool dkm_starts_with(const char *s, const char *prefix)
{
    while (*prefix)
        if (*s++ != *prefix++)
            return false;
    return true;
}

size_t dkm_strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = dkm_strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        for (size_t i = 0; i < n; i++)
            dst[i] = src[i];
        dst[n] = 0;
    }
    return len;
}

/* FNV-1a; 0 is reserved for empty hash-table slots. */
uint32_t dkm_symbol_hash(const char *name, uint32_t *len)
{
    const struct dkm_name k = dkm_name_key(name);
    if (len)
        *len = k.len;
    return k.hash;
}

bool dkm_is_pow2(uint32_t x)
{
    return x && !(x & (x - 1));
}

/* ---- A small vsnprintf: %s %c %d %i %u %x %X %p %%, l/z/ll sizes, width, precision for %s
 * (also .*), '0' and '-' flags. ---- */

struct dkm_out {
    char *buf;
    size_t size, len;
};

static void out_char(struct dkm_out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void out_padded(struct dkm_out *o, const char *s, size_t n, unsigned width, bool left,
                       char pad)
{
    size_t fill = width > n ? width - n : 0;
    if (!left)
        while (fill--)
            out_char(o, pad);
    for (size_t i = 0; i < n; i++)
        out_char(o, s[i]);
    if (left)
        while (fill--)
            out_char(o, ' ');
}

/* Divides v by a base of at most 16 in 16-bit steps: a 32-bit kernel has no 64-bit division
 * helper (libgcc's __udivmoddi4), and messages may print 64-bit values. */
static unsigned divmod_small(unsigned long long *v, unsigned base)
{
    unsigned long long q = 0;
    uint32_t r = 0;
    for (int shift = 48; shift >= 0; shift -= 16) {
        uint32_t cur = r << 16 | (uint32_t)((*v >> shift) & 0xffff);
        q = q << 16 | (cur / base);
        r = cur % base;
    }
    *v = q;
    return r;
}

static size_t utoa(unsigned long long v, unsigned base, bool upper, char *tmp)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char rev[24];
    size_t n = 0;
    do {
        rev[n++] = digits[divmod_small(&v, base)];
    } while (v);
    for (size_t i = 0; i < n; i++)
        tmp[i] = rev[n - 1 - i];
    return n;
}

int dkm_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct dkm_out o = {buf, size, 0};
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            out_char(&o, *f);
            continue;
        }
        f++;
        bool left = false;
        char pad = ' ';
        for (;; f++) {
            if (*f == '-')
                left = true;
            else if (*f == '0')
                pad = '0';
            else
                break;
        }
        unsigned width = 0;
        while (*f >= '0' && *f <= '9')
            width = width * 10 + (unsigned)(*f++ - '0');
        size_t prec = (size_t)-1;
        if (*f == '.') {
            f++;
            if (*f == '*') {
                int p = va_arg(ap, int);
                prec = p < 0 ? 0 : (size_t)p;
                f++;
            } else {
                prec = 0;
                while (*f >= '0' && *f <= '9')
                    prec = prec * 10 + (size_t)(*f++ - '0');
            }
        }
        int lng = 0;
        if (*f == 'z') {
            lng = sizeof(size_t) > sizeof(unsigned) ? 1 : 0;
            f++;
        }
        while (*f == 'l') {
            lng++;
            f++;
        }
        char tmp[24];
        unsigned long long u;
        switch (*f) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            out_padded(&o, s, dkm_strnlen(s, prec), width, left, ' ');
            break;
        }
        case 'c':
            tmp[0] = (char)va_arg(ap, int);
            out_padded(&o, tmp, 1, width, left, ' ');
            break;
        case 'd':
        case 'i': {
            long long v = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
            size_t n = 0;
            if (v < 0) {
                tmp[n++] = '-';
                u = 0ull - (unsigned long long)v;
            } else {
                u = (unsigned long long)v;
            }
            n += utoa(u, 10, false, tmp + n);
            out_padded(&o, tmp, n, width, left, pad);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
            u = lng >= 2 ? va_arg(ap, unsigned long long)
                : lng    ? va_arg(ap, unsigned long)
                         : va_arg(ap, unsigned);
            out_padded(&o, tmp, utoa(u, *f == 'u' ? 10 : 16, *f == 'X', tmp), width, left, pad);
            break;
        case 'p':
            out_char(&o, '0');
            out_char(&o, 'x');
            u = (uintptr_t)va_arg(ap, void *);
            out_padded(&o, tmp, utoa(u, 16, false, tmp), width, left, pad);
            break;
        case '%':
            out_char(&o, '%');
            break;
        default:
            /* Unknown conversion: print it verbatim so the mistake is visible. */
            out_char(&o, '%');
            if (!*f)
                f--;
            else
                out_char(&o, *f);
            break;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int dkm_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = dkm_vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
