/* debugfs.c — Linux's debugfs at /sys/kernel/debug: directories, files whose every call goes to
 * the driver's file_operations, and the ready-made files for a variable or a blob. The kernel's
 * list (not the dentry a module holds) says what exists, so a dentry that is not one of ours is
 * refused, and what a module leaves behind is swept at its unload. */
#include <linux/debugfs.h>
#include <linux/kstrtox.h>
#include "lx_internal.h"

struct lx_dbg {
    struct lx_node node;               /* the dentry and inode a module sees */
    struct lx_dbg *parent;             /* NULL: at the top */
    struct sysfs_dir *dir;             /* a directory's own; NULL for a file */
    const struct lx_dbg_type *type;    /* a variable's file: how to read and write it */
    struct kmod *owner;
    struct lx_dbg *next;
};

static struct lx_dbg *lx_dbgs;
static struct sysfs_dir *lx_dbg_top;   /* /sys/kernel/debug */

static struct lx_dbg *lx_dbg_of(const struct dentry *dentry)
{
    if (!dentry || IS_ERR(dentry))
        return NULL;
    for (struct lx_dbg *de = lx_dbgs; de; de = de->next)
        if (&de->node.dentry == dentry)
            return de;
    return NULL;
}

static void lx_dbg_free(struct lx_node *n)
{
    kfree(container_of(n, struct lx_dbg, node));
}

/* A new entry NAME in parent (NULL: the top): a directory without fops, else a file. */
static struct dentry *lx_dbg_create(const char *name, umode_t mode, struct dentry *parent,
                                    void *data, const struct file_operations *fops,
                                    const struct lx_dbg_type *type)
{
    struct lx_dbg *up = lx_dbg_of(parent), *de;
    struct sysfs_dir *pdir;
    int rc;

    if (IS_ERR(parent))
        return parent;                 /* a failed creation above: fail alike, as Linux does */
    if (!lx_dbg_top)
        return ERR_PTR(-ENODEV);
    if (!name || !*name)
        return ERR_PTR(-EINVAL);
    if (strlen(name) >= sizeof(de->node.name))
        return ERR_PTR(-ENAMETOOLONG);
    if (parent && (!up || !up->dir)) {
        printk(KERN_ERR "debugfs: '%s': the parent is not a debugfs directory\n", name);
        return ERR_PTR(-EINVAL);
    }
    pdir = up ? up->dir : lx_dbg_top;
    de = kzalloc(sizeof(*de), GFP_KERNEL);
    if (!de)
        return ERR_PTR(-ENOMEM);
    lx_node_init(&de->node, name, fops);
    de->node.free = lx_dbg_free;
    de->node.inode.i_private = data;
    de->node.inode.i_mode = (fops ? S_IFREG : S_IFDIR) | (mode & 0777);
    if (up)
        de->node.dentry.d_parent = &up->node.dentry;
    de->parent = up;
    de->type = type;
    de->owner = LX_CALLER();
    if (fops)
        rc = sysfs_served_add(pdir, name, mode & 0777, &lx_node_ops, lx_node_lseek, lx_node_poll,
                              &de->node, de->owner);
    else
        rc = sysfs_dir_create(pdir, name, de->owner, &de->dir);
    if (rc) {
        if (rc == -EEXIST)
            printk(KERN_ERR "debugfs: %s '%s' in '%s' is already present\n",
                   fops ? "file" : "directory", name, up ? up->node.name : "debug");
        kfree(de);
        return ERR_PTR(rc);
    }
    de->next = lx_dbgs;
    lx_dbgs = de;
    return &de->node.dentry;
}

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
    return lx_dbg_create(name, 0755, parent, NULL, NULL, NULL);
}
KERNEL_EXPORT(debugfs_create_dir);

struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
                                   void *data, const struct file_operations *fops)
{
    if (!fops)
        return ERR_PTR(-EINVAL);
    return lx_dbg_create(name, mode, parent, data, fops, NULL);
}
KERNEL_EXPORT(debugfs_create_file);

struct dentry *debugfs_create_file_size(const char *name, umode_t mode, struct dentry *parent,
                                        void *data, const struct file_operations *fops,
                                        loff_t file_size)
{
    struct dentry *d = debugfs_create_file(name, mode, parent, data, fops);

    if (!IS_ERR(d))
        d->d_inode->i_size = file_size;
    return d;
}
KERNEL_EXPORT(debugfs_create_file_size);

/* ---- files for a variable: read as text with the type's format, written as a number ---- */
struct lx_dbg_type {
    const char *fmt;
    int (*get)(void *, u64 *);
    int (*set)(void *, u64);
    bool is_signed;
};

#define LX_DBG_ACCESSORS(tag, ctype)                                                        \
    static int lx_dbg_get_##tag(void *p, u64 *v) { *v = (u64)*(ctype *)p; return 0; }     \
    static int lx_dbg_set_##tag(void *p, u64 v) { *(ctype *)p = (ctype)v; return 0; }
