/* linux/proc_fs.h — /proc entries with struct proc_ops (Linux 5.6 and later). Every read, write,
 * seek and ioctl goes to the entry's operations, so seq_file works as on Linux. ark's own
 * proc_create/proc_remove (ark/proc.h) are different functions: here they are mapped onto the
 * Linux versions. */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H
#include <linux/types.h>
#include <linux/fs.h>
#include <linux/uidgid.h>

struct proc_dir_entry;   /* opaque */
struct seq_file;
struct seq_operations;

#define PROC_ENTRY_PERMANENT 1U

struct proc_ops {
    unsigned int proc_flags;
    int (*proc_open)(struct inode *, struct file *);
    ssize_t (*proc_read)(struct file *, char __user *, size_t, loff_t *);
    ssize_t (*proc_write)(struct file *, const char __user *, size_t, loff_t *);
    loff_t (*proc_lseek)(struct file *, loff_t, int);
    int (*proc_release)(struct inode *, struct file *);
    __poll_t (*proc_poll)(struct file *, struct poll_table_struct *);
    long (*proc_ioctl)(struct file *, unsigned int, unsigned long);
    long (*proc_compat_ioctl)(struct file *, unsigned int, unsigned long);
};

struct proc_dir_entry *ark_linux_proc_create_data(const char *name, umode_t mode,
                                                  struct proc_dir_entry *parent,
                                                  const struct proc_ops *proc_ops, void *data);
void ark_linux_proc_remove(struct proc_dir_entry *de);
#define proc_create_data ark_linux_proc_create_data
#define proc_remove      ark_linux_proc_remove
static inline struct proc_dir_entry *proc_create(const char *name, umode_t mode,
                                                 struct proc_dir_entry *parent,
                                                 const struct proc_ops *proc_ops)
{
    return ark_linux_proc_create_data(name, mode, parent, proc_ops, NULL);
}
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_mkdir_data(const char *name, umode_t mode,
                                       struct proc_dir_entry *parent, void *data);
/* A file whose whole content show prints (single_open underneath). */
struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
                                               struct proc_dir_entry *parent,
                                               int (*show)(struct seq_file *, void *), void *data);
#define proc_create_single(name, mode, parent, show) proc_create_single_data(name, mode, parent, show, NULL)
struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
                                               struct proc_dir_entry *parent,
                                               const struct seq_operations *ops,
                                               unsigned int state_size, void *data);
#define proc_create_seq_data(name, mode, parent, ops, data) proc_create_seq_private(name, mode, parent, ops, 0, data)
#define proc_create_seq(name, mode, parent, ops) proc_create_seq_private(name, mode, parent, ops, 0, NULL)
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);
int remove_proc_subtree(const char *name, struct proc_dir_entry *parent);
void *pde_data(const struct inode *inode);
#define PDE_DATA(inode) pde_data(inode)
void proc_set_size(struct proc_dir_entry *de, loff_t size);
void proc_set_user(struct proc_dir_entry *de, kuid_t uid, kgid_t gid);
#endif
