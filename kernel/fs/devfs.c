/* devfs.c — /dev: character devices registered by the kernel's drivers and by modules. A device
 * belongs to the module whose memory holds its ops (or priv), else to the module whose init is
 * running; an open device pins that module, only it may unregister the device, every call into
 * it is guarded (fs_call), and its leftovers are swept away at its unload. */
#include "ark/kernel.h"
#include "export.h"
#include "fs_internal.h"

struct dev_entry {
    struct fs_node node;
    const struct ark_file_ops *ops;
    kfs_lseek_fn lseek;                /* NULL: the generic seek rules */
    ark_poll_fn poll;                  /* NULL: always readable and writable */
    bool detached;                     /* out of /dev, kept for its open files (dev_detach) */
    void *priv;
    struct fs_pin pin;                 /* who registered it (NULL: the kernel), open count */
};

struct dev_open {
    struct ark_file af;                /* what the driver sees */
    struct dev_entry *dev;
};

static struct fs_node devfs_root;

static struct dev_entry *dev_find(const char *name, size_t len)
{
    struct fs_node *n = fs_tree_child(&devfs_root, name, len);
    return n ? FS_CONTAINER_OF(n, struct dev_entry, node) : NULL;
}

static int dev_add(const char *name, const struct ark_file_ops *ops, kfs_lseek_fn lseek,
                   ark_poll_fn poll, void *priv, struct kmod *owner, ark_uid_t uid, ark_gid_t gid,
                   uint32_t mode);

int dev_register_mode(const char *name, const struct ark_file_ops *ops, void *priv, ark_uid_t uid,
                      ark_gid_t gid, uint32_t mode)
{
    if (!ops || (mode & ~(uint32_t)ARK_S_IALLUGO) || uid < 0 || gid < 0)
        return -EINVAL;
    return dev_add(name, ops, NULL, NULL, priv,
                   fs_owner_for((const uintptr_t[]){ (uintptr_t)ops->read, (uintptr_t)ops->write,
                       (uintptr_t)ops->ioctl, (uintptr_t)ops->open, (uintptr_t)ops->close,
                       (uintptr_t)ops, (uintptr_t)priv }, 7),
                   uid, gid, mode);
}
KERNEL_EXPORT(dev_register_mode);

int dev_register(const char *name, const struct ark_file_ops *ops, void *priv)
{
    return dev_register_mode(name, ops, priv, 0, 0, 0600);
}
KERNEL_EXPORT(dev_register);

int dev_register_poll(const char *name, const struct ark_file_ops *ops, ark_poll_fn poll,
                      void *priv)
{
    if (!ops)
        return -EINVAL;
    return dev_add(name, ops, NULL, poll, priv,
                   fs_owner_for((const uintptr_t[]){ (uintptr_t)ops->read, (uintptr_t)ops->write,
                       (uintptr_t)ops->ioctl, (uintptr_t)ops->open, (uintptr_t)ops->close,
                       (uintptr_t)poll, (uintptr_t)ops, (uintptr_t)priv }, 8),
                   0, 0, 0600);
}
KERNEL_EXPORT(dev_register_poll);

int dev_set_perm(const char *name, ark_uid_t uid, ark_gid_t gid, uint32_t mode)
{
    struct dev_entry *d;

    if (!name || (mode & ~(uint32_t)ARK_S_IALLUGO) || uid < 0 || gid < 0)
        return -EINVAL;
    d = dev_find(name, strnlen(name, ARK_NAME_MAX));
    if (!d)
        return -ENOENT;
    fs_node_set_perm(&d->node, uid, gid, mode);
    return 0;
}

/* The Linux layer's devices: their ops are its adapters (kernel code), so it names the owner. */
int dev_register_owned(const char *name, const struct ark_file_ops *ops, kfs_lseek_fn lseek,
                       void *priv, struct kmod *owner)
{
    return dev_register_owned_poll(name, ops, lseek, NULL, priv, owner);
}

int dev_register_owned_poll(const char *name, const struct ark_file_ops *ops, kfs_lseek_fn lseek,
                            ark_poll_fn poll, void *priv, struct kmod *owner)
{
    return dev_add(name, ops, lseek, poll, priv, owner, 0, 0, 0600);
}

/* The entry gets its owner, group and mode before it is linked: never visible with others. */
static int dev_add(const char *name, const struct ark_file_ops *ops, kfs_lseek_fn lseek,
                   ark_poll_fn poll, void *priv, struct kmod *owner, ark_uid_t uid, ark_gid_t gid,
                   uint32_t mode)
{
    struct dev_entry *d;
    size_t len;

    if (!name || !ops)
        return -EINVAL;
    len = strnlen(name, ARK_NAME_MAX);
    if (len >= ARK_NAME_MAX)
        return -ENAMETOOLONG;
    if (!fs_name_valid(name, len))
        return -EINVAL;
    if (dev_find(name, len))
        return -EEXIST;
    d = kzalloc(sizeof(*d));
    if (!d)
        return -ENOMEM;
    fs_node_init(&d->node, name, len, ARK_DT_DEV);
    fs_node_set_perm(&d->node, uid, gid, mode);
    d->ops = ops;
    d->lseek = lseek;
    d->poll = poll;
    d->priv = priv;
    d->pin.owner = owner;
    fs_tree_link(&devfs_root, &d->node);
    return 0;
}

