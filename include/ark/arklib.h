/* ark/arklib.h — the freestanding string, memory, character and formatting functions that the
 * kernel and the user runtime both compile from lib/ (each with its own flags: kernel/kernel.mk,
 * user/user.mk). */
#ifndef ARK_ARKLIB_H
#define ARK_ARKLIB_H

#include <stdarg.h>

#include "ark/types.h"

/* ---- string.c ---- */
void  *memcpy(void *dst, const void *src, size_t n);
void  *memmove(void *dst, const void *src, size_t n);
void  *memset(void *dst, int c, size_t n);
int    memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int    strcmp(const char *a, const char *b);
int    strncmp(const char *a, const char *b, size_t n);
char  *strchr(const char *s, int c);
char  *strrchr(const char *s, int c);
char  *strstr(const char *haystack, const char *needle);
/* Copies at most size-1 bytes and always terminates; returns strlen(src) (truncation if >= size). */
size_t strlcpy(char *dst, const char *src, size_t size);
size_t strlcat(char *dst, const char *src, size_t size);
bool   str_starts_with(const char *s, const char *prefix);

/* ---- format.c: %d %i %u %x %X %o %p %s %c %% with the '-', '0', '+', ' ', '#' flags, width and
 * precision (numbers or '*'), and the hh, h, l, ll, z length modifiers. %pK (Linux's) prints a
 * kernel address as %p does, or 0 when ark_format_kptr_hidden says the reader may not see it. ---- */

/* Defined by the kernel (its kptr_restrict policy); absent elsewhere, where %pK is %p. */
bool ark_format_kptr_hidden(void) __attribute__((weak));

/* Where formatted bytes go. Without a flush hook the sink is a string: bytes past size-1 are
 * dropped (and still counted). With one, a full buffer is handed to flush, which must empty it
 * (set used to 0), so nothing is dropped. */
struct ark_fmt_sink {
    char *buf;
    size_t size;        /* capacity of buf */
    size_t used;        /* bytes in buf now */
    size_t total;       /* bytes produced so far, dropped ones included */
    void (*flush)(struct ark_fmt_sink *sink);
};

void ark_format(struct ark_fmt_sink *sink, const char *fmt, va_list ap);

/* C99 semantics: returns the length the full output would have; buf is always NUL-terminated when
 * size > 0. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(__printf__, 3, 4)));

/* ---- chars.c ---- */
int    ark_hex_value(char c);           /* 0..15 for '0'-'9', 'a'-'f', 'A'-'F'; -1 otherwise */

/* ---- errtext.c: errno values (either sign) as text ---- */
const char *ark_strerror(int err);      /* "No such device"; "Unknown error" if unknown */
const char *ark_errno_name(int err);    /* "ENODEV"; "E?" if unknown */

#endif
