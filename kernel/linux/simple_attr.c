/* simple_attr.c — files that hold one number (DEFINE_SIMPLE_ATTRIBUTE, DEFINE_DEBUGFS_ATTRIBUTE
 * and debugfs's ready-made variable files): a read from the start asks get and formats the value,
 * a later read continues that text; a write is parsed and handed to set. */
#include <linux/debugfs.h>
#include <linux/kstrtox.h>
#include "lx_internal.h"

struct lx_simple_attr {
    int (*get)(void *, u64 *);
    int (*set)(void *, u64);
    void *data;
    const char *fmt;
    struct mutex lock;                 /* one text per open file, as reads continue it */
    char text[32];
    size_t len;
};

int simple_attr_open(struct inode *inode, struct file *file, int (*get)(void *, u64 *),
                     int (*set)(void *, u64), const char *fmt)
{
    struct lx_simple_attr *a = kzalloc(sizeof(*a), GFP_KERNEL);

    if (!a)
        return -ENOMEM;
    a->get = get;
    a->set = set;
    a->data = inode->i_private;
    a->fmt = fmt;
    mutex_init(&a->lock);
    file->private_data = a;
    return 0;
}
KERNEL_EXPORT(simple_attr_open);

int simple_attr_release(struct inode *inode, struct file *file)
{
    (void)inode;
    kfree(file->private_data);
    return 0;
}
KERNEL_EXPORT(simple_attr_release);

ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
    struct lx_simple_attr *a = file->private_data;
    ssize_t r;

    if (!a->get)
        return -EACCES;
    mutex_lock(&a->lock);
    if (*ppos == 0 || !a->len) {       /* a fresh read: the value now */
        u64 val;
        int rc = a->get(a->data, &val);
        if (rc) {
            mutex_unlock(&a->lock);
            return rc;
        }
        a->len = (size_t)scnprintf(a->text, sizeof(a->text), a->fmt, (unsigned long long)val);
    }
    r = simple_read_from_buffer(buf, len, ppos, a->text, a->len);
    mutex_unlock(&a->lock);
    return r;
}
KERNEL_EXPORT(simple_attr_read);

static ssize_t lx_simple_attr_write(struct file *file, const char __user *buf, size_t len,
                                    bool is_signed)
{
    struct lx_simple_attr *a = file->private_data;
    char text[32];
    size_t n = min(len, sizeof(text) - 1);
    u64 val;
    int rc;

    if (!a->set)
        return -EACCES;
    if (copy_from_user(text, buf, n))
        return -EFAULT;
    text[n] = '\0';
    if (is_signed)
        rc = kstrtoll(text, 0, (long long *)&val);
    else
        rc = kstrtoull(text, 0, (unsigned long long *)&val);
    if (rc)
        return rc;
    mutex_lock(&a->lock);
    rc = a->set(a->data, val);
    a->len = 0;                        /* the next read shows the new value */
    mutex_unlock(&a->lock);
    return rc ? rc : (ssize_t)len;
}

ssize_t simple_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
    (void)ppos;
    return lx_simple_attr_write(file, buf, len, false);
}
KERNEL_EXPORT(simple_attr_write);

ssize_t simple_attr_write_signed(struct file *file, const char __user *buf, size_t len,
                                 loff_t *ppos)
{
    (void)ppos;
    return lx_simple_attr_write(file, buf, len, true);
}
KERNEL_EXPORT(simple_attr_write_signed);

ssize_t debugfs_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
    return simple_attr_read(file, buf, len, ppos);
}
KERNEL_EXPORT(debugfs_attr_read);

ssize_t debugfs_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
    return simple_attr_write(file, buf, len, ppos);
}
KERNEL_EXPORT(debugfs_attr_write);
