/* seq_file.c — Linux's sequential files. A read at offset 0 runs the iterator over the whole
 * file (start, show, next ..., stop) into a growing buffer; reads at any offset are then served
 * from it, so a file reads the same however the reader splits its reads. */
#include <linux/seq_file.h>
#include "lx_internal.h"

#define LX_SEQ_MAX (1u << 20)          /* a larger file gets -ENOMEM, like a failed allocation */

static bool lx_seq_grow(struct seq_file *m, size_t need)
{
    size_t cap = m->size ? m->size : 256;
    char *nb;

    if (m->count + need < m->size)
        return true;
    while (cap <= m->count + need)
        cap *= 2;
    if (cap > LX_SEQ_MAX) {
        m->count = m->size;            /* seq_has_overflowed from now on */
        return false;
    }
    nb = kmalloc(cap, GFP_KERNEL);
    if (!nb) {
        m->count = m->size;
        return false;
    }
    if (m->buf)
        memcpy(nb, m->buf, m->count);
    kfree(m->buf);
    m->buf = nb;
    m->size = cap;
    return true;
}

void ark_linux_seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
    va_list ap;
    int n;

    if (seq_has_overflowed(m) && m->size)
        return;
    va_copy(ap, args);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !lx_seq_grow(m, (size_t)n + 1))
        return;
    vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
    m->count += (size_t)n;
}
KERNEL_EXPORT(ark_linux_seq_vprintf);

void ark_linux_seq_printf(struct seq_file *m, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    ark_linux_seq_vprintf(m, fmt, ap);
    va_end(ap);
}
KERNEL_EXPORT(ark_linux_seq_printf);

int ark_linux_seq_write(struct seq_file *m, const void *data, size_t len)
{
    if (!lx_seq_grow(m, len + 1))
        return -1;
    memcpy(m->buf + m->count, data, len);
    m->count += len;
    return 0;
}
KERNEL_EXPORT(ark_linux_seq_write);

void seq_puts(struct seq_file *m, const char *s)
{
    (void)ark_linux_seq_write(m, s, strlen(s));
}
KERNEL_EXPORT(seq_puts);

void seq_putc(struct seq_file *m, char c)
{
    (void)ark_linux_seq_write(m, &c, 1);
}
KERNEL_EXPORT(seq_putc);

void seq_pad(struct seq_file *m, char c)
{
    if (c)
        seq_putc(m, c);
}
KERNEL_EXPORT(seq_pad);

int seq_open(struct file *file, const struct seq_operations *op)
{
    struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);

    if (!m)
        return -ENOMEM;
    m->op = op;
    m->file = file;
    file->private_data = m;
    file->f_mode &= ~(FMODE_PWRITE);
    return 0;
}
KERNEL_EXPORT(seq_open);

/* Runs the iterator over the whole file. 0 or -errno. */
static int lx_seq_generate(struct seq_file *m)
{
    void *p;
    int err = 0;

    m->count = 0;
    m->index = 0;
    if (m->size == m->count && m->size)
        m->count = 0;
    p = m->op->start(m, &m->index);
    while (p && !IS_ERR(p)) {
        size_t before = m->count;
        int r = m->op->show(m, p);
        if (r < 0) {
            err = r;
            break;
        }
        if (r > 0)
            m->count = before;         /* SEQ_SKIP: this record's output is dropped */
        if (seq_has_overflowed(m) && m->size) {
            err = -ENOMEM;
            break;
        }
        p = m->op->next(m, p, &m->index);
    }
    m->op->stop(m, p);
    if (!err && IS_ERR(p))
        err = (int)PTR_ERR(p);
    m->ark_ready = !err;
    return err;
}

ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
    struct seq_file *m = file->private_data;
    size_t n;
    int err;

    if (*ppos < 0)
        return -EINVAL;
    if (*ppos == 0 || !m->ark_ready) {
        err = lx_seq_generate(m);
        if (err)
            return err;
    }
    if ((size_t)*ppos >= m->count)
        return 0;
    n = m->count - (size_t)*ppos;
    if (n > size)
        n = size;
    if (copy_to_user(buf, m->buf + *ppos, n))
        return -EFAULT;
    *ppos += (loff_t)n;
    m->read_pos = *ppos;
    return (ssize_t)n;
}
KERNEL_EXPORT(seq_read);

loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
    struct seq_file *m = file->private_data;

    switch (whence) {
    case SEEK_CUR:
        offset += file->f_pos;
        fallthrough;
    case SEEK_SET:
        if (offset < 0)
            return -EINVAL;
        file->f_pos = offset;
        m->read_pos = offset;
        return offset;
    default:
        return -EINVAL;
    }
}
KERNEL_EXPORT(seq_lseek);

int seq_release(struct inode *inode, struct file *file)
{
    struct seq_file *m = file->private_data;

    (void)inode;
    if (m) {
        kfree(m->buf);
        kfree(m);
    }
    file->private_data = NULL;
    return 0;
}
KERNEL_EXPORT(seq_release);

void *__seq_open_private(struct file *file, const struct seq_operations *op, int psize)
{
    void *priv = kzalloc((size_t)psize, GFP_KERNEL);

    if (!priv)
        return NULL;
    if (seq_open(file, op)) {
        kfree(priv);
        return NULL;
    }
    ((struct seq_file *)file->private_data)->private = priv;
    return priv;
}
KERNEL_EXPORT(__seq_open_private);

int seq_open_private(struct file *file, const struct seq_operations *op, int psize)
{
    return __seq_open_private(file, op, psize) ? 0 : -ENOMEM;
}
KERNEL_EXPORT(seq_open_private);

int seq_release_private(struct inode *inode, struct file *file)
{
    struct seq_file *m = file->private_data;

    if (m)
        kfree(m->private);
    return seq_release(inode, file);
}
KERNEL_EXPORT(seq_release_private);

/* ---- single_open: one show call prints the file ---- */

struct lx_single {
    struct seq_operations ops;
    int (*show)(struct seq_file *, void *);
};

static void *lx_single_start(struct seq_file *m, loff_t *pos)
{
    (void)m;
    return *pos ? NULL : SEQ_START_TOKEN;
}

static void *lx_single_next(struct seq_file *m, void *v, loff_t *pos)
{
    (void)m;
    (void)v;
    ++*pos;
    return NULL;
}

static void lx_single_stop(struct seq_file *m, void *v)
{
    (void)m;
    (void)v;
}

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
    struct lx_single *s = kzalloc(sizeof(*s), GFP_KERNEL);
    int rc;

    if (!s)
        return -ENOMEM;
    s->ops.start = lx_single_start;
    s->ops.next = lx_single_next;
    s->ops.stop = lx_single_stop;
    s->ops.show = show;
    rc = seq_open(file, &s->ops);
    if (rc) {
        kfree(s);
        return rc;
    }
    ((struct seq_file *)file->private_data)->private = data;
    return 0;
}
KERNEL_EXPORT(single_open);

int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data,
                     size_t size)
{
    (void)size;                        /* the buffer grows as needed */
    return single_open(file, show, data);
}
KERNEL_EXPORT(single_open_size);

int single_release(struct inode *inode, struct file *file)
{
    struct seq_file *m = file->private_data;
    const struct seq_operations *op = m ? m->op : NULL;
    int rc = seq_release(inode, file);

    kfree(op);
    return rc;
}
KERNEL_EXPORT(single_release);
