/* file.c — the bridge from ark's file operations (devfs, procfs) to Linux's struct file and
 * file_operations: an open makes a struct file (asking for the driver's module by its
 * char-major-M-N alias when no driver has the device number), pins the module named by
 * fops->owner, and calls open; reads and writes run with the VFS's staging buffer as the "user" buffer; the last close
 * calls flush and release. */
#include "ark/syscall.h"
#include "lx_internal.h"

void lx_node_init(struct lx_node *n, const char *name, const struct file_operations *fops)
{
    strscpy(n->name, name, sizeof(n->name));
    n->fops = fops;
    n->dentry.d_name.name = (const unsigned char *)n->name;
    n->dentry.d_name.len = (u32)strlen(n->name);
    n->dentry.d_inode = &n->inode;
    n->dentry.d_parent = &n->dentry;
}

void lx_node_release(struct lx_node *n)
{
    n->removed = true;
    if (!n->opens && n->free)
        n->free(n);
}

static struct file *lx_file_of(struct ark_file *af)
{
    return af->private_data;
}

static int lx_open(struct ark_file *af)
{
    struct lx_node *n = af->private_data;
    const struct file_operations *fops = n->fops;
    struct cdev *cdev = NULL;
    void *private_data = NULL;
    struct file *f;
    int rc = 0;

    /* owner, group and mode were checked by devfs or procfs before this open was called */
    if (!fops)
        fops = lx_chrdev_lookup(n->inode.i_rdev, &cdev, &private_data);
    if (!fops && !n->fops) {
        /* As Linux's chrdev_open: ask for the driver of the number (MODULE_ALIAS_CHARDEV_MAJOR,
         * or char-major-M-N aliases in modprobe.d), then look again. */
        char alias[40];
        snprintf(alias, sizeof(alias), "char-major-%u-%u", MAJOR(n->inode.i_rdev),
                 MINOR(n->inode.i_rdev));
        if (request_module("%s", alias) == 0)
            fops = lx_chrdev_lookup(n->inode.i_rdev, &cdev, &private_data);
    }
    if (!fops)
        return -ENXIO;                 /* no driver for this device number (any more) */
    if (!try_module_get(fops->owner))
        return -ENODEV;
    f = kzalloc(sizeof(*f), GFP_KERNEL);
    if (!f) {
        module_put(fops->owner);
        return -ENOMEM;
    }
    n->inode.i_cdev = cdev;
    f->f_op = fops;
    f->private_data = private_data;    /* a miscdevice's open finds it here, as on Linux */
    f->f_inode = &n->inode;
    f->f_path.dentry = &n->dentry;
    switch (af->flags & ARK_O_ACCMODE) {
    case ARK_O_WRONLY: f->f_flags = O_WRONLY; f->f_mode = FMODE_WRITE; break;
    case ARK_O_RDWR:   f->f_flags = O_RDWR; f->f_mode = FMODE_READ | FMODE_WRITE; break;
    default:           f->f_flags = O_RDONLY; f->f_mode = FMODE_READ; break;
    }
    if (af->flags & ARK_O_APPEND)
        f->f_flags |= O_APPEND;
    if (fops->llseek)
        f->f_mode |= FMODE_LSEEK;
    n->opens++;
    if (fops->open)
        rc = fops->open(&n->inode, f);
    if (rc) {
        n->opens--;
        kfree(f);
        module_put(fops->owner);
        return rc > 0 ? -EIO : rc;
    }
    af->private_data = f;
    return 0;
}

static int lx_close(struct ark_file *af)
{
    struct file *f = lx_file_of(af);
    const struct file_operations *fops = f->f_op;
    struct lx_node *n = container_of(f->f_inode, struct lx_node, inode);
    int rc = 0;

    if (fops->flush)
        rc = fops->flush(f, NULL);
    if (fops->release) {
        int r = fops->release(f->f_inode, f);
        if (!rc)
            rc = r;
    }
    module_put(fops->owner);
    kfree(f);
    n->opens--;
    if (n->removed && !n->opens && n->free)
        n->free(n);
    return rc;
}

/* A driver gives up a sleep ended by a signal with -ERESTARTSYS and friends; ark restarts no
 * system call, so the caller sees what Linux shows when it does not restart: -EINTR. */
static long lx_user_result(long r)
{
    if (r == -ERESTARTSYS || r == -ERESTARTNOINTR || r == -ERESTARTNOHAND || r == -ERESTART_RESTARTBLOCK)
        return -EINTR;
    return r;
}

