/* format.c — the printf engine shared by the kernel (vsnprintf, printk) and the user runtime
 * (snprintf, dprintf, printf): parses the conversions arklib.h lists and writes to a sink. */
#include "ark/arklib.h"

/* %p pads to at least this many hex digits. The kernel pads to the full pointer width so that
 * addresses line up in logs and panic reports; user programs print them unpadded, like "%#x"
 * (user/user.mk sets 0: no minimum). */
#ifndef ARKLIB_POINTER_DIGITS
#define ARKLIB_POINTER_DIGITS (2 * (int)sizeof(void *))
#endif

static void put(struct ark_fmt_sink *s, char c)
{
    s->total++;
    if (s->flush) {
        if (s->used == s->size)
            s->flush(s);
        s->buf[s->used++] = c;
    } else if (s->size && s->used < s->size - 1) {
        s->buf[s->used++] = c;
    }
}

static void pad(struct ark_fmt_sink *s, char c, int n)
{
    while (n-- > 0)
        put(s, c);
}

struct spec {
    bool left, zero, plus, space, alt;  /* alt: '#', 0x before hex and a leading 0 for octal */
    int width, precision;          /* precision -1: none */
};

static void put_string(struct ark_fmt_sink *s, const char *str, const struct spec *sp)
{
    if (!str)
        str = "(null)";
    size_t n = sp->precision >= 0 ? strnlen(str, (size_t)sp->precision) : strlen(str);
    int fill = sp->width > (int)n ? sp->width - (int)n : 0;
    if (!sp->left)
        pad(s, ' ', fill);
    for (size_t i = 0; i < n; i++)
        put(s, str[i]);
    if (sp->left)
        pad(s, ' ', fill);
}

/* Divides *value by a small base in place and returns the remainder. Values above 32 bits are
 * divided 32 bits at a time, so that neither side needs the compiler's 64-bit division helper. */
static unsigned divide(unsigned long long *value, unsigned base)
{
    if (*value >> 32 == 0) {
        uint32_t v32 = (uint32_t)*value;
        *value = v32 / base;
        return v32 % base;
    }
    uint32_t hi = (uint32_t)(*value >> 32), lo = (uint32_t)*value;
    uint32_t qhi = hi / base;
    unsigned long long rest = ((unsigned long long)(hi % base) << 32) | lo;
    uint32_t qlo = 0;
    /* rest < base * 2^32, so its quotient fits in 32 bits: long division, bit by bit. */
    for (int bit = 31; bit >= 0; bit--) {
        unsigned long long part = (unsigned long long)base << bit;
        if (rest >= part) {
            rest -= part;
            qlo |= 1u << bit;
        }
    }
    *value = ((unsigned long long)qhi << 32) | qlo;
    return (unsigned)rest;
}

static void put_number(struct ark_fmt_sink *s, unsigned long long v, bool negative, unsigned base,
                       bool upper, const char *prefix, const struct spec *sp)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;
    do
        tmp[n++] = digits[divide(&v, base)];
    while (v);
    if (sp->precision == 0 && n == 1 && tmp[0] == '0')
        n = 0;                                  /* "%.0d" of zero prints nothing */

    char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
    int zeros = sp->precision > n ? sp->precision - n : 0;
    if (prefix[0] == '0' && !prefix[1] && zeros)
        prefix = "";                            /* "%#.4o": the precision's zeros lead already */
    int body = n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
    int fill = sp->width > body ? sp->width - body : 0;
    bool zero_fill = sp->zero && !sp->left && sp->precision < 0;

    if (!sp->left && !zero_fill)
        pad(s, ' ', fill);
    if (sign)
        put(s, sign);
    for (const char *p = prefix; *p; p++)
        put(s, *p);
    if (zero_fill)
        pad(s, '0', fill);
    pad(s, '0', zeros);
    while (n)
        put(s, tmp[--n]);
    if (sp->left)
        pad(s, ' ', fill);
}