int dev_unregister(const char *name)
{
    struct dev_entry *d;

    if (!name)
        return -EINVAL;
    d = dev_find(name, strnlen(name, ARK_NAME_MAX));
    if (!d)
        return -ENOENT;
    if (fs_caller() && fs_caller() != d->pin.owner) {
        printk(KERN_WARNING "devfs: module '%s' may not unregister /dev/%s (it belongs to %s)\n",
               fs_owner_name(fs_caller()), d->node.name,
               d->pin.owner ? fs_owner_name(d->pin.owner) : "the kernel");
        return -EPERM;
    }
    if (d->pin.opens)
        return -EBUSY;
    fs_tree_unlink(&d->node);
    kfree(d);
    return 0;
}
KERNEL_EXPORT(dev_unregister);

int dev_detach(const char *name)
{
    struct dev_entry *d;

    if (!name)
        return -EINVAL;
    d = dev_find(name, strnlen(name, ARK_NAME_MAX));
    if (!d)
        return -ENOENT;
    fs_tree_unlink(&d->node);
    if (!d->pin.opens)
        kfree(d);
    else
        d->detached = true;
    return 0;
}

int devfs_release_owned_by(struct kmod *m)
{
    struct fs_node *n, *next;
    char path[sizeof("/dev/") + ARK_NAME_MAX];
    int removed = 0;

    if (!m)
        return 0;
    for (n = devfs_root.children; n; n = next) {
        struct dev_entry *d = FS_CONTAINER_OF(n, struct dev_entry, node);

        next = n->next;
        if (d->pin.owner != m)
            continue;
        snprintf(path, sizeof(path), "/dev/%s", n->name);
        fs_tree_unlink(n);
        removed++;
        if (fs_pin_sweep(&d->pin, path))
            kfree(d);
        else {
            d->ops = NULL;             /* open files keep the entry but never call into it again */
            d->poll = NULL;
        }
    }
    return removed;
}

/* ---- open devices ----------------------------------------------------------------------------- */
/* Calls into the driver: a module's through fs_call, so that its faults are contained. */
static long dev_call_rw(struct dev_open *o, bool write, void *buf, uint32_t len)
{
    const struct ark_file_ops *ops = o->dev->ops;
    struct kmod *owner = o->dev->pin.owner;

    if (fs_guarded(owner)) {
        uintptr_t args[3] = { (uintptr_t)&o->af, (uintptr_t)buf, len };
        return fs_call(owner, write ? (const void *)ops->write : (const void *)ops->read, 3, args);
    }
    return write ? ops->write(&o->af, buf, len) : ops->read(&o->af, buf, len);
}

static long dev_call_ioctl(struct dev_open *o, uint32_t cmd, uintptr_t arg)
{
    struct kmod *owner = o->dev->pin.owner;

    if (fs_guarded(owner)) {
        uintptr_t args[3] = { (uintptr_t)&o->af, cmd, arg };
        return fs_call(owner, (const void *)o->dev->ops->ioctl, 3, args);
    }
    return o->dev->ops->ioctl(&o->af, cmd, arg);
}

/* open or close (both int (*)(struct ark_file *)) */
static int dev_call_file(struct dev_open *o, int (*fn)(struct ark_file *))
{
    struct kmod *owner = o->dev->pin.owner;

    if (fs_guarded(owner)) {
        uintptr_t arg = (uintptr_t)&o->af;
        return (int)fs_call(owner, (const void *)fn, 1, &arg);
    }
    return fn(&o->af);
}

static long dev_read(struct file *f, void *buf, uint32_t len)
{
    struct dev_open *o = f->data;
    long r;

    if (o->dev->pin.removed)
        return -ENXIO;
    o->af.pos = f->pos;
    r = dev_call_rw(o, false, buf, len);
    f->pos = o->af.pos;
    return r > (long)len ? (long)len : r;
}

static long dev_write(struct file *f, const void *buf, uint32_t len)
{
    struct dev_open *o = f->data;
    long r;

    if (o->dev->pin.removed)
        return -ENXIO;
    o->af.pos = f->pos;
    r = dev_call_rw(o, true, (void *)buf, len);
    f->pos = o->af.pos;
    return r > (long)len ? (long)len : r;
}

static long dev_ioctl(struct file *f, uint32_t cmd, uintptr_t arg)
{
    struct dev_open *o = f->data;
    long r;

    if (o->dev->pin.removed)
        return -ENXIO;
    if (!o->dev->ops->ioctl)
        return -ENOTTY;
    o->af.pos = f->pos;
    r = dev_call_ioctl(o, cmd, arg);
    f->pos = o->af.pos;
    return r;
}

