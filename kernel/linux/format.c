/* format.c — Linux's buffer formatting on top of ark's vsnprintf: sprintf, scnprintf, kasprintf,
 * sysfs_emit, and sscanf (the scanning half, which ark's own library does not have). */
#include <linux/ctype.h>
#include <linux/sysfs.h>
#include "lx_internal.h"

#define LX_SPRINTF_MAX 0x7fffffff

int vsprintf(char *buf, const char *fmt, va_list args)
{
    return vsnprintf(buf, LX_SPRINTF_MAX, fmt, args);
}
KERNEL_EXPORT(vsprintf);

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, LX_SPRINTF_MAX, fmt, ap);
    va_end(ap);
    return n;
}
KERNEL_EXPORT(sprintf);

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    int n;

    if (size == 0)
        return 0;
    n = vsnprintf(buf, size, fmt, args);
    if (n < 0)
        return 0;
    return (size_t)n < size ? n : (int)(size - 1);
}
KERNEL_EXPORT(vscnprintf);

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vscnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
KERNEL_EXPORT(scnprintf);

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
    va_list ap;
    char *p;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    p = kmalloc((size_t)n + 1, gfp);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
KERNEL_EXPORT(kasprintf);

int sysfs_emit(char *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vscnprintf(buf, SYSFS_PAGE, fmt, ap);
    va_end(ap);
    return n;
}
KERNEL_EXPORT(sysfs_emit);

int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (at < 0 || (size_t)at >= SYSFS_PAGE)
        return 0;
    va_start(ap, fmt);
    n = vscnprintf(buf + at, SYSFS_PAGE - (size_t)at, fmt, ap);
    va_end(ap);
    return n;
}
KERNEL_EXPORT(sysfs_emit_at);

/* ---- sscanf ---- */

enum lx_len { LX_INT, LX_CHAR, LX_SHORT, LX_LONG, LX_LLONG, LX_SIZE };

static void lx_store_int(va_list *ap, enum lx_len len, unsigned long long v)
{
    switch (len) {
    case LX_CHAR:  *va_arg(*ap, unsigned char *) = (unsigned char)v; break;
    case LX_SHORT: *va_arg(*ap, unsigned short *) = (unsigned short)v; break;
    case LX_LONG:  *va_arg(*ap, unsigned long *) = (unsigned long)v; break;
    case LX_LLONG: *va_arg(*ap, unsigned long long *) = v; break;
    case LX_SIZE:  *va_arg(*ap, size_t *) = (size_t)v; break;
    default:       *va_arg(*ap, unsigned int *) = (unsigned int)v; break;
    }
}

/* One integer of at most width characters at *sp in base (0: detect); false if none. */
static bool lx_scan_int(const char **sp, unsigned int base, size_t width, bool is_signed,
                        unsigned long long *out)
{
    char digits[32];
    const char *s = *sp;
    size_t n = 0;
    bool neg = false;
    char *end;

    if (is_signed && (*s == '-' || *s == '+') && width > 1) {
        neg = *s == '-';
        s++;
        width--;
    } else if (!is_signed && *s == '+' && width > 1) {
        s++;
        width--;
    }
    while (s[n] && n < width && n < sizeof(digits) - 1 &&
           (isxdigit(s[n]) || ((s[n] == 'x' || s[n] == 'X') && n == 1 && s[0] == '0'))) {
        digits[n] = s[n];
        n++;
    }
    digits[n] = '\0';
    if (n == 0)
        return false;
    *out = simple_strtoull(digits, &end, base);
    if (end == digits)
        return false;
    *sp = s + (end - digits);
    if (neg)
        *out = 0 - *out;
    return true;
}

int vsscanf(const char *buf, const char *fmt, va_list args)
{
    const char *s = buf;
    int assigned = 0;
    va_list ap;

    va_copy(ap, args);
    while (*fmt) {
        if (isspace(*fmt)) {
            while (isspace(*fmt))
                fmt++;
            while (isspace(*s))
                s++;
            continue;
        }
        if (*fmt != '%' || fmt[1] == '%') {
            if (*fmt == '%')
                fmt++;
            if (*s != *fmt)
                break;
            s++;
            fmt++;
            continue;
        }
        fmt++;
        bool skip = false;
        if (*fmt == '*') {
            skip = true;
            fmt++;
        }
        size_t width = 0;
        while (isdigit(*fmt))
            width = width * 10 + (size_t)(*fmt++ - '0');
        enum lx_len len = LX_INT;
        if (*fmt == 'h') {
            len = fmt[1] == 'h' ? LX_CHAR : LX_SHORT;
            fmt += fmt[1] == 'h' ? 2 : 1;
        } else if (*fmt == 'l') {
            len = fmt[1] == 'l' ? LX_LLONG : LX_LONG;
            fmt += fmt[1] == 'l' ? 2 : 1;
        } else if (*fmt == 'L' || *fmt == 'q') {
            len = LX_LLONG;
            fmt++;
        } else if (*fmt == 'z') {
            len = LX_SIZE;
            fmt++;
        }
        char conv = *fmt++;
        if (conv == 'n') {
            if (!skip)
                lx_store_int(&ap, len, (unsigned long long)(s - buf));
            continue;
        }
        if (!*s)
            break;
        if (conv != 'c')
            while (isspace(*s))
                s++;
        if (!*s)
            break;
        if (conv == 'c') {
            size_t n = width ? width : 1;
            char *dst = skip ? NULL : va_arg(ap, char *);
            for (size_t i = 0; i < n && *s; i++, s++)
                if (dst)
                    dst[i] = *s;
            if (!skip)
                assigned++;
            continue;
        }
        if (conv == 's') {
            char *dst = skip ? NULL : va_arg(ap, char *);
            size_t i = 0;
            while (*s && !isspace(*s) && (!width || i < width)) {
                if (dst)
                    dst[i] = *s;
                i++;
                s++;
            }
            if (dst) {
                dst[i] = '\0';
                assigned++;
            }
            continue;
        }
        unsigned int base;
        bool is_signed = false;
        switch (conv) {
        case 'd': base = 10; is_signed = true; break;
        case 'i': base = 0; is_signed = true; break;
        case 'u': base = 10; break;
        case 'x': case 'X': base = 16; break;
        case 'o': base = 8; break;
        default:
            goto out;               /* an unsupported conversion ends the scan */
        }
        unsigned long long v;
        if (!lx_scan_int(&s, base, width ? width : 31, is_signed, &v))
            break;
        if (!skip) {
            lx_store_int(&ap, len, v);
            assigned++;
        }
    }
out:
    va_end(ap);
    return assigned;
}
KERNEL_EXPORT(vsscanf);

int sscanf(const char *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsscanf(buf, fmt, ap);
    va_end(ap);
    return n;
}
KERNEL_EXPORT(sscanf);
