/* ark/kernel.h — core kernel services exported to modules: logging, memory, strings, user copies, time.
 * The kernel implements each of these and exports it by name; a module simply calls them. */
#ifndef ARK_KERNEL_H
#define ARK_KERNEL_H

#include "ark/types.h"
#include <stdarg.h>

/* Log levels, as a prefix of the format string: printk(KERN_WARNING "x: %d\n", v). */
#define KERN_EMERG   "\0010"
#define KERN_ALERT   "\0011"
#define KERN_CRIT    "\0012"
#define KERN_ERR     "\0013"
#define KERN_WARNING "\0014"
#define KERN_NOTICE  "\0015"
#define KERN_INFO    "\0016"
#define KERN_DEBUG   "\0017"

/* Formats: %d %i %u %x %X %p %s %c %% with 0/width/- flags and the l, ll, z length modifiers. */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *ptr);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);

/* Copies between kernel memory and the current process; -EFAULT if the user range is not valid. */
int copy_from_user(void *dst, const void *user_src, size_t n);
int copy_to_user(void *user_dst, const void *src, size_t n);

/* Time since boot. */
uint64_t ark_uptime_ms(void);

/* Stops the kernel with a report: never returns. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