LX_DBG_ACCESSORS(u8, u8)
LX_DBG_ACCESSORS(u16, u16)
LX_DBG_ACCESSORS(u32, u32)
LX_DBG_ACCESSORS(u64, u64)
LX_DBG_ACCESSORS(size_t, size_t)
LX_DBG_ACCESSORS(ulong, unsigned long)

static int lx_dbg_get_atomic(void *p, u64 *v) { *v = (u64)(s64)atomic_read((atomic_t *)p); return 0; }
static int lx_dbg_set_atomic(void *p, u64 v) { atomic_set((atomic_t *)p, (int)v); return 0; }

static const struct lx_dbg_type lx_dbg_u8 = { "%llu\n", lx_dbg_get_u8, lx_dbg_set_u8, false };
static const struct lx_dbg_type lx_dbg_u16 = { "%llu\n", lx_dbg_get_u16, lx_dbg_set_u16, false };
static const struct lx_dbg_type lx_dbg_u32 = { "%llu\n", lx_dbg_get_u32, lx_dbg_set_u32, false };
static const struct lx_dbg_type lx_dbg_u64 = { "%llu\n", lx_dbg_get_u64, lx_dbg_set_u64, false };
static const struct lx_dbg_type lx_dbg_x8 = { "0x%02llx\n", lx_dbg_get_u8, lx_dbg_set_u8, false };
static const struct lx_dbg_type lx_dbg_x16 = { "0x%04llx\n", lx_dbg_get_u16, lx_dbg_set_u16, false };
static const struct lx_dbg_type lx_dbg_x32 = { "0x%08llx\n", lx_dbg_get_u32, lx_dbg_set_u32, false };
static const struct lx_dbg_type lx_dbg_x64 = { "0x%016llx\n", lx_dbg_get_u64, lx_dbg_set_u64, false };
static const struct lx_dbg_type lx_dbg_size_t = { "%llu\n", lx_dbg_get_size_t, lx_dbg_set_size_t, false };
static const struct lx_dbg_type lx_dbg_ulong = { "%llu\n", lx_dbg_get_ulong, lx_dbg_set_ulong, false };
static const struct lx_dbg_type lx_dbg_atomic = { "%lld\n", lx_dbg_get_atomic, lx_dbg_set_atomic, true };

/* A file without write bits gets no set, without read bits no get, as Linux's _ro/_wo fops. */
static int lx_dbg_value_open(struct inode *inode, struct file *file)
{
    struct lx_dbg *de = container_of(inode, struct lx_dbg, node.inode);
    const struct lx_dbg_type *t = de->type;

    return simple_attr_open(inode, file, (inode->i_mode & 0444) ? t->get : NULL,
                            (inode->i_mode & 0222) ? t->set : NULL, t->fmt);
}

static ssize_t lx_dbg_value_write(struct file *file, const char __user *buf, size_t len,
                                  loff_t *ppos)
{
    struct lx_dbg *de = container_of(file->f_inode, struct lx_dbg, node.inode);

    return de->type->is_signed ? simple_attr_write_signed(file, buf, len, ppos)
                               : simple_attr_write(file, buf, len, ppos);
}

static const struct file_operations lx_dbg_value_fops = {
    .open = lx_dbg_value_open,
    .release = simple_attr_release,
    .read = simple_attr_read,
    .write = lx_dbg_value_write,
    .llseek = generic_file_llseek,
};

static void lx_dbg_value(const char *name, umode_t mode, struct dentry *parent, void *value,
                         const struct lx_dbg_type *type)
{
    (void)lx_dbg_create(name, mode, parent, value, &lx_dbg_value_fops, type);
}

#define LX_DBG_CREATOR(tag, ctype, type)                                                    \
    void debugfs_create_##tag(const char *name, umode_t mode, struct dentry *parent,        \
                              ctype *value)                                                 \
    {                                                                                       \
        lx_dbg_value(name, mode, parent, value, &(type));                                   \
    }                                                                                       \
    KERNEL_EXPORT(debugfs_create_##tag);
LX_DBG_CREATOR(u8, u8, lx_dbg_u8)
LX_DBG_CREATOR(u16, u16, lx_dbg_u16)
LX_DBG_CREATOR(u32, u32, lx_dbg_u32)
LX_DBG_CREATOR(u64, u64, lx_dbg_u64)
LX_DBG_CREATOR(x8, u8, lx_dbg_x8)
LX_DBG_CREATOR(x16, u16, lx_dbg_x16)
LX_DBG_CREATOR(x32, u32, lx_dbg_x32)
LX_DBG_CREATOR(x64, u64, lx_dbg_x64)
LX_DBG_CREATOR(size_t, size_t, lx_dbg_size_t)
LX_DBG_CREATOR(ulong, unsigned long, lx_dbg_ulong)
LX_DBG_CREATOR(atomic_t, atomic_t, lx_dbg_atomic)

/* ---- bool and blob files ---- */
static ssize_t lx_dbg_bool_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
    bool *value = file->f_inode->i_private;
    char text[2] = { *value ? 'Y' : 'N', '\n' };

    return simple_read_from_buffer(buf, len, ppos, text, sizeof(text));
}

