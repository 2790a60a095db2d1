/* procfs.c — /proc: files whose contents a show callback generates at open and whose writes go to
 * a write callback. Directories appear when a file needs them and go when their last file goes.
 * Like devfs: a file belongs to the module whose memory holds its callbacks (or priv), else to the
 * module whose init is running; an open file pins it, only it may remove the file, its callbacks
 * are guarded, and unload sweeps up what it left. */
#include "ark/kernel.h"
#include "export.h"
#include "fs_internal.h"

struct proc_entry {
    struct fs_node node;               /* ARK_DT_FILE or ARK_DT_DIR */
    ark_proc_show_t show;
    ark_proc_write_t write;
    struct fs_served served;           /* served.ops set instead of show/write: like a device */
    void *priv;
    bool keep;                         /* a directory made by proc_mkdir: stays when empty */
    ark_uid_t uid;                     /* owner, group and mode a registration asks for; */
    ark_gid_t gid;                     /* proc_add gives them to node (mode 0: the defaults), */
    uint16_t mode;                     /* which holds them from then on */
    uint32_t stat_size;                /* what stat reports for a file (proc_set_stat_size) */
    struct fs_pin pin;                 /* owner NULL: the kernel, and implicit directories */
};

struct proc_open {                     /* of a show file */
    struct proc_entry *e;
    struct ark_seq seq;                /* the file as generated at open */
};

static struct proc_entry proc_root;

#define PROC_ENTRY(n) FS_CONTAINER_OF(n, struct proc_entry, node)

/* Checks a path given to proc_create/proc_remove: components separated by '/', none empty after
 * the leading ones, ".", "..", or ARK_NAME_MAX bytes long. */
static int proc_check_path(const char *path)
{
    const char *rest, *name;
    size_t len, total;
    bool any = false;

    if (!path)
        return -EINVAL;
    total = strnlen(path, VFS_PATH_MAX);
    if (total + sizeof("/proc/") > VFS_PATH_MAX)
        return -ENAMETOOLONG;
    rest = path;
    while ((len = fs_path_next(&rest, &name)) != 0) {
        if (len >= ARK_NAME_MAX)
            return -ENAMETOOLONG;
        if (!fs_name_valid(name, len))
            return -EINVAL;
        any = true;
    }
    return any ? 0 : -EINVAL;
}

/* Removes dir and then each parent that is left empty, stopping at /proc itself. */
static void proc_prune(struct fs_node *dir)
{
    while (dir && dir != &proc_root.node && !dir->children && !PROC_ENTRY(dir)->keep) {
        struct fs_node *parent = dir->parent;
        fs_tree_unlink(dir);
        kfree(PROC_ENTRY(dir));
        dir = parent;
    }
}

static void proc_served_free(struct fs_served *s)
{
    kfree(FS_CONTAINER_OF(s, struct proc_entry, served));
}

/* Creates the entry at path (missing parent directories included) as a copy of tmpl. */
static int proc_add(const char *path, const struct proc_entry *tmpl, uint32_t type)
{
    struct fs_node *dir = &proc_root.node, *created = NULL;
    struct proc_entry *e;
    const char *rest, *name;
    size_t len;
    int err = proc_check_path(path);

    if (err)
        return err;
    rest = path;
    len = fs_path_next(&rest, &name);
    while (*rest) {                    /* every component but the last is a directory */
        struct fs_node *c = fs_tree_child(dir, name, len);
        if (!c) {
            struct proc_entry *d = kzalloc(sizeof(*d));
            if (!d) {
                err = -ENOMEM;
                goto undo;
            }
            fs_node_init(&d->node, name, len, ARK_DT_DIR);
            fs_tree_link(dir, &d->node);
            if (!created)
                created = &d->node;
            c = &d->node;
        } else if (c->type != ARK_DT_DIR) {
            return -ENOTDIR;           /* nothing was created yet: a new directory is empty */
        }
        dir = c;
        len = fs_path_next(&rest, &name);
    }
    if (fs_tree_child(dir, name, len))
        return -EEXIST;                /* likewise */
    e = kzalloc(sizeof(*e));
    if (!e) {
        err = -ENOMEM;
        goto undo;
    }
    *e = *tmpl;
    e->served.pin = &e->pin;
    e->served.free = proc_served_free;
    fs_node_init(&e->node, name, len, type);
    if (tmpl->mode)
        fs_node_set_perm(&e->node, tmpl->uid, tmpl->gid, tmpl->mode);
    fs_tree_link(dir, &e->node);
    return 0;
undo:
    if (created)
        proc_prune(dir);               /* the new directories are empty: they all go */
    return err;
}

