/* linux/debugfs.h — debugging files under /sys/kernel/debug: directories, files served by a
 * driver's file_operations (inode->i_private is the data given at creation), and ready-made
 * files for a variable (u8..u64, x8..x64, size_t, ulong, atomic_t, bool) or a blob. Creation
 * returns an ERR_PTR on failure, which every other call accepts and ignores, as on Linux. */
#ifndef _LINUX_DEBUGFS_H
#define _LINUX_DEBUGFS_H
#include <linux/types.h>
#include <linux/fs.h>
#include <linux/err.h>
#include <linux/atomic.h>

struct debugfs_blob_wrapper {
    void *data;
    unsigned long size;
};

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
                                   void *data, const struct file_operations *fops);
/* ark's debugfs always keeps a removed file's open files from reaching the driver's read and
 * write (they get -ENXIO), so the unsafe form is the same call. */
#define debugfs_create_file_unsafe debugfs_create_file
/* As debugfs_create_file, with the inode's i_size set (stat of the file still reports 0). */
struct dentry *debugfs_create_file_size(const char *name, umode_t mode, struct dentry *parent,
                                        void *data, const struct file_operations *fops,
                                        loff_t file_size);

void debugfs_create_u8(const char *name, umode_t mode, struct dentry *parent, u8 *value);
void debugfs_create_u16(const char *name, umode_t mode, struct dentry *parent, u16 *value);
void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent, u32 *value);
void debugfs_create_u64(const char *name, umode_t mode, struct dentry *parent, u64 *value);
void debugfs_create_x8(const char *name, umode_t mode, struct dentry *parent, u8 *value);
void debugfs_create_x16(const char *name, umode_t mode, struct dentry *parent, u16 *value);
void debugfs_create_x32(const char *name, umode_t mode, struct dentry *parent, u32 *value);
void debugfs_create_x64(const char *name, umode_t mode, struct dentry *parent, u64 *value);
void debugfs_create_size_t(const char *name, umode_t mode, struct dentry *parent, size_t *value);
void debugfs_create_ulong(const char *name, umode_t mode, struct dentry *parent,
                          unsigned long *value);
void debugfs_create_atomic_t(const char *name, umode_t mode, struct dentry *parent,
                             atomic_t *value);
/* Reads "Y\n" or "N\n"; a write takes what kstrtobool takes (y/n, 1/0, on/off). */
void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value);
/* The blob's bytes, read-only. */
struct dentry *debugfs_create_blob(const char *name, umode_t mode, struct dentry *parent,
                                   struct debugfs_blob_wrapper *blob);

/* Removes a file, or a directory with everything below it. NULL and ERR_PTRs are ignored. */
void debugfs_remove(struct dentry *dentry);
#define debugfs_remove_recursive debugfs_remove
/* The entry NAME in parent (NULL: the top), or NULL; give it back with dput. */
struct dentry *debugfs_lookup(const char *name, struct dentry *parent);
void debugfs_lookup_and_remove(const char *name, struct dentry *parent);
void dput(struct dentry *dentry);
static inline bool debugfs_initialized(void) { return true; }

/* A file for one number with get and set functions: DEFINE_DEBUGFS_ATTRIBUTE(fops_name, get,
 * set, "%llu\n") makes fops_name, for debugfs_create_file. get or set may be NULL. */
#define DEFINE_DEBUGFS_ATTRIBUTE(__fops, __get, __set, __fmt) \
    DEFINE_SIMPLE_ATTRIBUTE(__fops, __get, __set, __fmt)
#define DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(__fops, __get, __set, __fmt) \
    DEFINE_SIMPLE_ATTRIBUTE_SIGNED(__fops, __get, __set, __fmt)
ssize_t debugfs_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos);
ssize_t debugfs_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos);
#endif