static ssize_t lx_dbg_bool_write(struct file *file, const char __user *buf, size_t len,
                                 loff_t *ppos)
{
    bool *value = file->f_inode->i_private;
    char text[32];
    size_t n = min(len, sizeof(text) - 1);
    bool v;
    int rc;

    (void)ppos;
    if (copy_from_user(text, buf, n))
        return -EFAULT;
    text[n] = '\0';
    rc = kstrtobool(text, &v);
    if (rc)
        return rc;
    *value = v;
    return (ssize_t)len;
}

static const struct file_operations lx_dbg_bool_fops = {
    .read = lx_dbg_bool_read,
    .write = lx_dbg_bool_write,
    .llseek = default_llseek,
};

void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value)
{
    (void)lx_dbg_create(name, mode, parent, value, &lx_dbg_bool_fops, NULL);
}
KERNEL_EXPORT(debugfs_create_bool);

static ssize_t lx_dbg_blob_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
    struct debugfs_blob_wrapper *blob = file->f_inode->i_private;

    return simple_read_from_buffer(buf, len, ppos, blob->data, blob->size);
}

static const struct file_operations lx_dbg_blob_fops = {
    .read = lx_dbg_blob_read,
    .llseek = default_llseek,
};

struct dentry *debugfs_create_blob(const char *name, umode_t mode, struct dentry *parent,
                                   struct debugfs_blob_wrapper *blob)
{
    if (!blob)
        return ERR_PTR(-EINVAL);
    return lx_dbg_create(name, mode & 0444, parent, blob, &lx_dbg_blob_fops, NULL);
}
KERNEL_EXPORT(debugfs_create_blob);

/* ---- lookup and removal ---- */
static void lx_dbg_remove(struct lx_dbg *de)
{
    struct lx_dbg *child;

    do {                               /* the children first, each as if removed by itself */
        for (child = lx_dbgs; child && child->parent != de; child = child->next)
            ;
        if (child)
            lx_dbg_remove(child);
    } while (child);
    for (struct lx_dbg **pp = &lx_dbgs; *pp; pp = &(*pp)->next) {
        if (*pp == de) {
            *pp = de->next;
            break;
        }
    }
    if (de->dir) {
        sysfs_dir_remove(de->dir);
        kfree(de);
        return;
    }
    (void)sysfs_file_remove(de->parent ? de->parent->dir : lx_dbg_top, de->node.name);
    lx_node_release(&de->node);        /* now, or at the last close of the file */
}

void debugfs_remove(struct dentry *dentry)
{
    struct lx_dbg *de = lx_dbg_of(dentry);

    if (de)
        lx_dbg_remove(de);
    else if (dentry && !IS_ERR(dentry))
        printk(KERN_WARNING "debugfs_remove: not a debugfs entry\n");
}
KERNEL_EXPORT(debugfs_remove);

struct dentry *debugfs_lookup(const char *name, struct dentry *parent)
{
    struct lx_dbg *up = lx_dbg_of(parent);

    if (!name || (parent && !up))
        return NULL;
    for (struct lx_dbg *de = lx_dbgs; de; de = de->next)
        if (de->parent == up && !strcmp(de->node.name, name))
            return &de->node.dentry;
    return NULL;
}
KERNEL_EXPORT(debugfs_lookup);

void debugfs_lookup_and_remove(const char *name, struct dentry *parent)
{
    debugfs_remove(debugfs_lookup(name, parent));
}
KERNEL_EXPORT(debugfs_lookup_and_remove);

/* ark's debugfs entries live until removed: a lookup takes no reference to give back. */
void dput(struct dentry *dentry)
{
    (void)dentry;
}
KERNEL_EXPORT(dput);

int lx_debugfs_release_owned(struct kmod *m)
{
    int removed = 0;
    struct lx_dbg *de;

    do {                               /* the top-most entries the module left */
        for (de = lx_dbgs; de; de = de->next)
            if (de->owner == m && !(de->parent && de->parent->owner == m))
                break;
        if (de) {
            printk(KERN_WARNING "dkm: %s: exit left debugfs %s %s registered; removed\n",
                   lx_owner_name(m), de->dir ? "directory" : "file", de->node.name);
            lx_dbg_remove(de);
            removed++;
        }
    } while (de);
    return removed;
}

void lx_debugfs_init(void)
{
    if (sysfs_dir_create(sysfs_dir_find(NULL, "kernel"), "debug", NULL, &lx_dbg_top) < 0)
        lx_dbg_top = NULL;
}
