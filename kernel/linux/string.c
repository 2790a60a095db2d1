/* string.c — the string functions Linux modules expect beyond ark's own set (which lib/string.c
 * provides and kernel/core/lib_exports.c exports), kernel-allocated copies, and text helpers. */
#include <linux/ctype.h>
#include "lx_internal.h"

KERNEL_EXPORT(strrchr);
KERNEL_EXPORT(strstr);
KERNEL_EXPORT(strlcat);

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for (size_t i = 0; i < n; i++)
        if (p[i] == (unsigned char)c)
            return (void *)(p + i);
    return NULL;
}
KERNEL_EXPORT(memchr);

int strcasecmp(const char *a, const char *b)
{
    int ca, cb;

    do {
        ca = tolower((unsigned char)*a++);
        cb = tolower((unsigned char)*b++);
    } while (ca == cb && ca);
    return ca - cb;
}
KERNEL_EXPORT(strcasecmp);

int strncasecmp(const char *a, const char *b, size_t n)
{
    int ca = 0, cb = 0;

    while (n--) {
        ca = tolower((unsigned char)*a++);
        cb = tolower((unsigned char)*b++);
        if (ca != cb || !ca)
            break;
    }
    return ca - cb;
}
KERNEL_EXPORT(strncasecmp);

char *strnchr(const char *s, size_t n, int c)
{
    for (size_t i = 0; i < n && s[i]; i++)
        if (s[i] == (char)c)
            return (char *)(s + i);
    return NULL;
}
KERNEL_EXPORT(strnchr);

char *strnstr(const char *haystack, const char *needle, size_t len)
{
    size_t nl = strlen(needle);

    if (!nl)
        return (char *)haystack;
    for (size_t i = 0; i + nl <= len && haystack[i]; i++)
        if (!memcmp(haystack + i, needle, nl))
            return (char *)(haystack + i);
    return NULL;
}
KERNEL_EXPORT(strnstr);

size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;

    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}
KERNEL_EXPORT(strspn);

size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;

    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}
KERNEL_EXPORT(strcspn);

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}
KERNEL_EXPORT(strpbrk);

char *strsep(char **sp, const char *delim)
{
    char *start = *sp, *end;

    if (!start)
        return NULL;
    end = strpbrk(start, delim);
    if (end)
        *end++ = '\0';
    *sp = end;
    return start;
}
KERNEL_EXPORT(strsep);

char *strcpy(char *dst, const char *src)
{
    char *d = dst;

    while ((*d++ = *src++) != '\0')
        ;
    return dst;
}
KERNEL_EXPORT(strcpy);

char *strncpy(char *dst, const char *src, size_t n)
{
    size_t i = 0;

    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = '\0';
    return dst;
}
KERNEL_EXPORT(strncpy);

char *strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}
KERNEL_EXPORT(strcat);

char *strncat(char *dst, const char *src, size_t n)
{
    char *d = dst + strlen(dst);
    size_t i = 0;

    for (; i < n && src[i]; i++)
        d[i] = src[i];
    d[i] = '\0';
    return dst;
}
KERNEL_EXPORT(strncat);

ssize_t strscpy(char *dst, const char *src, size_t size)
{
    size_t i;

    if (size == 0 || size > (size_t)INT_MAX)
        return -E2BIG;
    for (i = 0; i < size - 1 && src[i]; i++)
        dst[i] = src[i];
    dst[i] = '\0';
    return src[i] ? -E2BIG : (ssize_t)i;
}
KERNEL_EXPORT(strscpy);

char *skip_spaces(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return (char *)s;
}
KERNEL_EXPORT(skip_spaces);

char *strim(char *s)
{
    size_t len = strlen(s);

    while (len && isspace((unsigned char)s[len - 1]))
        s[--len] = '\0';
    return skip_spaces(s);
}
KERNEL_EXPORT(strim);

bool sysfs_streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    if (*a == *b)
        return true;
    if (*a == '\n' && !a[1] && !*b)
        return true;
    return *b == '\n' && !b[1] && !*a;
}
KERNEL_EXPORT(sysfs_streq);

int match_string(const char *const *array, size_t n, const char *string)
{
    for (size_t i = 0; i < n; i++) {
        if (!array[i])
            break;
        if (!strcmp(array[i], string))
            return (int)i;
    }
    return -EINVAL;
}
KERNEL_EXPORT(match_string);

char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
    size_t len;
    char *p;

    if (!s)
        return NULL;
    len = strnlen(s, max);
    p = kmalloc(len + 1, gfp);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}
KERNEL_EXPORT(kstrndup);

char *kstrdup(const char *s, gfp_t gfp)
{
    return s ? kstrndup(s, strlen(s), gfp) : NULL;
}
KERNEL_EXPORT(kstrdup);

/* Constant strings are never copied on Linux when they live in read-only data; ark copies every
 * time, so kfree_const is plain kfree. */
const char *kstrdup_const(const char *s, gfp_t gfp)
{
    return kstrdup(s, gfp);
}
KERNEL_EXPORT(kstrdup_const);

void kfree_const(const void *p)
{
    kfree(p);
}
KERNEL_EXPORT(kfree_const);

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
    void *p = kmalloc(len, gfp);

    if (p)
        memcpy(p, src, len);
    return p;
}
KERNEL_EXPORT(kmemdup);

void *memdup_user(const void __user *src, size_t len)
{
    void *p = kmalloc(len, GFP_KERNEL);

    if (!p)
        return ERR_PTR(-ENOMEM);
    if (copy_from_user(p, src, len)) {
        kfree(p);
        return ERR_PTR(-EFAULT);
    }
    return p;
}
KERNEL_EXPORT(memdup_user);

char *strndup_user(const char __user *s, long n)
{
    long len = strnlen_user(s, n);
    char *p;

    if (len <= 0)
        return ERR_PTR(-EFAULT);
    if (len > n)
        return ERR_PTR(-EINVAL);
    p = memdup_user(s, (size_t)len);
    if (IS_ERR(p))
        return p;
    p[len - 1] = '\0';
    return p;
}
KERNEL_EXPORT(strndup_user);
