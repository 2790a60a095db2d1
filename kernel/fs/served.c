/* served.c — /proc and /sys entries served like a device: every read, write, ioctl, seek and poll
 * of an open file goes to the driver's ark_file_ops through a guarded call. Once the entry is
 * removed, calls get -ENXIO, but the close still reaches the driver. */
#include "ark/kernel.h"
#include "fs_internal.h"

struct served_open {
    struct fs_served *s;
    struct ark_file af;                /* what the driver sees */
};

static long served_rw(struct file *f, bool write, void *buf, uint32_t len)
{
    struct served_open *o = f->data;
    const void *fn;
    long r;

    if (o->s->pin->removed)
        return -ENXIO;
    fn = write ? (const void *)o->s->ops->write : (const void *)o->s->ops->read;
    if (!fn)
        return -EINVAL;
    o->af.pos = f->pos;
    r = fs_invoke(o->s->pin->owner, fn, 3, (const uintptr_t[]){ (uintptr_t)&o->af, (uintptr_t)buf, len });
    f->pos = o->af.pos;
    return r > (long)len ? (long)len : r;
}

static long served_read(struct file *f, void *buf, uint32_t len)
{
    return served_rw(f, false, buf, len);
}

static long served_write(struct file *f, const void *buf, uint32_t len)
{
    return served_rw(f, true, (void *)buf, len);
}

static long served_ioctl(struct file *f, uint32_t cmd, uintptr_t arg)
{
    struct served_open *o = f->data;

    if (o->s->pin->removed)
        return -ENXIO;
    if (!o->s->ops->ioctl)
        return -ENOTTY;
    o->af.pos = f->pos;
    return fs_invoke(o->s->pin->owner, (const void *)o->s->ops->ioctl, 3,
                     (const uintptr_t[]){ (uintptr_t)&o->af, cmd, arg });
}

static long served_lseek(struct file *f, int32_t offset, int whence)
{
    struct served_open *o = f->data;
    long r;

    if (o->s->pin->removed)
        return -ENXIO;
    if (!o->s->lseek)
        return fs_lseek_generic(f, offset, whence);
    o->af.pos = f->pos;
    r = fs_invoke(o->s->pin->owner, (const void *)o->s->lseek, 3,
                  (const uintptr_t[]){ (uintptr_t)&o->af, (uintptr_t)offset, (uintptr_t)whence });
    if (r >= 0)
        f->pos = o->af.pos = (uint32_t)r;
    return r;
}

static uint32_t served_poll(struct file *f, struct ark_poll_table *pt)
{
    struct served_open *o = f->data;

    if (o->s->pin->removed)
        return ARK_POLLERR | ARK_POLLHUP;
    if (!o->s->poll)
        return ARK_POLLIN | ARK_POLLOUT | ARK_POLLRDNORM | ARK_POLLWRNORM;
    o->af.pos = f->pos;
    long r = fs_invoke(o->s->pin->owner, (const void *)o->s->poll, 2,
                       (const uintptr_t[]){ (uintptr_t)&o->af, (uintptr_t)pt });
    if (r < 0 && r > -4096)
        return ARK_POLLERR;
    return (uint32_t)r & 0xffffu;
}

static int served_release(struct file *f)
{
    struct served_open *o = f->data;
    struct fs_served *s = o->s;
    int err = 0;

    if (s->ops && s->ops->close)       /* swept entries have no ops left */
        err = (int)fs_invoke(s->pin->owner, (const void *)s->ops->close, 1,
                             (const uintptr_t[]){ (uintptr_t)&o->af });
    if (fs_pin_close(s->pin))
        s->free(s);
    kfree(o);
    return err;
}

static const struct file_ops served_file_ops = {
    .read = served_read,
    .write = served_write,
    .ioctl = served_ioctl,
    .lseek = served_lseek,
    .release = served_release,
    .poll = served_poll,
};

int fs_served_open(struct fs_served *s, uint32_t flags, struct file *f)
{
    struct served_open *o;
    int err;

    if (s->pin->removed || !s->ops)
        return -ENXIO;
    o = kzalloc(sizeof(*o));
    if (!o)
        return -ENOMEM;
    o->s = s;
    o->af.private_data = s->priv;
    o->af.flags = flags;
    err = fs_pin_open(s->pin);         /* before calling into the module */
    if (err) {
        kfree(o);
        return err;
    }
    if (s->ops->open) {
        err = (int)fs_invoke(s->pin->owner, (const void *)s->ops->open, 1,
                             (const uintptr_t[]){ (uintptr_t)&o->af });
        if (err) {
            (void)fs_pin_close(s->pin);
            kfree(o);
            return err > 0 ? -EIO : err;
        }
    }
    f->ops = &served_file_ops;
    f->node = s;
    f->data = o;
    return 0;
}
