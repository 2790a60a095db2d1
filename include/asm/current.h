/* asm/current.h — `current`, the task running this code; linux/sched.h declares it and the
 * task structure behind it. */
#ifndef _ASM_CURRENT_H
#define _ASM_CURRENT_H
#include <linux/sched.h>
#endif
