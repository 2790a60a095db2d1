/* args.c — helpers for command-line arguments: strict number parsing and usage messages. */
#include "ulib.h"

bool parse_u32(const char *s, uint32_t *out)
{
    uint32_t base = 10, value = 0;
    if (!s || !*s)
        return false;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        if (!*s)
            return false;
    }
    for (; *s; s++) {
        int digit = ark_hex_value(*s);  /* in base 10 only 0-9 count */
        if (digit < 0 || (uint32_t)digit >= base)
            return false;
        if (value > (UINT32_MAX - (uint32_t)digit) / base)
            return false;
        value = value * base + (uint32_t)digit;
    }
    *out = value;
    return true;
}

bool parse_i32(const char *s, int32_t *out)
{
    bool negative = s && *s == '-';
    uint32_t mag;
    if (!parse_u32(negative ? s + 1 : s, &mag))
        return false;
    if (mag > (negative ? (uint32_t)INT32_MAX + 1 : (uint32_t)INT32_MAX))
        return false;
    *out = negative ? (int32_t)(0u - mag) : (int32_t)mag;
    return true;
}

int usage_error(const char *prog, const char *usage)
{
    eprintf("%s: usage: %s %s\n", prog, prog, usage);
    return 2;
}
