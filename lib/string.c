/* string.c — the memory and string functions shared by the kernel and the user runtime. The
 * compiler may emit calls to memcpy/memset/memmove/memcmp itself, so these must exist by name. */
#include "ark/arklib.h"

/* Word copies with the destination aligned, four words a turn: the kernel copies pages, user
 * buffers and every section of a module it loads. The source is read through packed words, so it
 * needs no alignment of its own (x86 loads words at any address). */
void *memcpy(void *dst, const void *src, size_t n)
{
    typedef struct __attribute__((packed)) { uint32_t v; } any_word;
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n >= 16) {
        while ((uintptr_t)d & 3) {
            *d++ = *s++;
            n--;
        }
        for (; n >= 16; n -= 16, d += 16, s += 16) {
            uint32_t *w = (uint32_t *)(void *)d;
            const any_word *r = (const any_word *)(const void *)s;
            w[0] = r[0].v;
            w[1] = r[1].v;
            w[2] = r[2].v;
            w[3] = r[3].v;
        }
        for (; n >= 4; n -= 4, d += 4, s += 4)
            *(uint32_t *)(void *)d = ((const any_word *)(const void *)s)->v;
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d == s || n == 0)
        return dst;
    if (d < s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)                          /* overlapping with dst above src: copy backwards */
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    uint32_t word = (unsigned char)c * 0x01010101u;
    while (n && ((uintptr_t)d & 3)) {
        *d++ = (unsigned char)c;
        n--;
    }
    /* Four words a turn: the kernel zeroes every page it gives a module or a process, and the
     * loop's own compare and branch cost as much as the stores (more so under emulation). */
    for (; n >= 16; n -= 16, d += 16) {
        uint32_t *w = (uint32_t *)(void *)d;
        w[0] = word;
        w[1] = word;
        w[2] = word;
        w[3] = word;
    }
    for (; n >= 4; n -= 4, d += 4)
        *(uint32_t *)(void *)d = word;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    for (; *haystack; haystack++)
        if (strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    return n == 0 ? (char *)haystack : NULL;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
    size_t used = strnlen(dst, size);
    if (used == size)
        return size + strlen(src);
    return used + strlcpy(dst + used, src, size - used);
}

bool str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}