/* Linux's rule for proc_create: no permission bits at all means readable by everyone. */
static uint16_t proc_file_mode(uint32_t mode)
{
    return (uint16_t)((mode & ARK_S_IALLUGO) ? (mode & ARK_S_IALLUGO) : 0444);
}

int proc_create_mode(const char *path, ark_proc_show_t show, ark_proc_write_t write, void *priv,
                     ark_uid_t uid, ark_gid_t gid, uint32_t mode)
{
    struct proc_entry tmpl = { .show = show, .write = write, .priv = priv, .uid = uid, .gid = gid,
                               .mode = proc_file_mode(mode) };

    if ((mode & ~(uint32_t)ARK_S_IALLUGO) || uid < 0 || gid < 0)
        return -EINVAL;

    tmpl.pin.owner = fs_owner_for((const uintptr_t[]){ (uintptr_t)show, (uintptr_t)write,
                                                        (uintptr_t)priv }, 3);
    if (!show && !write)
        return -EINVAL;                /* such a file could never be opened */
    return proc_add(path, &tmpl, ARK_DT_FILE);
}
KERNEL_EXPORT(proc_create_mode);

int proc_create(const char *path, ark_proc_show_t show, ark_proc_write_t write, void *priv)
{
    return proc_create_mode(path, show, write, priv, 0, 0, 0);
}
KERNEL_EXPORT(proc_create);

int proc_create_ops_owned(const char *path, const struct ark_file_ops *ops, kfs_lseek_fn lseek,
                          void *priv, struct kmod *owner, uint32_t mode)
{
    return proc_create_ops_owned_poll(path, ops, lseek, NULL, priv, owner, mode);
}

int proc_create_ops_owned_poll(const char *path, const struct ark_file_ops *ops,
                               kfs_lseek_fn lseek, ark_poll_fn poll, void *priv,
                               struct kmod *owner, uint32_t mode)
{
    struct proc_entry tmpl = { .served = { .ops = ops, .lseek = lseek, .poll = poll, .priv = priv },
                               .mode = proc_file_mode(mode) };

    if (!ops)
        return -EINVAL;
    tmpl.pin.owner = owner;
    return proc_add(path, &tmpl, ARK_DT_FILE);
}

int proc_mkdir_owned(const char *path, struct kmod *owner, uint32_t mode)
{
    struct proc_entry tmpl = { .keep = true, .mode = (uint16_t)(mode & ARK_S_IALLUGO) };

    tmpl.pin.owner = owner;
    return proc_add(path, &tmpl, ARK_DT_DIR);
}

static void proc_detach(struct proc_entry *e)
{
    struct fs_node *parent = e->node.parent;

    fs_tree_unlink(&e->node);
    proc_prune(parent);
}

/* The node at path, a path given to proc_remove and the like (checked as proc_create checks it). */
static int proc_find(const char *path, struct fs_node **n)
{
    int err = proc_check_path(path);

    if (err)
        return err;
    return fs_tree_lookup(&proc_root.node, path, n);
}

/* The file at path; -EISDIR for a directory (directories go by themselves with their last file). */
static int proc_find_file(const char *path, struct proc_entry **e)
{
    struct fs_node *n;
    int err = proc_find(path, &n);

    if (err)
        return err;
    if (n->type == ARK_DT_DIR)
        return -EISDIR;
    *e = PROC_ENTRY(n);
    return 0;
}

/* Frees an entry taken out of the tree, or, while files are open on it, marks it removed: they
 * keep what they read, their writes get -ENXIO, and the last close frees it (fs_pin_close).
 * True when it was freed now. */
static bool proc_entry_release(struct proc_entry *e)
{
    if (!e->pin.opens) {
        kfree(e);
        return true;
    }
    e->pin.removed = true;
    e->show = NULL;
    e->write = NULL;
    return false;
}

