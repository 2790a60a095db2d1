/* linux/string.h — memory and string functions, kernel-allocated copies (kstrdup, kmemdup) and
 * the helpers for parsing text written to /proc and /sys files. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H
#include <linux/types.h>
#include <linux/err.h>

void  *memcpy(void *dst, const void *src, size_t n);
void  *memmove(void *dst, const void *src, size_t n);
void  *memset(void *dst, int c, size_t n);
int    memcmp(const void *a, const void *b, size_t n);
void  *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int    strcmp(const char *a, const char *b);
int    strncmp(const char *a, const char *b, size_t n);
int    strcasecmp(const char *a, const char *b);
int    strncasecmp(const char *a, const char *b, size_t n);
char  *strchr(const char *s, int c);
char  *strnchr(const char *s, size_t n, int c);
char  *strrchr(const char *s, int c);
char  *strstr(const char *haystack, const char *needle);
char  *strnstr(const char *haystack, const char *needle, size_t len);
char  *strpbrk(const char *s, const char *accept);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char  *strsep(char **s, const char *delim);
char  *strcpy(char *dst, const char *src);
char  *strncpy(char *dst, const char *src, size_t n);
char  *strcat(char *dst, const char *src);
char  *strncat(char *dst, const char *src, size_t n);
size_t strlcpy(char *dst, const char *src, size_t size);
size_t strlcat(char *dst, const char *src, size_t size);
/* Copies and terminates; the length copied, or -E2BIG when src did not fit. */
ssize_t strscpy(char *dst, const char *src, size_t size);
char  *skip_spaces(const char *s);
char  *strim(char *s);
#define strstrip strim
/* Equal, ignoring one trailing newline on either side (a value echoed into a /sys file). */
bool   sysfs_streq(const char *a, const char *b);
int    match_string(const char *const *array, size_t n, const char *string);
#define sysfs_match_string(arr, s) match_string(arr, ARRAY_SIZE(arr), s)

char  *kstrdup(const char *s, gfp_t gfp);
char  *kstrndup(const char *s, size_t max, gfp_t gfp);
void  *kmemdup(const void *src, size_t len, gfp_t gfp);
const char *kstrdup_const(const char *s, gfp_t gfp);
void   kfree_const(const void *p);
/* A copy of a user buffer of len bytes in kmalloc'ed memory, or an ERR_PTR. */
void  *memdup_user(const void *src, size_t len);
char  *strndup_user(const char *s, long n);
#endif
