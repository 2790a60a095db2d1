/* vfs.c — the kernel's file interface: resolves a path to a mounted file system, keeps the
 * reference-counted open-file records, and serves the root directory that lists the mounts. */
#include "ark/kernel.h"
#include "fs_internal.h"

#define VFS_MOUNTS_MAX 8
#define VFS_READ_FILE_MAX (64u << 20)   /* vfs_read_file refuses anything larger (-EFBIG) */
#define VFS_IO_MAX 0x7fffffffu         /* a byte count must fit the long it is returned in */

struct mount {
    char name[ARK_NAME_MAX];
    const struct fs_ops *ops;
    void *root;
};

/* Kept sorted by name: it is also the listing of "/". */
static struct mount vfs_mounts[VFS_MOUNTS_MAX];
static unsigned vfs_mount_count;

int vfs_mount(const char *name, const struct fs_ops *ops, void *root)
{
    size_t len = strlen(name);
    unsigned i;

    if (!fs_name_valid(name, len))
        return -EINVAL;
    for (i = 0; i < vfs_mount_count; i++)
        if (strcmp(vfs_mounts[i].name, name) == 0)
            return -EEXIST;
    if (vfs_mount_count == VFS_MOUNTS_MAX)
        return -ENOSPC;
    for (i = vfs_mount_count; i > 0 && strcmp(vfs_mounts[i - 1].name, name) > 0; i--)
        vfs_mounts[i] = vfs_mounts[i - 1];
    strlcpy(vfs_mounts[i].name, name, sizeof(vfs_mounts[i].name));
    vfs_mounts[i].ops = ops;
    vfs_mounts[i].root = root;
    vfs_mount_count++;
    return 0;
}

/* sysfs needs the process table for its permission checks, so hosted builds leave it out. */
#pragma weak sysfs_init

void vfs_init(void)
{
    devfs_init();
    dev_builtin_init();
    procfs_init();
    proc_builtin_init();
    if (sysfs_init)
        sysfs_init();
}

/* A path after normalisation: its mount (NULL for "/") and the rest relative to the mount. */
struct vfs_target {
    char buf[VFS_PATH_MAX];
    const struct mount *mnt;
    const char *rel;
    bool dir_only;
};

static int vfs_resolve(const char *path, struct vfs_target *t)
{
    const char *name, *rest;
    size_t len;
    int err;

    t->rel = NULL;
    if (!path)
        return -EFAULT;
    err = fs_path_normalise(path, t->buf, sizeof(t->buf), &t->dir_only);
    if (err)
        return err;
    t->mnt = NULL;
    t->rel = "";
    rest = t->buf;
    len = fs_path_next(&rest, &name);
    if (len == 0)
        return 0;
    for (unsigned i = 0; i < vfs_mount_count; i++) {
        if (strncmp(vfs_mounts[i].name, name, len) == 0 && vfs_mounts[i].name[len] == '\0') {
            t->mnt = &vfs_mounts[i];
            t->rel = rest;
            return 0;
        }
    }
    t->rel = rest;                     /* what is left below the missing top-level name */
    return -ENOENT;
}

static int vfs_stat_target(const struct vfs_target *t, struct ark_stat *out)
{
    int err;

    if (!t->mnt) {
        out->type = ARK_DT_DIR;
        out->size = 0;
        out->mode = 0755;              /* the root directory: root's, as on Unix */
        out->uid = 0;
        out->gid = 0;
        return 0;
    }
    err = t->mnt->ops->stat(t->mnt->root, t->rel, out);
    if (err == 0 && t->dir_only && out->type != ARK_DT_DIR)
        return -ENOTDIR;
    return err;
}

/* vfs_resolve into a target on the heap, which keeps its VFS_PATH_MAX buffer off the kernel stack.
 * NULL when out of memory; else *err holds vfs_resolve's answer and the caller kfree's it. */
static struct vfs_target *vfs_resolve_new(const char *path, int *err)
{
    struct vfs_target *t = kmalloc(sizeof(*t));

    if (t)
        *err = vfs_resolve(path, t);
    return t;
}

int vfs_stat(const char *path, struct ark_stat *out)
{
    struct vfs_target *t;
    int err;

    if (!out)
        return -EFAULT;
    t = vfs_resolve_new(path, &err);
    if (!t)
        return -ENOMEM;
    if (!err)
        err = vfs_stat_target(t, out);
    kfree(t);
    return err;
}

int vfs_readdir(const char *dir, uint32_t index, struct ark_dirent *out)
{
    struct vfs_target *t;
    int err;

    if (!out)
        return -EFAULT;
    t = vfs_resolve_new(dir, &err);
    if (!t)
        return -ENOMEM;
    if (!err && !t->mnt) {
        if (index < vfs_mount_count) {
            memset(out, 0, sizeof(*out));
            out->type = ARK_DT_DIR;
            out->mode = 0755;
            strlcpy(out->name, vfs_mounts[index].name, sizeof(out->name));
        } else {
            err = -ENOENT;
        }
    } else if (!err) {
        err = t->mnt->ops->readdir(t->mnt->root, t->rel, index, out);
    }
    kfree(t);
    return err;
}

#define VFS_O_KNOWN (ARK_O_ACCMODE | ARK_O_CREAT | ARK_O_TRUNC | ARK_O_APPEND)

