/* shim.h — the stand-ins the host build of kernel/fs links against: a counting kmalloc, a printk
 * that keeps what it printed, a scripted console, fixed memory figures, and a fake module owner. */
#ifndef FS_UNIT_SHIM_H
#define FS_UNIT_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include "ark/types.h"
#include "ark/kernel.h"

/* kmalloc/kfree: live blocks; shim_fail_alloc_after = N makes the (N+1)th allocation fail. */
extern long shim_live_blocks;
extern long shim_fail_alloc_after;     /* -1: never */

/* printk: everything since the last shim_log_clear(), level prefixes removed. */
const char *shim_log(void);
void shim_log_clear(void);

/* console: what was written, and the input console_read serves. */
extern char shim_console_out[4096];
extern size_t shim_console_out_len;
void shim_console_input(const char *s);

/* klog, memory and time figures served by the shim. */
extern const char *shim_klog;
extern uint64_t shim_uptime_ms;

/* A fake module: kmod_owner_for returns shim_owner for every registration while it is set, and
 * kmod_current (the module asking to remove something) returns shim_caller. */
struct kmod {
    const char *name;
    int refs;
};
extern struct kmod *shim_owner;
extern struct kmod *shim_caller;
/* kmod_request: the last name asked for, how many requests, and what to do when asked. */
extern char shim_requested[128];
extern int shim_request_count;
extern int (*shim_request_hook)(const char *name);

/* The caller's credentials for permission checks (fs_cred_uid/gid): root (0) unless a test says. */
extern ark_uid_t shim_uid;
extern ark_gid_t shim_gid;

#endif
