/* klog.h — the kernel log: printk writes into a ring buffer (shown by dmesg and /proc/kmsg) and to
 * the serial console. */
#ifndef KERNEL_KLOG_H
#define KERNEL_KLOG_H

#include "ark/types.h"

/* Copies the ring's current contents, oldest first, into buf; returns the bytes copied. */
size_t klog_copy(char *buf, size_t size);
size_t klog_size(void);                      /* bytes currently in the ring */
/* Messages below this level reach the console (0-8; set from the "loglevel=" boot option). */
void printk_set_console_level(int level);
/* Like printk, into the log only (dmesg), never the console. */
int printk_log_only(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
