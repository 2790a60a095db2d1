/* kptr.h — the kernel's information policy: who sees kernel addresses (kptr_restrict) and who may
 * read the kernel log (dmesg_restrict), with Linux's switches under /proc/sys/kernel/. */
#ifndef KERNEL_KPTR_H
#define KERNEL_KPTR_H

#include "ark/types.h"

/* Whether the calling process may see kernel addresses: kptr_restrict 0 (everyone), 1 (root only,
 * the default), 2 (nobody). Where this is false, addresses are shown as 0. */
bool kptr_visible(void);
/* addr as the caller may see it: addr itself, or 0. */
static inline const void *kptr_for_caller(const void *addr)
{
    return kptr_visible() ? addr : NULL;
}
/* Whether the calling process may read the kernel log: always for root, and for others unless
 * dmesg_restrict is 1. */
bool klog_readable(void);
/* Rewrites, in place, every "0x" followed by 8 hex digits naming a kernel address (at or above
 * KERNEL_BASE) as 0x00000000: what a reader who may not see addresses gets of the log. Returns the
 * number of addresses hidden. */
unsigned kptr_redact(char *text, size_t len);
/* Reads the switches from the command line (kernel.kptr_restrict=, kernel.dmesg_restrict=). */
void kptr_init(void);
/* Creates /proc/sys/kernel/kptr_restrict and dmesg_restrict (mode 0644, root's). */
void kptr_proc_init(void);

#endif