static long lx_read(struct ark_file *af, char *buf, uint32_t len)
{
    struct file *f = lx_file_of(af);
    struct lx_uwindow saved;
    loff_t pos = af->pos;
    ssize_t r;

    if (!f->f_op->read)
        return -EINVAL;
    f->f_pos = pos;
    lx_uwindow_enter(&saved, buf, len);
    r = lx_user_result(f->f_op->read(f, buf, len, &pos));
    lx_uwindow_leave(&saved);
    if (r >= 0) {
        f->f_pos = pos;
        af->pos = (uint32_t)pos;
    }
    return r;
}

static long lx_write(struct ark_file *af, const char *buf, uint32_t len)
{
    struct file *f = lx_file_of(af);
    struct lx_uwindow saved;
    loff_t pos = af->pos;
    ssize_t r;

    if (!f->f_op->write)
        return -EINVAL;
    f->f_pos = pos;
    lx_uwindow_enter(&saved, buf, len);
    r = lx_user_result(f->f_op->write(f, buf, len, &pos));
    lx_uwindow_leave(&saved);
    if (r >= 0) {
        f->f_pos = pos;
        af->pos = (uint32_t)pos;
    }
    return r;
}

static long lx_ioctl(struct ark_file *af, uint32_t cmd, uintptr_t arg)
{
    struct file *f = lx_file_of(af);

    if (!f->f_op->unlocked_ioctl)
        return -ENOTTY;
    f->f_pos = af->pos;
    return lx_user_result(f->f_op->unlocked_ioctl(f, cmd, arg));
}

long lx_node_lseek(struct ark_file *af, int32_t offset, int whence)
{
    struct file *f = lx_file_of(af);
    loff_t r;

    if (!f->f_op->llseek || !(f->f_mode & FMODE_LSEEK))
        return -ESPIPE;                /* not seekable, as on Linux without llseek */
    f->f_pos = af->pos;
    r = f->f_op->llseek(f, offset, whence);
    if (r < 0)
        return (long)r;
    if (r > 0x7fffffffLL)
        return -EOVERFLOW;
    f->f_pos = r;
    return (long)r;
}

/* poll_table is the kernel's poll table under Linux's name (linux/poll.h): poll_wait hands the
 * driver's wait queue to ark_poll_wait. */
uint32_t lx_node_poll(struct ark_file *af, struct ark_poll_table *pt)
{
    struct file *f = lx_file_of(af);

    if (!f->f_op->poll)
        return DEFAULT_POLLMASK;
    f->f_pos = af->pos;
    return f->f_op->poll(f, (poll_table *)pt) & 0xffffu;
}

void __ark_poll_wait(struct file *filp, struct ark_wait_queue *wq, poll_table *p)
{
    (void)filp;
    ark_poll_wait((struct ark_poll_table *)p, wq);
}
KERNEL_EXPORT(__ark_poll_wait);

const struct ark_file_ops lx_node_ops = {
    .open = lx_open,
    .close = lx_close,
    .read = lx_read,
    .write = lx_write,
    .ioctl = lx_ioctl,
};

/* ---- the llseek helpers of linux/fs.h ---- */

loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
    (void)offset;
    (void)whence;
    return file->f_pos;
}
KERNEL_EXPORT(noop_llseek);

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
    (void)file;
    (void)offset;
    (void)whence;
    return -ESPIPE;
}
KERNEL_EXPORT(no_llseek);

loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
    loff_t base;

    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = file->f_pos; break;
    case SEEK_END: base = size; break;
    default: return -EINVAL;
    }
    if (base + offset < 0 || base + offset > MAX_LFS_FILESIZE)
        return -EINVAL;
    file->f_pos = base + offset;
    return file->f_pos;
}
KERNEL_EXPORT(fixed_size_llseek);

/* Device files have no size: SEEK_END is relative to 0, as for Linux's default_llseek on an
 * inode of size 0. */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
    return fixed_size_llseek(file, offset, whence, file->f_inode ? file->f_inode->i_size : 0);
}
KERNEL_EXPORT(default_llseek);

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
    return default_llseek(file, offset, whence);
}
KERNEL_EXPORT(generic_file_llseek);

int nonseekable_open(struct inode *inode, struct file *filp)
{
    (void)inode;
    filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
    return 0;
}
KERNEL_EXPORT(nonseekable_open);

int stream_open(struct inode *inode, struct file *filp)
{
    nonseekable_open(inode, filp);
    filp->f_mode |= FMODE_STREAM;
    return 0;
}
KERNEL_EXPORT(stream_open);

int simple_open(struct inode *inode, struct file *file)
{
    if (inode->i_private)
        file->private_data = inode->i_private;
    return 0;
}
KERNEL_EXPORT(simple_open);