int vfs_open(const char *path, uint32_t flags, struct file **out)
{
    struct vfs_target *t;
    struct ark_stat st;
    struct file *f = NULL;
    int err;

    if (!out)
        return -EFAULT;
    *out = NULL;
    if ((flags & ~VFS_O_KNOWN) || (flags & ARK_O_ACCMODE) == ARK_O_ACCMODE)
        return -EINVAL;
    t = vfs_resolve_new(path, &err);
    if (!t)
        return -ENOMEM;
    if (err == -ENOENT && (flags & ARK_O_CREAT) && t->rel && !*t->rel)
        err = -EROFS;                  /* a new name in "/", which holds only the mount points */
    if (err)
        goto out;
    if (!t->mnt) {
        err = -EISDIR;                 /* "/" itself; nothing can be created beside the mounts */
        goto out;
    }
    if (t->dir_only) {
        /* "x/" can only name a directory, and directories are not opened as files */
        err = vfs_stat_target(t, &st);
        if (!err)
            err = -EISDIR;
        goto out;
    }
    f = kzalloc(sizeof(*f));
    if (!f) {
        err = -ENOMEM;
        goto out;
    }
    f->refs = 1;
    f->flags = flags;
    err = t->mnt->ops->open(t->mnt->root, t->rel, flags, f);
    if (err) {
        kfree(f);
        goto out;
    }
    *out = f;
out:
    kfree(t);
    return err;
}

long vfs_read(struct file *f, void *buf, uint32_t len)
{
    if (!f || !f->refs || !fs_wants_read(f->flags))
        return -EBADF;
    if (len == 0)
        return 0;
    if (!buf)
        return -EFAULT;
    if (!f->ops->read)
        return -EINVAL;
    return f->ops->read(f, buf, len > VFS_IO_MAX ? VFS_IO_MAX : len);
}

long vfs_write(struct file *f, const void *buf, uint32_t len)
{
    if (!f || !f->refs || !fs_wants_write(f->flags))
        return -EBADF;
    if (len == 0)
        return 0;
    if (!buf)
        return -EFAULT;
    if (!f->ops->write)
        return -EINVAL;
    return f->ops->write(f, buf, len > VFS_IO_MAX ? VFS_IO_MAX : len);
}

long vfs_ioctl(struct file *f, uint32_t cmd, uintptr_t arg)
{
    if (!f || !f->refs)
        return -EBADF;
    if (!f->ops->ioctl)
        return -ENOTTY;
    return f->ops->ioctl(f, cmd, arg);
}

long vfs_lseek(struct file *f, int32_t offset, int whence)
{
    if (!f || !f->refs)
        return -EBADF;
    if (f->ops->lseek)
        return f->ops->lseek(f, offset, whence);
    return fs_lseek_generic(f, offset, whence);
}

uint32_t vfs_poll(struct file *f, struct ark_poll_table *pt)
{
    if (!f || !f->refs)
        return ARK_POLLNVAL;
    if (!f->ops->poll)    /* files that never block: what Linux calls DEFAULT_POLLMASK */
        return ARK_POLLIN | ARK_POLLOUT | ARK_POLLRDNORM | ARK_POLLWRNORM;
    return f->ops->poll(f, pt);
}

long fs_lseek_generic(struct file *f, int32_t offset, int whence)
{
    int64_t base;

    switch (whence) {
    case ARK_SEEK_SET:
        base = 0;
        break;
    case ARK_SEEK_CUR:
        base = f->pos;
        break;
    case ARK_SEEK_END: {
        long size = f->ops->size ? f->ops->size(f) : -EINVAL;
        if (size < 0)
            return size;
        base = size;
        break;
    }
    default:
        return -EINVAL;
    }
    base += offset;
    if (base < 0)
        return -EINVAL;
    if (base > (int64_t)VFS_IO_MAX)
        return -EOVERFLOW;
    f->pos = (uint32_t)base;
    return (long)base;
}

void vfs_file_get(struct file *f)
{
    if (f && f->refs)
        f->refs++;
}

int vfs_close(struct file *f)
{
    int err = 0;

    if (!f || !f->refs)
        return -EBADF;
    if (--f->refs)
        return 0;
    if (f->ops->release)
        err = f->ops->release(f);
    kfree(f);
    return err;
}

int vfs_read_file(const char *path, void **data, size_t *size)
{
    struct ark_stat st;
    struct file *f;
    char *buf = NULL;
    size_t cap, len = 0;
    int err;

    if (!data || !size)
        return -EFAULT;
    *data = NULL;
    *size = 0;
    err = vfs_stat(path, &st);
    if (err)
        return err;
    if (st.type == ARK_DT_DIR)
        return -EISDIR;
    if (st.type == ARK_DT_DEV)
        return -EINVAL;                /* a device has no whole-file contents (think /dev/zero) */
    if (st.size > VFS_READ_FILE_MAX)
        return -EFBIG;
    err = vfs_open(path, ARK_O_RDONLY, &f);
    if (err)
        return err;
    /* the size is a hint: /proc files report 0 and are read until their end */
    cap = st.size ? st.size + 1 : 4096;
    for (;;) {
        long n;

        if (buf && st.size && len == st.size)
            break;                     /* a file with a known size is read exactly */
        if (!buf || len + 1 >= cap) {
            char *nbuf;

            if (buf)
                cap *= 2;
            if (cap > VFS_READ_FILE_MAX + 1) {
                err = -EFBIG;
                break;
            }
            nbuf = kmalloc(cap);
            if (!nbuf) {
                err = -ENOMEM;
                break;
            }
            if (len)
                memcpy(nbuf, buf, len);
            kfree(buf);
            buf = nbuf;
        }
        n = vfs_read(f, buf + len, (uint32_t)(cap - 1 - len));
        if (n < 0) {
            err = (int)n;
            break;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    vfs_close(f);
    if (err) {
        kfree(buf);
        return err;
    }
    buf[len] = '\0';                   /* not counted in *size; handy for text files */
    *data = buf;
    *size = len;
    return 0;
}
