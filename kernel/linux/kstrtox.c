/* kstrtox.c — Linux's string-to-number conversions (kstrto*, simple_strto*): the whole string must
 * be one number, optionally followed by a single newline; base 0 detects 0x and 0 prefixes. */
#include "lx_internal.h"
#include "ark/arklib.h"

static unsigned int lx_detect_base(const char **s, unsigned int base)
{
    const char *p = *s;

    if (base == 0) {
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && ark_hex_value(p[2]) >= 0)
            base = 16;
        else if (p[0] == '0')
            base = 8;
        else
            base = 10;
    }
    if (base == 16 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        *s = p + 2;
    return base;
}

static int lx_digit(char c, unsigned int base)
{
    int v;

    if (c >= '0' && c <= '9')
        v = c - '0';
    else if (c >= 'a' && c <= 'z')
        v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z')
        v = c - 'A' + 10;
    else
        return -1;
    return v < (int)base ? v : -1;
}

/* Digits at s in base: the value, the characters used in *used; -ERANGE on overflow. */
static int lx_parse_digits(const char *s, unsigned int base, unsigned long long *res, size_t *used)
{
    unsigned long long v = 0;
    size_t i = 0;
    int d;

    while ((d = lx_digit(s[i], base)) >= 0) {
        if (v > (~0ULL - (unsigned long long)d) / base)
            return -ERANGE;
        v = v * base + (unsigned long long)d;
        i++;
    }
    *res = v;
    *used = i;
    return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
    size_t used;
    int err;

    if (!s || base == 1 || base > 36)
        return -EINVAL;
    if (s[0] == '+')
        s++;
    base = lx_detect_base(&s, base);
    err = lx_parse_digits(s, base, res, &used);
    if (err)
        return err;
    if (used == 0)
        return -EINVAL;
    s += used;
    if (*s == '\n')
        s++;
    return *s ? -EINVAL : 0;
}
KERNEL_EXPORT(kstrtoull);

int kstrtoll(const char *s, unsigned int base, long long *res)
{
    unsigned long long v;
    int err;

    if (s && s[0] == '-') {
        err = kstrtoull(s + 1, base, &v);
        if (err)
            return err;
        if (v > (unsigned long long)LLONG_MAX + 1)
            return -ERANGE;
        *res = (long long)(0 - v);
        return 0;
    }
    err = kstrtoull(s, base, &v);
    if (err)
        return err;
    if (v > (unsigned long long)LLONG_MAX)
        return -ERANGE;
    *res = (long long)v;
    return 0;
}
KERNEL_EXPORT(kstrtoll);

#define LX_KSTRTO_UNSIGNED(name, type, maxv)                                                \
    int name(const char *s, unsigned int base, type *res)                                   \
    {                                                                                       \
        unsigned long long v;                                                               \
        int err = kstrtoull(s, base, &v);                                                   \
        if (err)                                                                            \
            return err;                                                                     \
        if (v > (maxv))                                                                     \
            return -ERANGE;                                                                 \
        *res = (type)v;                                                                     \
        return 0;                                                                           \
    }                                                                                       \
    KERNEL_EXPORT(name)
#define LX_KSTRTO_SIGNED(name, type, minv, maxv)                                            \
    int name(const char *s, unsigned int base, type *res)                                   \
    {                                                                                       \
        long long v;                                                                        \
        int err = kstrtoll(s, base, &v);                                                    \
        if (err)                                                                            \
            return err;                                                                     \
        if (v < (minv) || v > (maxv))                                                       \
            return -ERANGE;                                                                 \
        *res = (type)v;                                                                     \
        return 0;                                                                           \
    }                                                                                       \
    KERNEL_EXPORT(name)

LX_KSTRTO_UNSIGNED(kstrtoul, unsigned long, ULONG_MAX);
LX_KSTRTO_UNSIGNED(kstrtouint, unsigned int, UINT_MAX);
LX_KSTRTO_UNSIGNED(kstrtou16, u16, U16_MAX);
LX_KSTRTO_UNSIGNED(kstrtou8, u8, U8_MAX);
LX_KSTRTO_SIGNED(kstrtol, long, LONG_MIN, LONG_MAX);
LX_KSTRTO_SIGNED(kstrtoint, int, INT_MIN, INT_MAX);
LX_KSTRTO_SIGNED(kstrtos16, s16, S16_MIN, S16_MAX);
LX_KSTRTO_SIGNED(kstrtos8, s8, S8_MIN, S8_MAX);

/* y/Y/1/t/T/e/E, n/N/0/f/F/d/D, "on" and "off" — the first characters decide, as on Linux. */
int kstrtobool(const char *s, bool *res)
{
    if (!s)
        return -EINVAL;
    switch (s[0]) {
    case 'y': case 'Y': case 't': case 'T': case 'e': case 'E': case '1':
        *res = true;
        return 0;
    case 'n': case 'N': case 'f': case 'F': case 'd': case 'D': case '0':
        *res = false;
        return 0;
    case 'o': case 'O':
        if (s[1] == 'n' || s[1] == 'N') {
            *res = true;
            return 0;
        }
        if (s[1] == 'f' || s[1] == 'F') {
            *res = false;
            return 0;
        }
        break;
    default:
        break;
    }
    return -EINVAL;
}
KERNEL_EXPORT(kstrtobool);

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
    unsigned long long v = 0;
    size_t used = 0;

    base = lx_detect_base(&cp, base);
    if (lx_parse_digits(cp, base, &v, &used) < 0) {
        /* keep the digits that fitted, as Linux's wrapping parser would not: saturate */
        v = ~0ULL;
        while (lx_digit(cp[used], base) >= 0)
            used++;
    }
    if (endp)
        *endp = (char *)(cp + used);
    return v;
}
KERNEL_EXPORT(simple_strtoull);

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
    if (*cp == '-')
        return -(long long)simple_strtoull(cp + 1, endp, base);
    return (long long)simple_strtoull(cp, endp, base);
}
KERNEL_EXPORT(simple_strtoll);

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
    return (unsigned long)simple_strtoull(cp, endp, base);
}
KERNEL_EXPORT(simple_strtoul);

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
    return (long)simple_strtoll(cp, endp, base);
}
KERNEL_EXPORT(simple_strtol);
