/* linux/time.h — the time types and conversions (linux/time64.h, linux/ktime.h). */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H
#include <linux/time64.h>
#include <linux/jiffies.h>
#endif
