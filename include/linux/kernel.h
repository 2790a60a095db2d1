/* linux/kernel.h — the everyday kernel helpers: ARRAY_SIZE, rounding, formatting into buffers
 * (sprintf, snprintf, scnprintf, sscanf), string-to-number conversion, BUG/WARN and panic. */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/kernel.h>
#else
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <stdarg.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/printk.h>
#include <linux/kstrtox.h>
#include <linux/err.h>
#include <asm/page.h>
#include <linux/errno.h>
#include <linux/stringify.h>
#include <linux/bitops.h>     /* as on Linux, where kernel.h brings the bit operations */

#define ARRAY_SIZE(arr)       (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))
#define DIV_ROUND_UP(n, d)    (((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(x, d) (((x) + ((d) / 2)) / (d))
#define roundup(x, y)         ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y)       ((x) - ((x) % (y)))
#define ALIGN(x, a)           (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)      ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)      (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define round_up(x, y)        ((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define round_down(x, y)      ((x) & ~((__typeof__(x))((y) - 1)))
#define abs(x)                ({ __typeof__(x) __v = (x); __v < 0 ? -__v : __v; })
#define upper_32_bits(n)      ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)      ((u32)((n) & 0xffffffff))
#define IS_ENABLED(option)    0
#define KBUILD_MODNAME_DEFAULT "module"

int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int vsprintf(char *buf, const char *fmt, va_list args);
/* Like snprintf, but returns what was actually written (never more than size - 1). */
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
/* %d %i %u %x %o %s %c %n and %% with widths and the hh, h, l, ll, z modifiers. */
int sscanf(const char *buf, const char *fmt, ...) __scanf(2, 3);
int vsscanf(const char *buf, const char *fmt, va_list args);
char *kasprintf(unsigned int gfp, const char *fmt, ...) __printf(2, 3);

void panic(const char *fmt, ...) __attribute__((noreturn)) __printf(1, 2);

#define BUG() do { printk(KERN_EMERG "kernel BUG at %s:%d!\n", __FILE__, __LINE__); \
                   __builtin_trap(); } while (0)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)
/* A warning: "WARNING: file:line: message", the W taint flag and the stack (dump_stack). */
void ark_linux_warn(const char *file, int line, const char *fmt, ...) __printf(3, 4);
#define WARN(cond, fmt, ...) ({ int __c = !!(cond); \
        if (unlikely(__c)) ark_linux_warn(__FILE__, __LINE__, fmt, ##__VA_ARGS__); \
        unlikely(__c); })
#define WARN_ON(cond) ({ int __c = !!(cond); \
        if (unlikely(__c)) ark_linux_warn(__FILE__, __LINE__, "%s", #cond); \
        unlikely(__c); })
#define WARN_ON_ONCE(cond) ({ static bool __warned; int __c = !!(cond); \
        if (unlikely(__c) && !__warned) { __warned = true; \
            ark_linux_warn(__FILE__, __LINE__, "%s", #cond); } unlikely(__c); })
#define WARN_ONCE(cond, fmt, ...) ({ static bool __warned; int __c = !!(cond); \
        if (unlikely(__c) && !__warned) { __warned = true; ark_linux_warn(__FILE__, __LINE__, fmt, ##__VA_ARGS__); } \
        unlikely(__c); })

/* The annotation Linux code carries where it may sleep; ark checks nothing here. */
#define might_sleep() do { } while (0)
#define cpu_relax()   __asm__ __volatile__("pause" : : : "memory")

/* 64-bit by 32-bit division in place, returning the remainder (asm/div64.h). */
#define do_div(n, base) ({ u32 __base = (base); u32 __rem = (u32)((n) % __base); \
                           (n) = (n) / __base; __rem; })

#endif
#endif
