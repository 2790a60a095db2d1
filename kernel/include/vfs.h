/* vfs.h — the kernel's file interface: path lookup over mounted file systems (the tar ramdisk at
 * /ramdisk and /bin, devfs at /dev, procfs at /proc) and open files. Used by system calls, the
 * program loader and the module loader. Paths are absolute; buffers are kernel memory. */
#ifndef KERNEL_VFS_H
#define KERNEL_VFS_H

#include "ark/types.h"
#include "ark/syscall.h"

/* Longest path accepted, in bytes including the NUL; longer ones get -ENAMETOOLONG. */
#define VFS_PATH_MAX 512

struct file;   /* an open file; reference-counted so that descriptors can be shared (dup2, spawn) */

void vfs_init(void);                                   /* mounts devfs at /dev and procfs at /proc */
/* Mounts a ustar archive read-only at /ramdisk, and its bin/ directory at /bin. A malformed entry
 * is reported (printk, naming the entry) and skipped; the rest of the archive stays usable. */
int  ramdisk_mount(const void *archive, size_t size);

int  vfs_open(const char *path, uint32_t flags, struct file **out);   /* ARK_O_* flags */
long vfs_read(struct file *f, void *buf, uint32_t len);
long vfs_write(struct file *f, const void *buf, uint32_t len);
long vfs_ioctl(struct file *f, uint32_t cmd, uintptr_t arg);
long vfs_lseek(struct file *f, int32_t offset, int whence);
/* The ARK_POLL* events that hold for f now; pt (NULL: none) collects the wait queues to sleep on
 * (kernel/fs/poll.c). A file without a poll operation is always readable and writable. */
struct ark_poll_table;
uint32_t vfs_poll(struct file *f, struct ark_poll_table *pt);
/* poll(2) over n open files: revents[i] gets what holds of events[i] (plus ERR, HUP); waits for
 * one to be ready up to timeout_ms (-1: no limit) or until the process is killed. The number of
 * files with events, -EINTR, -ENOMEM. */
long vfs_poll_files(struct file *const *files, const uint16_t *events, uint16_t *revents,
                    unsigned n, long timeout_ms);
void vfs_file_get(struct file *f);                     /* one more reference */
int  vfs_close(struct file *f);                        /* drops a reference; closes at zero */

int  vfs_stat(const char *path, struct ark_stat *out);
int  vfs_readdir(const char *dir, uint32_t index, struct ark_dirent *out);
/* Reads a whole file into kmalloc'ed memory (the caller kfree's *data). */
int  vfs_read_file(const char *path, void **data, size_t *size);

/* procfs.c, for the kernel's own files that stand for something going away (a module's
 * parameters): removes /proc/PATH at once even while it is open; open files keep what they read,
 * get -ENXIO on write and never call the callbacks again, so priv may be freed on return. 0, 1
 * when it was open, -ENOENT, -EPERM from module code. */
int proc_revoke(const char *path);

#endif
