/* format.c — vsnprintf/snprintf for the kernel and modules: %d %i %u %x %X %p %s %c %% with the
 * '-', '0', '+', ' ' flags, width and precision (numbers or '*'), and the h, hh, l, ll, z length
 * modifiers. Returns the length the full output would have, like C99; the buffer is always
 * NUL-terminated when size > 0. */
#include "ark/kernel.h"
#include "export.h"

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

struct spec {
    bool left, zero, plus, space;
    int width, precision;          /* precision -1: none */
};

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
    if (!s)
        s = "(null)";
    size_t n = sp->precision >= 0 ? strnlen(s, (size_t)sp->precision) : strlen(s);
    int fill = sp->width > (int)n ? sp->width - (int)n : 0;
    if (!sp->left)
        pad(o, ' ', fill);
    for (size_t i = 0; i < n; i++)
        put(o, s[i]);
    if (sp->left)
        pad(o, ' ', fill);
}

static void put_number(struct out *o, unsigned long long v, bool negative, unsigned base,
                       bool upper, const char *prefix, const struct spec *sp)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;
    if (base == 10 && v <= 0xFFFFFFFFu) {      /* 32-bit division: no libgcc call on the fast path */
        uint32_t w = (uint32_t)v;
        do {
            tmp[n++] = digits[w % 10];
            w /= 10;
        } while (w);
    } else {
        do {
            tmp[n++] = digits[v % base];
            v /= base;
        } while (v);
    }
    if (sp->precision == 0 && n == 1 && tmp[0] == '0')
        n = 0;                                  /* "%.0d" of zero prints nothing */

    char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
    int zeros = sp->precision > n ? sp->precision - n : 0;
    int body = n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
    int fill = sp->width > body ? sp->width - body : 0;
    bool zero_fill = sp->zero && !sp->left && sp->precision < 0;

    if (!sp->left && !zero_fill)
        pad(o, ' ', fill);
    if (sign)
        put(o, sign);
    for (const char *p = prefix; *p; p++)
        put(o, *p);
    if (zero_fill)
        pad(o, '0', fill);
    pad(o, '0', zeros);
    while (n)
        put(o, tmp[--n]);
    if (sp->left)
        pad(o, ' ', fill);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            put(&o, *f);
            continue;
        }
        struct spec sp = { false, false, false, false, 0, -1 };
        for (;; f++) {
            if (f[1] == '-') sp.left = true;
            else if (f[1] == '0') sp.zero = true;
            else if (f[1] == '+') sp.plus = true;
            else if (f[1] == ' ') sp.space = true;
            else break;
        }
        if (f[1] == '*') {
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {
                sp.left = true;
                sp.width = -sp.width;
            }
            f++;
        } else {
            while (f[1] >= '0' && f[1] <= '9')
                sp.width = sp.width * 10 + (*++f - '0');
        }
        if (f[1] == '.') {
            f++;
            sp.precision = 0;
            if (f[1] == '*') {
                sp.precision = va_arg(ap, int);
                if (sp.precision < 0)
                    sp.precision = -1;
                f++;
            } else {
                while (f[1] >= '0' && f[1] <= '9')
                    sp.precision = sp.precision * 10 + (*++f - '0');
            }
        }
        int length = 0;                 /* -2 hh, -1 h, 0 int, 1 long, 2 long long, 3 size_t */
        if (f[1] == 'h') { length = -1; f++; if (f[1] == 'h') { length = -2; f++; } }
        else if (f[1] == 'l') { length = 1; f++; if (f[1] == 'l') { length = 2; f++; } }
        else if (f[1] == 'z') { length = 3; f++; }

        char conv = *++f;
        switch (conv) {
        case 'd':
        case 'i': {
            long long v;
            if (length == 2) v = va_arg(ap, long long);
            else if (length == 1) v = va_arg(ap, long);
            else if (length == 3) v = (long long)va_arg(ap, size_t);
            else v = va_arg(ap, int);
            if (length == -1) v = (short)v;
            if (length == -2) v = (signed char)v;
            unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
            put_number(&o, mag, v < 0, 10, false, "", &sp);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            unsigned long long v;
            if (length == 2) v = va_arg(ap, unsigned long long);
            else if (length == 1) v = va_arg(ap, unsigned long);
            else if (length == 3) v = va_arg(ap, size_t);
            else v = va_arg(ap, unsigned int);
            if (length == -1) v = (unsigned short)v;
            if (length == -2) v = (unsigned char)v;
            sp.plus = sp.space = false;
            put_number(&o, v, false, conv == 'u' ? 10 : 16, conv == 'X', "", &sp);
            break;
        }
        case 'p': {
            sp.plus = sp.space = false;
            if (sp.precision < 0)
                sp.precision = (int)(2 * sizeof(void *));
            put_number(&o, (uintptr_t)va_arg(ap, void *), false, 16, false, "0x", &sp);
            break;
        }
        case 's':
            put_string(&o, va_arg(ap, const char *), &sp);
            break;
        case 'c': {
            char c[2] = { (char)va_arg(ap, int), '\0' };
            sp.precision = 1;
            if (c[0] == '\0') {         /* a NUL character still counts as one */
                int fill = sp.width > 1 ? sp.width - 1 : 0;
                if (!sp.left) pad(&o, ' ', fill);
                put(&o, '\0');
                if (sp.left) pad(&o, ' ', fill);
            } else {
                put_string(&o, c, &sp);
            }
            break;
        }
        case '%':
            put(&o, '%');
            break;
        case '\0':                      /* a lone '%' at the end is printed as it is */
            put(&o, '%');
            f--;
            break;
        default:                        /* unknown conversion: print it as written */
            put(&o, '%');
            put(&o, conv);
            break;
        }
    }
    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}
KERNEL_EXPORT(vsnprintf);

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
KERNEL_EXPORT(snprintf);
