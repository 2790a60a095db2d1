/* linux/timekeeping.h — the clock readers (ktime_get and friends), declared in linux/ktime.h. */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H
#include <linux/ktime.h>
#endif
