/* linux/sched/signal.h — where Linux declares signal_pending and the signal parts of a task;
 * ark keeps them in linux/sched.h and linux/signal.h. */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H
#include <linux/sched.h>
#include <linux/signal.h>
#endif