int proc_remove(const char *path)
{
    struct proc_entry *e;
    int err = proc_find_file(path, &e);

    if (err)
        return err;
    if (fs_caller() && fs_caller() != e->pin.owner) {
        printk(KERN_WARNING "procfs: module '%s' may not remove /proc/%s (it belongs to %s)\n",
               fs_owner_name(fs_caller()), path,
               e->pin.owner ? fs_owner_name(e->pin.owner) : "the kernel");
        return -EPERM;
    }
    if (e->pin.opens)
        return -EBUSY;
    proc_detach(e);
    kfree(e);
    return 0;
}
KERNEL_EXPORT(proc_remove);

int proc_set_perm(const char *path, ark_uid_t uid, ark_gid_t gid, uint32_t mode)
{
    struct fs_node *n;
    int err = proc_check_path(path);

    if (err)
        return err;
    if ((mode & ~(uint32_t)ARK_S_IALLUGO) || uid < 0 || gid < 0)
        return -EINVAL;
    err = fs_tree_lookup(&proc_root.node, path, &n);
    if (err)
        return err;
    fs_node_set_perm(n, uid, gid, mode);
    return 0;
}

int proc_set_stat_size(const char *path, uint32_t size)
{
    struct fs_node *n;
    int err = proc_check_path(path);

    if (err)
        return err;
    err = fs_tree_lookup(&proc_root.node, path, &n);
    if (err)
        return err;
    if (n->type != ARK_DT_FILE)
        return -EISDIR;
    __atomic_store_n(&PROC_ENTRY(n)->stat_size, size, __ATOMIC_RELAXED);
    return 0;
}

int proc_revoke(const char *path)
{
    struct proc_entry *e;
    int err = proc_find_file(path, &e);

    if (err)
        return err;
    if (fs_caller())
        return -EPERM;                 /* the kernel's tool only */
    proc_detach(e);
    return proc_entry_release(e) ? 0 : 1;
}

static void proc_tree_free(struct fs_node *n)
{
    while (n->children) {
        struct fs_node *c = n->children;
        fs_tree_unlink(c);
        proc_tree_free(c);
    }
    (void)proc_entry_release(PROC_ENTRY(n));
}

int proc_remove_tree(const char *path)
{
    struct fs_node *n, *parent;
    int err = proc_find(path, &n);

    if (err)
        return err;
    parent = n->parent;
    fs_tree_unlink(n);
    proc_tree_free(n);
    proc_prune(parent);
    return 0;
}

/* Writes "/proc/a/b" for n into buf, filling it from the end as the parents are walked. */
static void proc_path_of(const struct fs_node *n, char *buf, size_t size)
{
    size_t total = 5, pos;             /* "/proc" */
    const struct fs_node *p;

    for (p = n; p && p != &proc_root.node; p = p->parent)
        total += 1 + strlen(p->name);
    if (total >= size) {
        strlcpy(buf, "/proc/...", size);
        return;
    }
    memcpy(buf, "/proc", 5);
    buf[total] = '\0';
    pos = total;
    for (p = n; p && p != &proc_root.node; p = p->parent) {
        size_t len = strlen(p->name);
        pos -= len;
        memcpy(buf + pos, p->name, len);
        buf[--pos] = '/';
    }
}

static struct proc_entry *proc_find_owned(struct fs_node *dir, struct kmod *m)
{
    for (struct fs_node *c = dir->children; c; c = c->next) {
        struct proc_entry *e = PROC_ENTRY(c);
        if ((c->type == ARK_DT_FILE || e->keep) && e->pin.owner == m && !c->children)
            return e;
        if (c->type == ARK_DT_DIR && (e = proc_find_owned(c, m)) != NULL)
            return e;
    }
    return NULL;
}

int procfs_release_owned_by(struct kmod *m)
{
    struct proc_entry *e;
    char path[VFS_PATH_MAX];
    int removed = 0;

    if (!m)
        return 0;
    while ((e = proc_find_owned(&proc_root.node, m)) != NULL) {
        proc_path_of(&e->node, path, sizeof(path));
        proc_detach(e);
        removed++;
        if (e->node.type == ARK_DT_DIR) {
            printk(KERN_WARNING "dkm: %s: exit left %s registered; removed\n",
                   fs_owner_name(e->pin.owner), path);
            kfree(e);
        } else if (fs_pin_sweep(&e->pin, path)) {
            kfree(e);
        } else {
            /* open files keep their generated text but never call the module */
            e->show = NULL;
            e->write = NULL;
            e->served.ops = NULL;
            e->served.poll = NULL;
        }
    }
    return removed;
}