/* Reads the flags, width and precision after a '%'; returns the pointer to the last one read. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    for (;; f++) {
        if (f[1] == '-') sp->left = true;
        else if (f[1] == '0') sp->zero = true;
        else if (f[1] == '+') sp->plus = true;
        else if (f[1] == ' ') sp->space = true;
        else if (f[1] == '#') sp->alt = true;
        else break;
    }
    if (f[1] == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = true;
            sp->width = -sp->width;
        }
        f++;
    } else {
        while (f[1] >= '0' && f[1] <= '9')
            sp->width = sp->width * 10 + (*++f - '0');
    }
    if (f[1] == '.') {
        f++;
        sp->precision = 0;
        if (f[1] == '*') {
            sp->precision = va_arg(*ap, int);
            if (sp->precision < 0)
                sp->precision = -1;
            f++;
        } else {
            while (f[1] >= '0' && f[1] <= '9')
                sp->precision = sp->precision * 10 + (*++f - '0');
        }
    }
    return f;
}

void ark_format(struct ark_fmt_sink *s, const char *fmt, va_list ap_in)
{
    va_list ap;
    va_copy(ap, ap_in);                 /* so that parse_spec can take it by address on any ABI */
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            put(s, *f);
            continue;
        }
        struct spec sp = { false, false, false, false, false, 0, -1 };
        f = parse_spec(f, &sp, &ap);
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
            else if (length == 3) v = (long long)(__PTRDIFF_TYPE__)va_arg(ap, size_t);   /* %zd: ssize_t */
            else v = va_arg(ap, int);
            if (length == -1) v = (short)v;
            if (length == -2) v = (signed char)v;
            unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
            put_number(s, mag, v < 0, 10, false, "", &sp);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            unsigned long long v;
            if (length == 2) v = va_arg(ap, unsigned long long);
            else if (length == 1) v = va_arg(ap, unsigned long);
            else if (length == 3) v = va_arg(ap, size_t);
            else v = va_arg(ap, unsigned int);
            if (length == -1) v = (unsigned short)v;
            if (length == -2) v = (unsigned char)v;
            sp.plus = sp.space = false;
            unsigned base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
            const char *prefix = "";
            if (sp.alt && v)            /* as C's printf: no prefix for zero */
                prefix = conv == 'x' ? "0x" : conv == 'X' ? "0X" : conv == 'o' ? "0" : "";
            put_number(s, v, false, base, conv == 'X', prefix, &sp);
            break;
        }
        case 'p': {
            uintptr_t v = (uintptr_t)va_arg(ap, void *);
            if (f[1] == 'K') {         /* Linux's %pK: 0 for whom the kernel hides addresses from */
                f++;
                if (ark_format_kptr_hidden && ark_format_kptr_hidden())
                    v = 0;
            } else if (f[1] == 'a') {  /* %pa[p], %pad: a physical or DMA address, given by reference */
                f++;
                if (f[1] == 'd' || f[1] == 'p')
                    f++;
                v = v ? *(const uint32_t *)v : 0;
                sp.precision = 8;
                sp.plus = sp.space = false;
                put_number(s, v, false, 16, false, "0x", &sp);
                break;
            }
            sp.plus = sp.space = false;
            if (sp.precision < 0 && ARKLIB_POINTER_DIGITS > 0)
                sp.precision = ARKLIB_POINTER_DIGITS;
            put_number(s, v, false, 16, false, "0x", &sp);
            break;
        }
        case 's':
            put_string(s, va_arg(ap, const char *), &sp);
            break;
        case 'c': {
            char c[2] = { (char)va_arg(ap, int), '\0' };
            sp.precision = 1;
            if (c[0] == '\0') {         /* a NUL character still counts as one */
                int fill = sp.width > 1 ? sp.width - 1 : 0;
                if (!sp.left) pad(s, ' ', fill);
                put(s, '\0');
                if (sp.left) pad(s, ' ', fill);
            } else {
                put_string(s, c, &sp);
            }
            break;
        }
        case '%':
            put(s, '%');
            break;
        case '\0':                      /* a lone '%' at the end is printed as it is */
            put(s, '%');
            f--;
            break;
        default:                        /* unknown conversion: print it as written, visibly */
            put(s, '%');
            put(s, conv);
            break;
        }
    }
    va_end(ap);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct ark_fmt_sink s = { buf, size, 0, 0, NULL };
    ark_format(&s, fmt, ap);
    if (size > 0)
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
