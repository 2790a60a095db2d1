/* sysrq.h — /proc/sysrq-trigger, the kernel's emergency commands (sysrq.c). */
#ifndef KERNEL_SYSRQ_H
#define KERNEL_SYSRQ_H

void sysrq_init(void);      /* creates /proc/sysrq-trigger; needs procfs (after vfs_init) */

#endif