/* ---- open /proc files ------------------------------------------------------------------------- */
static long proc_read(struct file *f, void *buf, uint32_t len)
{
    struct proc_open *o = f->data;

    if (f->pos >= o->seq.len)
        return 0;
    if (len > o->seq.len - f->pos)
        len = (uint32_t)(o->seq.len - f->pos);
    memcpy(buf, o->seq.buf + f->pos, len);
    f->pos += len;
    return len;
}

static long proc_write(struct file *f, const void *buf, uint32_t len)
{
    struct proc_open *o = f->data;
    long r;

    if (o->e->pin.removed)
        return -ENXIO;
    if (fs_guarded(o->e->pin.owner)) {
        uintptr_t args[3] = { (uintptr_t)o->e->priv, (uintptr_t)buf, len };
        r = fs_call(o->e->pin.owner, (const void *)o->e->write, 3, args);
    } else {
        r = o->e->write(o->e->priv, buf, len);
    }
    return r > (long)len ? (long)len : r;
}

static long proc_size(struct file *f)
{
    return (long)((struct proc_open *)f->data)->seq.len;
}

static int proc_release(struct file *f)
{
    struct proc_open *o = f->data;
    struct proc_entry *e = o->e;

    seq_free(&o->seq);
    if (fs_pin_close(&e->pin))
        kfree(e);
    kfree(o);
    return 0;
}

static const struct file_ops proc_file_ops = {
    .read = proc_read,
    .write = proc_write,
    .size = proc_size,
    .release = proc_release,
};

/* ---- the file system seen through the VFS --------------------------------------------------- */
/* Generated at open, a file's size is unknown until then: stat says 0 unless its creator set one. */
static uint32_t procfs_size_of(const struct fs_node *n)
{
    return n->type == ARK_DT_FILE ? __atomic_load_n(&PROC_ENTRY(n)->stat_size, __ATOMIC_RELAXED) : 0;
}

static int procfs_stat(void *root, const char *rel, struct ark_stat *out)
{
    return fs_tree_stat(root, rel, out, procfs_size_of);
}

static int procfs_readdir(void *root, const char *rel, uint32_t index, struct ark_dirent *out)
{
    return fs_tree_readdir(root, rel, index, out, procfs_size_of);
}

static int procfs_open(void *root, const char *rel, uint32_t flags, struct file *f)
{
    struct fs_node *n;
    struct proc_entry *e;
    struct proc_open *o;
    int err = fs_tree_lookup(root, rel, &n);

    if (err == -ENOENT && (flags & ARK_O_CREAT))
        return -EACCES;                /* only proc_create makes /proc files */
    if (err)
        return err;
    if (n->type == ARK_DT_DIR)
        return -EISDIR;
    e = PROC_ENTRY(n);
    err = fs_may_open(n, flags, false);
    if (err)
        return err;
    if (e->served.ops)
        return fs_served_open(&e->served, flags, f);
    if ((fs_wants_read(flags) && !e->show) || (fs_wants_write(flags) && !e->write))
        return -EACCES;
    o = kzalloc(sizeof(*o));
    if (!o)
        return -ENOMEM;
    o->e = e;
    seq_init(&o->seq);
    err = fs_pin_open(&e->pin);        /* before calling into the module */
    if (err) {
        kfree(o);
        return err;
    }
    if (fs_wants_read(flags)) {
        if (fs_guarded(e->pin.owner)) {
            uintptr_t args[2] = { (uintptr_t)&o->seq, (uintptr_t)e->priv };
            err = (int)fs_call(e->pin.owner, (const void *)e->show, 2, args);
        } else {
            err = e->show(&o->seq, e->priv);
        }
        if (err > 0)
            err = -EIO;
        if (!err)
            err = o->seq.error;
        if (err) {
            seq_free(&o->seq);
            (void)fs_pin_close(&e->pin);  /* undoes this open only: the entry stays registered */
            kfree(o);
            return err;
        }
    }
    f->ops = &proc_file_ops;
    f->node = e;
    f->data = o;
    return 0;
}

static const struct fs_ops procfs_ops = {
    .stat = procfs_stat,
    .readdir = procfs_readdir,
    .open = procfs_open,
};

void procfs_init(void)
{
    fs_node_init(&proc_root.node, "", 0, ARK_DT_DIR);
    if (vfs_mount("proc", &procfs_ops, &proc_root.node) < 0)
        printk(KERN_ERR "procfs: cannot mount /proc\n");
}
