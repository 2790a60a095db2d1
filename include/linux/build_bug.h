/* linux/build_bug.h — BUILD_BUG_ON and friends, which linux/compiler.h defines. */
#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H
#include <linux/compiler.h>
/* static_assert(expr) or static_assert(expr, "message"), as Linux allows both. */
#ifndef static_assert
#define __ark_static_assert(expr, msg, ...) _Static_assert(expr, msg)
#define static_assert(expr, ...) __ark_static_assert(expr, ##__VA_ARGS__, #expr)
#endif
#endif