static long dev_lseek(struct file *f, int32_t offset, int whence)
{
    struct dev_open *o = f->data;
    long r;

    if (o->dev->pin.removed)
        return -ENXIO;
    if (!o->dev->lseek)
        return fs_lseek_generic(f, offset, whence);
    o->af.pos = f->pos;
    r = fs_invoke(o->dev->pin.owner, (const void *)o->dev->lseek, 3,
                  (const uintptr_t[]){ (uintptr_t)&o->af, (uintptr_t)offset, (uintptr_t)whence });
    if (r >= 0)
        f->pos = o->af.pos = (uint32_t)r;
    return r;
}

static uint32_t dev_poll(struct file *f, struct ark_poll_table *pt)
{
    struct dev_open *o = f->data;

    if (o->dev->pin.removed)
        return ARK_POLLERR | ARK_POLLHUP;      /* its driver is gone: reads and writes fail */
    if (!o->dev->poll)
        return ARK_POLLIN | ARK_POLLOUT | ARK_POLLRDNORM | ARK_POLLWRNORM;
    o->af.pos = f->pos;
    long r = fs_invoke(o->dev->pin.owner, (const void *)o->dev->poll, 2,
                       (const uintptr_t[]){ (uintptr_t)&o->af, (uintptr_t)pt });
    if (r < 0 && r > -4096)
        return ARK_POLLERR;                    /* the driver faulted (-EFAULT) or has (-EIO) */
    return (uint32_t)r & 0xffffu;
}

static int dev_release(struct file *f)
{
    struct dev_open *o = f->data;
    struct dev_entry *d = o->dev;
    int err = 0;

    if (!d->pin.removed && d->ops->close)
        err = dev_call_file(o, d->ops->close);
    if (fs_pin_close(&d->pin) || (d->detached && !d->pin.opens))
        kfree(d);
    kfree(o);
    return err;
}

static const struct file_ops dev_file_ops = {
    .read = dev_read,
    .write = dev_write,
    .ioctl = dev_ioctl,
    .lseek = dev_lseek,
    .release = dev_release,            /* no size: a device has no end to seek from */
    .poll = dev_poll,
};

/* ---- the file system seen through the VFS --------------------------------------------------- */
static int devfs_stat(void *root, const char *rel, struct ark_stat *out)
{
    return fs_tree_stat(root, rel, out, NULL);
}

static int devfs_readdir(void *root, const char *rel, uint32_t index, struct ark_dirent *out)
{
    return fs_tree_readdir(root, rel, index, out, NULL);
}

/* Asks the module loader for "dev:NAME", as Linux's request_module does for a missing device. */
static bool devfs_request(const char *rel)
{
    char alias[4 + ARK_NAME_MAX];
    size_t len = strlen(rel);

    if (!kmod_request || !fs_name_valid(rel, len))
        return false;
    memcpy(alias, "dev:", 4);
    memcpy(alias + 4, rel, len + 1);
    return kmod_request(alias) == 0;
}

static int devfs_open(void *root, const char *rel, uint32_t flags, struct file *f)
{
    struct fs_node *n;
    struct dev_entry *d;
    struct dev_open *o;
    int err = fs_tree_lookup(root, rel, &n);

    if (err == -ENOENT && devfs_request(rel))
        err = fs_tree_lookup(root, rel, &n);
    if (err == -ENOENT && (flags & ARK_O_CREAT))
        return -EACCES;                /* only a driver can create a device */
    if (err)
        return err;
    if (n->type == ARK_DT_DIR)
        return -EISDIR;
    d = FS_CONTAINER_OF(n, struct dev_entry, node);
    err = fs_may_open(n, flags, false);
    if (err)
        return err;
    if ((fs_wants_read(flags) && !d->ops->read) || (fs_wants_write(flags) && !d->ops->write))
        return -EACCES;
    o = kzalloc(sizeof(*o));
    if (!o)
        return -ENOMEM;
    o->dev = d;
    o->af.private_data = d->priv;
    o->af.flags = flags;
    err = fs_pin_open(&d->pin);        /* before calling into the module */
    if (err) {
        kfree(o);
        return err;
    }
    if (d->ops->open) {
        err = dev_call_file(o, d->ops->open);
        if (err) {
            (void)fs_pin_close(&d->pin);  /* undoes this open only: the entry stays registered */
            kfree(o);
            return err > 0 ? -EIO : err;
        }
    }
    f->ops = &dev_file_ops;
    f->node = d;
    f->data = o;
    return 0;
}

static const struct fs_ops devfs_ops = {
    .stat = devfs_stat,
    .readdir = devfs_readdir,
    .open = devfs_open,
};

void devfs_init(void)
{
    fs_node_init(&devfs_root, "", 0, ARK_DT_DIR);
    if (vfs_mount("dev", &devfs_ops, &devfs_root) < 0)
        printk(KERN_ERR "devfs: cannot mount /dev\n");
}
