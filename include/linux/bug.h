/* linux/bug.h — BUG, BUG_ON, WARN and WARN_ON (linux/kernel.h) and the build-time checks
 * (linux/compiler.h), for code that includes this header for them. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H
#include <linux/compiler.h>
#include <linux/kernel.h>
#endif
