/* ark/proc.h — files under /proc, for the kernel and for modules. A read callback prints the whole
 * file into a growable buffer (seq_printf); the VFS then serves reads at any offset from it. */
#ifndef ARK_PROC_H
#define ARK_PROC_H

#include "ark/types.h"

struct ark_seq;   /* opaque output buffer */

int seq_printf(struct ark_seq *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int seq_write(struct ark_seq *s, const void *data, size_t len);

typedef int  (*ark_proc_show_t)(struct ark_seq *s, void *priv);                    /* 0 or -errno */
typedef long (*ark_proc_write_t)(void *priv, const char *buf, uint32_t len);       /* bytes or -errno */

/* Creates /proc/PATH (PATH relative to /proc, e.g. "hello" or "dkm/x/parameters/n"); missing
 * directories are created. show and write may each be NULL (not readable / not writable). The
 * file is root's with mode 0444: anyone may read it, only root may write it. */
int proc_create(const char *path, ark_proc_show_t show, ark_proc_write_t write, void *priv);
/* The same with an owner, a group and a mode (permission bits, e.g. 0644 or 0600); mode 0 means
 * 0444, as Linux's proc_create. Opens are checked against them; root may open any file. */
int proc_create_mode(const char *path, ark_proc_show_t show, ark_proc_write_t write, void *priv,
                     ark_uid_t uid, ark_gid_t gid, uint32_t mode);
/* Removes /proc/PATH and directories it leaves empty. -EBUSY while open, -ENOENT if absent. */
int proc_remove(const char *path);

#endif
