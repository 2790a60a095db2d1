/* linux/compiler.h — the annotations and helpers Linux code takes for granted (__user, likely,
 * READ_ONCE, container_of, ...), written for gcc and clang on ark's i386 kernel. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define __user
#define __kernel
#define __iomem
#define __force
#define __rcu
#define __percpu
#define __bitwise
#define __must_check       __attribute__((__warn_unused_result__))
#define __maybe_unused     __attribute__((__unused__))
#define __always_unused    __attribute__((__unused__))
#define __used             __attribute__((__used__))
#define __always_inline    inline __attribute__((__always_inline__))
#define noinline           __attribute__((__noinline__))
#define __noreturn         __attribute__((__noreturn__))
#define __packed           __attribute__((__packed__))
#define __aligned(x)       __attribute__((__aligned__(x)))
#define __section(s)       __attribute__((__section__(s)))
#define __cold             __attribute__((__cold__))
#define __weak             __attribute__((__weak__))
#define __printf(a, b)     __attribute__((__format__(printf, a, b)))
#define __scanf(a, b)      __attribute__((__format__(scanf, a, b)))
#define __pure             __attribute__((__pure__))
#define __read_mostly
#define fallthrough        __attribute__((__fallthrough__))
#define notrace

#define likely(x)          __builtin_expect(!!(x), 1)
#define unlikely(x)        __builtin_expect(!!(x), 0)
#define barrier()          __asm__ __volatile__("" : : : "memory")

#define READ_ONCE(x)       (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#define __stringify_1(x...) #x
#define __stringify(x...)   __stringify_1(x)
#define ___PASTE(a, b)      a##b
#define __PASTE(a, b)       ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define BUILD_BUG_ON_ZERO(e)     ((int)(sizeof(struct { int:(-!!(e)); })))
#define BUILD_BUG_ON(cond)       _Static_assert(!(cond), "BUILD_BUG_ON failed: " #cond)
#define BUILD_BUG_ON_MSG(c, msg) _Static_assert(!(c), msg)
#define __same_type(a, b)        __builtin_types_compatible_p(__typeof__(a), __typeof__(b))
#define __must_be_array(a)       BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))

#define container_of(ptr, type, member) \
    ((type *)(void *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif
