/* sysfs.c — /sys: directories and attribute files with Unix permissions. A file's show callback
 * fills one page when it is opened for reading; each write goes to its store callback whole. A
 * served file (debugfs's) instead sends every call to a driver's ark_file_ops. Entries record
 * their owner, so an open file pins the module and unload sweeps up leftovers. */
#include "ark/kernel.h"
#include "fs_internal.h"
#include "proc.h"

struct sysfs_dir {
    struct fs_node node;               /* ARK_DT_DIR or ARK_DT_FILE (struct sysfs_file) */
    struct kmod *owner;
};

struct sysfs_file {
    struct sysfs_dir base;             /* base.node.type == ARK_DT_FILE */
    uint16_t mode;
    sysfs_show_fn show;
    sysfs_store_fn store;
    void *priv;
    struct fs_pin pin;
    struct fs_served served;           /* served.ops set instead of show/store */
};

struct sysfs_open {
    struct sysfs_file *file;
    char *page;                        /* show's output, when opened for reading */
    uint32_t len;
};

static struct sysfs_dir sysfs_root_dir;

#define SYSFS_DIR(n)  FS_CONTAINER_OF(n, struct sysfs_dir, node)
#define SYSFS_FILE(n) FS_CONTAINER_OF(SYSFS_DIR(n), struct sysfs_file, base)

struct sysfs_dir *sysfs_root_of(void) { return &sysfs_root_dir; }
const char *sysfs_dir_name(const struct sysfs_dir *d) { return d->node.name; }

static int sysfs_check_name(const char *name, size_t *len)
{
    if (!name)
        return -EINVAL;
    *len = strnlen(name, ARK_NAME_MAX);
    if (*len >= ARK_NAME_MAX)
        return -ENAMETOOLONG;
    return fs_name_valid(name, *len) ? 0 : -EINVAL;
}

int sysfs_dir_create(struct sysfs_dir *parent, const char *name, struct kmod *owner, struct sysfs_dir **out)
{
    struct sysfs_dir *d;
    size_t len;
    int err = sysfs_check_name(name, &len);

    if (err)
        return err;
    if (!parent)
        parent = &sysfs_root_dir;
    if (parent->node.type != ARK_DT_DIR)
        return -ENOTDIR;
    if (fs_tree_child(&parent->node, name, len))
        return -EEXIST;
    d = kzalloc(sizeof(*d));
    if (!d)
        return -ENOMEM;
    fs_node_init(&d->node, name, len, ARK_DT_DIR);
    d->owner = owner;
    fs_tree_link(&parent->node, &d->node);
    if (out)
        *out = d;
    return 0;
}

struct sysfs_dir *sysfs_dir_find(struct sysfs_dir *parent, const char *path)
{
    struct fs_node *n;

    if (!parent)
        parent = &sysfs_root_dir;
    if (!path || fs_tree_lookup(&parent->node, path, &n) || n->type != ARK_DT_DIR)
        return NULL;
    return SYSFS_DIR(n);
}

/* Frees a file now, or cuts it off from its module and leaves it to the last close. Open files
 * of a removed entry keep their module pinned until closed (a served file's close still reaches
 * the driver); of a swept one, the module is going: nothing may reach it, or put it, again. */
static void sysfs_file_drop(struct sysfs_file *f, bool swept)
{
    if (!f->pin.opens) {
        kfree(f);
        return;
    }
    f->pin.removed = true;
    f->show = NULL;
    f->store = NULL;
    if (swept) {
        f->pin.owner = NULL;
        f->served.ops = NULL;
        f->served.poll = NULL;
    }
}

static void sysfs_free_tree(struct fs_node *n, bool swept)
{
    while (n->children) {
        struct fs_node *c = n->children;
        fs_tree_unlink(c);
        sysfs_free_tree(c, swept);
    }
    if (n->type == ARK_DT_FILE)
        sysfs_file_drop(SYSFS_FILE(n), swept);
    else
        kfree(SYSFS_DIR(n));
}

void sysfs_dir_remove(struct sysfs_dir *d)
{
    if (!d || d == &sysfs_root_dir || d->node.type != ARK_DT_DIR)
        return;
    fs_tree_unlink(&d->node);
    sysfs_free_tree(&d->node, false);
}

static void sysfs_served_free(struct fs_served *s)
{
    kfree(FS_CONTAINER_OF(s, struct sysfs_file, served));
}

static int sysfs_file_new(struct sysfs_dir *d, const char *name, uint16_t mode,
                          struct kmod *owner, struct sysfs_file **out)
{
    struct sysfs_file *f;
    size_t len;
    int err = sysfs_check_name(name, &len);

    if (err)
        return err;
    if (!d)
        d = &sysfs_root_dir;
    if (d->node.type != ARK_DT_DIR || (mode & ~0777u))
        return -EINVAL;
    if (fs_tree_child(&d->node, name, len))
        return -EEXIST;
    f = kzalloc(sizeof(*f));
    if (!f)
        return -ENOMEM;
    fs_node_init(&f->base.node, name, len, ARK_DT_FILE);
    f->base.owner = owner;
    f->mode = mode;
    fs_node_set_perm(&f->base.node, 0, 0, mode);
    f->pin.owner = owner;
    f->served.pin = &f->pin;
    f->served.free = sysfs_served_free;
    *out = f;
    fs_tree_link(&d->node, &f->base.node);
    return 0;
}

int sysfs_file_add(struct sysfs_dir *d, const char *name, uint16_t mode, sysfs_show_fn show,
                   sysfs_store_fn store, void *priv, struct kmod *owner)
{
    struct sysfs_file *f;
    int err = sysfs_file_new(d, name, mode, owner, &f);

    if (err)
        return err;
    f->show = show;
    f->store = store;
    f->priv = priv;
    return 0;
}

int sysfs_served_add(struct sysfs_dir *d, const char *name, uint16_t mode,
                     const struct ark_file_ops *ops, kfs_lseek_fn lseek, ark_poll_fn poll,
                     void *priv, struct kmod *owner)
{
    struct sysfs_file *f;
    int err;

    if (!ops)
        return -EINVAL;
    err = sysfs_file_new(d, name, mode, owner, &f);
    if (err)
        return err;
    f->served.ops = ops;
    f->served.lseek = lseek;
    f->served.poll = poll;
    f->served.priv = priv;
    return 0;
}

int sysfs_file_remove(struct sysfs_dir *d, const char *name)
{
    struct fs_node *n;

    if (!d || !name)
        return -EINVAL;
    n = fs_tree_child(&d->node, name, strnlen(name, ARK_NAME_MAX));
    if (!n || n->type != ARK_DT_FILE)
        return -ENOENT;
    fs_tree_unlink(n);
    sysfs_file_drop(SYSFS_FILE(n), false);
    return 0;
}

static struct fs_node *sysfs_find_owned(struct fs_node *dir, struct kmod *m)
{
    for (struct fs_node *c = dir->children; c; c = c->next) {
        if (SYSFS_DIR(c)->owner == m)
            return c;
        if (c->type == ARK_DT_DIR) {
            struct fs_node *found = sysfs_find_owned(c, m);
            if (found)
                return found;
        }
    }
    return NULL;
}

int sysfs_release_owned_by(struct kmod *m)
{
    struct fs_node *n;
    int removed = 0;

    if (!m)
        return 0;
    while ((n = sysfs_find_owned(&sysfs_root_dir.node, m)) != NULL) {
        printk(KERN_WARNING "dkm: %s: exit left /sys/.../%s registered; removed\n",
               fs_owner_name(m), n->name);
        fs_tree_unlink(n);
        sysfs_free_tree(n, true);
        removed++;
    }
    return removed;
}

/* ---- open files ------------------------------------------------------------------------------- */
static long sysfs_read(struct file *f, void *buf, uint32_t len)
{
    struct sysfs_open *o = f->data;

    if (!o->page || f->pos >= o->len)
        return 0;
    if (len > o->len - f->pos)
        len = o->len - f->pos;
    memcpy(buf, o->page + f->pos, len);
    f->pos += len;
    return len;
}

static long sysfs_write(struct file *f, const void *buf, uint32_t len)
{
    struct sysfs_open *o = f->data;
    long r;

    if (o->file->pin.removed || !o->file->store)
        return -ENODEV;
    if (len > SYSFS_PAGE - 1)
        len = SYSFS_PAGE - 1;          /* one page per store, as on Linux */
    /* Calls into module code go through kmod_call (fs_invoke), like devfs and procfs ops. */
    r = fs_invoke(o->file->pin.owner, (const void *)o->file->store, 3,
                  (const uintptr_t[]){ (uintptr_t)o->file->priv, (uintptr_t)buf, len });
    return r > (long)len ? (long)len : r;
}

static long sysfs_size(struct file *f)
{
    return (long)((struct sysfs_open *)f->data)->len;
}

static int sysfs_release(struct file *f)
{
    struct sysfs_open *o = f->data;

    kfree(o->page);
    if (fs_pin_close(&o->file->pin))
        kfree(o->file);
    kfree(o);
    return 0;
}

static const struct file_ops sysfs_file_ops = {
    .read = sysfs_read,
    .write = sysfs_write,
    .size = sysfs_size,
    .release = sysfs_release,
};

/* Files belong to root:root; root is held to the owner bits (see kfs.h), everyone else to the
 * group's or others' bits, and a file without show or store is never readable or writable. */
static bool sysfs_permits(const struct sysfs_file *sf, uint32_t flags)
{
    if (fs_may_open(&sf->base.node, flags, true))
        return false;
    if (fs_wants_read(flags) && !sf->show)
        return false;
    if (fs_wants_write(flags) && !sf->store)
        return false;
    return true;
}

static int sysfs_stat(void *root, const char *rel, struct ark_stat *out)
{
    return fs_tree_stat(root, rel, out, NULL);
}

static int sysfs_readdir(void *root, const char *rel, uint32_t index, struct ark_dirent *out)
{
    return fs_tree_readdir(root, rel, index, out, NULL);
}

static int sysfs_open(void *root, const char *rel, uint32_t flags, struct file *f)
{
    struct fs_node *n;
    struct sysfs_file *sf;
    struct sysfs_open *o;
    int err = fs_tree_lookup(root, rel, &n);

    if (err == -ENOENT && (flags & ARK_O_CREAT))
        return -EACCES;                /* attributes are made by the kernel only */
    if (err)
        return err;
    if (n->type == ARK_DT_DIR)
        return -EISDIR;
    sf = SYSFS_FILE(n);
    if (sf->served.ops) {              /* permissions as for a device: root is not held back */
        err = fs_may_open(n, flags, false);
        return err ? err : fs_served_open(&sf->served, flags, f);
    }
    if (!sysfs_permits(sf, flags))
        return -EACCES;
    o = kzalloc(sizeof(*o));
    if (!o)
        return -ENOMEM;
    o->file = sf;
    fs_pin_open(&sf->pin);             /* before calling into the module */
    if (fs_wants_read(flags)) {
        long r;
        o->page = kzalloc(SYSFS_PAGE);
        r = o->page ? fs_invoke(sf->pin.owner, (const void *)sf->show, 2,
                                (const uintptr_t[]){ (uintptr_t)sf->priv, (uintptr_t)o->page })
                    : -ENOMEM;
        if (r < 0 || r > (long)SYSFS_PAGE) {
            kfree(o->page);
            (void)fs_pin_close(&sf->pin);
            kfree(o);
            return r < 0 ? (int)r : -EFBIG;
        }
        o->len = (uint32_t)r;
    }
    f->ops = &sysfs_file_ops;
    f->node = sf;
    f->data = o;
    return 0;
}

static const struct fs_ops sysfs_ops = {
    .stat = sysfs_stat,
    .readdir = sysfs_readdir,
    .open = sysfs_open,
};

void sysfs_init(void)
{
    fs_node_init(&sysfs_root_dir.node, "", 0, ARK_DT_DIR);
    if (vfs_mount("sys", &sysfs_ops, &sysfs_root_dir.node) < 0) {
        printk(KERN_ERR "sysfs: cannot mount /sys\n");
        return;
    }
    if (sysfs_dir_create(NULL, "kernel", NULL, NULL) < 0 || sysfs_dir_create(NULL, "module", NULL, NULL) < 0 ||
        sysfs_dir_create(NULL, "class", NULL, NULL) < 0)
        printk(KERN_ERR "sysfs: cannot create /sys/kernel, /sys/module, /sys/class\n");
}
