/* kfs.h — kernel-internal registration of /dev, /proc and /sys entries with an explicit owner.
 * The exported module API (ark/device.h, ark/proc.h) derives the owner from its caller; kernel
 * layers that register on a module's behalf (the Linux compatibility layer) pass the owner they
 * were given, so ownership is decided in one visible place. */
#ifndef KERNEL_KFS_H
#define KERNEL_KFS_H

#include "ark/device.h"
#include "ark/types.h"
#include "kmod.h"

/* A driver's own seek rules: the new offset or -errno. NULL keeps the generic rules. */
typedef long (*kfs_lseek_fn)(struct ark_file *f, int32_t offset, int whence);

/* /dev/NAME with ops; owner NULL means the kernel. As dev_register otherwise. */
int dev_register_owned(const char *name, const struct ark_file_ops *ops, kfs_lseek_fn lseek,
                       void *priv, struct kmod *owner);

/* Changes the owner, group and mode of /dev/NAME (the Linux layer's devnode modes). -ENOENT. */
int dev_set_perm(const char *name, ark_uid_t uid, ark_gid_t gid, uint32_t mode);
/* dev_register_owned with a poll function (ark/device.h); poll NULL: always ready. */
int dev_register_owned_poll(const char *name, const struct ark_file_ops *ops, kfs_lseek_fn lseek,
                            ark_poll_fn poll, void *priv, struct kmod *owner);

/* Removes /dev/NAME at once; files open on it keep working and the entry goes at their last
 * close (Linux's device_destroy on an open device). -ENOENT if absent. */
int dev_detach(const char *name);

/* /proc/PATH served by ops like a device (reads and writes go to the driver at every call); mode
 * as for proc_create_mode (0: 0444), owned by root. */
int proc_create_ops_owned(const char *path, const struct ark_file_ops *ops, kfs_lseek_fn lseek,
                          void *priv, struct kmod *owner, uint32_t mode);
/* proc_create_ops_owned with a poll function (ark/device.h); poll NULL: always ready. */
int proc_create_ops_owned_poll(const char *path, const struct ark_file_ops *ops,
                               kfs_lseek_fn lseek, ark_poll_fn poll, void *priv,
                               struct kmod *owner, uint32_t mode);
/* /proc/PATH as a directory that stays when empty (until proc_remove_tree). -EEXIST, -ENOTDIR.
 * mode 0: 0755. */
int proc_mkdir_owned(const char *path, struct kmod *owner, uint32_t mode);
/* Changes the owner, group and mode of /proc/PATH (file or directory). -ENOENT, -EINVAL. */
int proc_set_perm(const char *path, ark_uid_t uid, ark_gid_t gid, uint32_t mode);
/* The size stat reports for the file /proc/PATH, whose contents are only made at open (0 until
 * this is called). -ENOENT, -EISDIR. */
int proc_set_stat_size(const char *path, uint32_t size);
/* Removes /proc/PATH and everything below it. Files open there get -ENXIO from then on, but
 * their close still reaches the driver; the entries go at their last close. */
int proc_remove_tree(const char *path);

/* ---- /sys (kernel/fs/sysfs.c) ---------------------------------------------------------------
 * Directories and attribute files. A file's show fills a page-sized buffer when the file is
 * opened for reading; each write is handed to store whole. mode is the Unix permission of a file
 * owned by root:root; unlike elsewhere root too is held to the owner bits, since a file's mode
 * says what its attribute supports (0444: it cannot be written). */
#define SYSFS_PAGE 4096u
struct sysfs_dir;
typedef long (*sysfs_show_fn)(void *priv, char *buf);                       /* bytes or -errno */
typedef long (*sysfs_store_fn)(void *priv, const char *buf, uint32_t len);  /* bytes or -errno */

struct sysfs_dir *sysfs_root_of(void);
/* Creates NAME under parent (NULL: /sys). -EEXIST if taken. */
int  sysfs_dir_create(struct sysfs_dir *parent, const char *name, struct kmod *owner,
                 struct sysfs_dir **out);
/* Finds "a/b" below parent (NULL: /sys), or NULL. */
struct sysfs_dir *sysfs_dir_find(struct sysfs_dir *parent, const char *path);
/* Removes a directory with all it contains. Files open at that moment stop calling show/store
 * (-ENODEV) and are freed at their last close. */
void sysfs_dir_remove(struct sysfs_dir *d);
int  sysfs_file_add(struct sysfs_dir *d, const char *name, uint16_t mode, sysfs_show_fn show,
                    sysfs_store_fn store, void *priv, struct kmod *owner);
/* A file NAME served like a device: every call of an open file goes to ops (debugfs's files).
 * Its mode is held as for a device, so root may open any file. */
int  sysfs_served_add(struct sysfs_dir *d, const char *name, uint16_t mode,
                      const struct ark_file_ops *ops, kfs_lseek_fn lseek, ark_poll_fn poll,
                      void *priv, struct kmod *owner);
/* Removes a file or a served file; open ones keep working as described above. */
int  sysfs_file_remove(struct sysfs_dir *d, const char *name);
const char *sysfs_dir_name(const struct sysfs_dir *d);
int  sysfs_release_owned_by(struct kmod *m);
void sysfs_init(void);                 /* mounts /sys with /sys/kernel and /sys/module */

#endif
