/* linux/fs.h — character-device files: struct file, inode, dentry, file_operations, and the
 * chrdev registry (register_chrdev, alloc_chrdev_region). A device node appears under /dev when
 * device_create (linux/device.h) names it, as udev would do on Linux. */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/fs.h>
#else
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/errno.h>
#include <linux/stat.h>
#include <linux/err.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
/* What Linux's fs.h brings along, and code written against it uses without including. */
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <linux/uidgid.h>

struct module;
struct cdev;
struct file;
struct inode;
struct poll_table_struct;

struct qstr {
    const unsigned char *name;
    u32 len;
    u32 hash;
};

struct dentry {
    struct qstr d_name;
    struct inode *d_inode;
    struct dentry *d_parent;
};

struct vfsmount;
struct path {
    struct vfsmount *mnt;
    struct dentry *dentry;
};

struct inode {
    umode_t i_mode;
    dev_t i_rdev;
    unsigned long i_ino;
    loff_t i_size;
    struct cdev *i_cdev;
    void *i_private;
};

/* f_mode */
#define FMODE_READ   ((fmode_t)0x1)
#define FMODE_WRITE  ((fmode_t)0x2)
#define FMODE_LSEEK  ((fmode_t)0x4)
#define FMODE_PREAD  ((fmode_t)0x8)
#define FMODE_PWRITE ((fmode_t)0x10)
#define FMODE_STREAM ((fmode_t)0x200000)
/* f_flags */
#define O_ACCMODE 00000003
#define O_RDONLY  00000000
#define O_WRONLY  00000001
#define O_RDWR    00000002
#define O_CREAT   00000100
#define O_EXCL    00000200
#define O_TRUNC   00001000
#define O_APPEND  00002000
#define O_NONBLOCK 00004000

struct file {
    struct path f_path;
    struct inode *f_inode;
    const struct file_operations *f_op;
    unsigned int f_flags;
    fmode_t f_mode;
    loff_t f_pos;
    void *private_data;
};

typedef void *fl_owner_t;

/* Operations ark calls: open, release, flush (at close), read, write, llseek, unlocked_ioctl
 * (compat_ioctl is never needed on a 32-bit kernel) and poll (poll(2) on a device node made by
 * device_create, linux/poll.h). Members ark cannot drive (mmap, read_iter, ...) are absent, so a driver that
 * sets them fails to compile instead of misbehaving. */
struct file_operations {
    struct module *owner;
    loff_t (*llseek)(struct file *, loff_t, int);
    ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
    ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
    __poll_t (*poll)(struct file *, struct poll_table_struct *);
    long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
    long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
    int (*open)(struct inode *, struct file *);
    int (*flush)(struct file *, fl_owner_t id);
    int (*release)(struct inode *, struct file *);
};

static inline unsigned iminor(const struct inode *inode) { return MINOR(inode->i_rdev); }
static inline unsigned imajor(const struct inode *inode) { return MAJOR(inode->i_rdev); }
static inline struct inode *file_inode(const struct file *f) { return f->f_inode; }

#define CHRDEV_MAJOR_MAX 512
#define CHRDEV_MAJOR_DYN_END 234

/* major 0: a free major is chosen and returned; otherwise 0. Minors 0-255 of the major. */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
                      const char *name, const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
                         const char *name);
static inline int register_chrdev(unsigned int major, const char *name,
                                  const struct file_operations *fops)
{
    return __register_chrdev(major, 0, 256, name, fops);
}
static inline void unregister_chrdev(unsigned int major, const char *name)
{
    __unregister_chrdev(major, 0, 256, name);
}
int alloc_chrdev_region(dev_t *dev, unsigned int baseminor, unsigned int count, const char *name);
int register_chrdev_region(dev_t from, unsigned int count, const char *name);
void unregister_chrdev_region(dev_t from, unsigned int count);

loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
int nonseekable_open(struct inode *inode, struct file *filp);
int stream_open(struct inode *inode, struct file *filp);
int simple_open(struct inode *inode, struct file *file);

/* A file holding one number, read and written as text: open calls simple_attr_open with get
 * and set (either may be NULL) and the printf format of a read, e.g. "%llu\n"; a write is parsed
 * with base prefixes (0x, 0) and handed to set. DEFINE_SIMPLE_ATTRIBUTE makes the whole
 * file_operations. */
int simple_attr_open(struct inode *inode, struct file *file, int (*get)(void *, u64 *),
                     int (*set)(void *, u64), const char *fmt);
int simple_attr_release(struct inode *inode, struct file *file);
ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos);
ssize_t simple_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos);
/* As simple_attr_write, for a number that may be negative (the u64 set gets is its bits). */
ssize_t simple_attr_write_signed(struct file *file, const char __user *buf, size_t len,
                                 loff_t *ppos);
static inline __printf(1, 2) void __simple_attr_check_format(const char *fmt, ...) { (void)fmt; }
#define DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, __is_signed)          \
    static int __fops##_open(struct inode *inode, struct file *file)                      \
    {                                                                                     \
        __simple_attr_check_format(__fmt, 0ull);                                          \
        return simple_attr_open(inode, file, __get, __set, __fmt);                        \
    }                                                                                     \
    static const struct file_operations __fops = {                                        \
        .owner = THIS_MODULE,                                                             \
        .open = __fops##_open,                                                            \
        .release = simple_attr_release,                                                   \
        .read = simple_attr_read,                                                         \
        .write = (__is_signed) ? simple_attr_write_signed : simple_attr_write,            \
        .llseek = generic_file_llseek,                                                    \
    }
#define DEFINE_SIMPLE_ATTRIBUTE(__fops, __get, __set, __fmt) \
    DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, false)
#define DEFINE_SIMPLE_ATTRIBUTE_SIGNED(__fops, __get, __set, __fmt) \
    DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, true)

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define MAX_LFS_FILESIZE 0x7fffffffLL

#endif
#endif
