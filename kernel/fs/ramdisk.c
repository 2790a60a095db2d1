/* ramdisk.c — the read-only file system built from the ustar archive the boot loader hands over.
 * Files point straight into the archive (zero-copy); only the directory tree is allocated. */
#include "ark/kernel.h"
#include "fs_internal.h"

struct rd_node {
    struct fs_node node;
    const uint8_t *data;
    uint32_t size;
};

/* A hard or symbolic link, resolved once the whole archive has been read, since a symbolic
 * link may name an entry that comes later. */
struct rd_link {
    struct rd_link *next;
    uint32_t offset;
    char path[VFS_PATH_MAX];           /* where the link goes, normalised */
    char target[VFS_PATH_MAX];         /* what it names, normalised from the archive root */
};

struct rd_build {
    struct rd_node *root;
    struct rd_link *links;
    unsigned files, dirs, bad;
};

static struct rd_node *rd_root;

static void rd_report(const char *name, uint32_t offset, const char *problem)
{
    printk(KERN_WARNING "ramdisk: entry '%s' at offset %u: %s; skipped\n", name, offset, problem);
}

static struct rd_node *rd_new(const char *name, size_t len, uint32_t type)
{
    struct rd_node *n = kzalloc(sizeof(*n));

    if (n)
        fs_node_init(&n->node, name, len, type);
    return n;
}

static void rd_free_tree(struct fs_node *n)
{
    while (n->children) {
        struct fs_node *c = n->children;
        fs_tree_unlink(c);
        rd_free_tree(c);
    }
    kfree(FS_CONTAINER_OF(n, struct rd_node, node));
}

/* Finds or creates the directories leading to the last component of path ("/a/b/c" -> a, b).
 * *last gets the final component. 0, -ENOTDIR (a file is in the way), -ENOMEM. */
static int rd_make_parents(struct rd_build *b, const char *path, struct fs_node **dir, const char **last,
                           size_t *last_len)
{
    struct fs_node *d = &b->root->node;
    const char *rest = path, *name;
    size_t len = fs_path_next(&rest, &name);

    while (len && *rest) {
        struct fs_node *c = fs_tree_child(d, name, len);
        if (!c) {
            struct rd_node *nd = rd_new(name, len, ARK_DT_DIR);
            if (!nd)
                return -ENOMEM;
            fs_tree_link(d, &nd->node);
            b->dirs++;
            c = &nd->node;
        } else if (c->type != ARK_DT_DIR) {
            return -ENOTDIR;
        }
        d = c;
        len = fs_path_next(&rest, &name);
    }
    *dir = d;
    *last = name;
    *last_len = len;
    return 0;
}

/* Adds a file (data != NULL or size 0) or a directory at path. A later entry for the same file
 * replaces the earlier one, as extracting the archive would. */
static int rd_add(struct rd_build *b, const char *path, uint32_t type, const uint8_t *data, uint32_t size,
                  const char *shown, uint32_t offset)
{
    struct fs_node *dir, *old;
    struct rd_node *n;
    const char *name;
    size_t len;
    int err = rd_make_parents(b, path, &dir, &name, &len);

    if (err == -ENOTDIR) {
        rd_report(shown, offset, "a parent directory is a file in this archive");
        b->bad++;
        return 0;
    }
    if (err)
        return err;
    if (len == 0) {                    /* the archive root itself, e.g. "./" */
        if (type != ARK_DT_DIR) {
            rd_report(shown, offset, "a file cannot replace the archive's root directory");
            b->bad++;
        }
        return 0;
    }
    old = fs_tree_child(dir, name, len);
    if (old) {
        if (old->type != type) {
            rd_report(shown, offset, type == ARK_DT_DIR ? "a file of that name came earlier"
                                                        : "a directory of that name came earlier");
            b->bad++;
        } else if (type == ARK_DT_FILE) {
            n = FS_CONTAINER_OF(old, struct rd_node, node);
            n->data = data;
            n->size = size;
        }
        return 0;
    }
    n = rd_new(name, len, type);
    if (!n)
        return -ENOMEM;
    n->data = data;
    n->size = size;
    fs_tree_link(dir, &n->node);
    if (type == ARK_DT_DIR)
        b->dirs++;
    else
        b->files++;
    return 0;
}

static int rd_queue_link(struct rd_build *b, const struct tar_entry *e, const char *path)
{
    char joined[VFS_PATH_MAX];
    struct rd_link *l;
    size_t dir_len = 0;
    bool dir_only;
    int err;

    if (!e->link[0]) {
        rd_report(e->name, e->offset, "link with an empty target");
        b->bad++;
        return 0;
    }
    /* A hard link names its target from the archive root; a relative symbolic link from the
     * link's own directory. An absolute symbolic link is taken from the archive root too. */
    if (e->kind == TAR_SYMLINK && e->link[0] != '/') {
        for (size_t i = 0; path[i]; i++)
            if (path[i] == '/')
                dir_len = i;
    }
    memcpy(joined, path, dir_len);     /* path is shorter than joined, and so is its directory */
    joined[dir_len] = '/';
    strlcpy(joined + dir_len + 1, e->link, sizeof(joined) - dir_len - 1);
    l = kmalloc(sizeof(*l));
    if (!l)
        return -ENOMEM;
    err = fs_path_normalise(joined, l->target, sizeof(l->target), &dir_only);
    if (err) {
        kfree(l);
        rd_report(e->name, e->offset, "link target name too long");
        b->bad++;
        return 0;
    }
    strlcpy(l->path, path, sizeof(l->path));
    l->offset = e->offset;
    l->next = b->links;
    b->links = l;
    return 0;
}

static int rd_visit(const struct tar_entry *e, void *ctx)
{
    struct rd_build *b = ctx;
    char path[VFS_PATH_MAX];
    char problem[64];
    bool dir_only;
    int err = fs_path_normalise(e->name, path, sizeof(path), &dir_only);

    if (err) {
        rd_report(e->name, e->offset, "a name component longer than 63 bytes");
        b->bad++;
        return 0;
    }
    switch (e->kind) {
    case TAR_FILE:
        if (dir_only) {
            rd_report(e->name, e->offset, "a regular file whose name ends in '/'");
            b->bad++;
            return 0;
        }
        return rd_add(b, path, ARK_DT_FILE, e->data, e->size, e->name, e->offset);
    case TAR_DIR:
        return rd_add(b, path, ARK_DT_DIR, NULL, 0, e->name, e->offset);
    case TAR_HARDLINK:
    case TAR_SYMLINK:
        return rd_queue_link(b, e, path);
    default:
        snprintf(problem, sizeof(problem), "unsupported entry type '%c'",
                 e->typeflag >= 0x20 && e->typeflag < 0x7f ? e->typeflag : '?');
        rd_report(e->name, e->offset, problem);
        b->bad++;
        return 0;
    }
}

/* Links to links resolve over several passes; whatever is left names nothing usable. */
static int rd_resolve_links(struct rd_build *b)
{
    bool progress = true;

    while (b->links && progress) {
        struct rd_link **lp = &b->links;
        progress = false;
        while (*lp) {
            struct rd_link *l = *lp;
            struct fs_node *t;
            int err = fs_tree_lookup(&b->root->node, l->target, &t);

            if (err == 0 && t->type == ARK_DT_DIR) {
                rd_report(l->path + 1, l->offset, "links to directories are not supported");
                b->bad++;
            } else if (err == 0) {
                struct rd_node *tn = FS_CONTAINER_OF(t, struct rd_node, node);
                err = rd_add(b, l->path, ARK_DT_FILE, tn->data, tn->size, l->path + 1, l->offset);
                if (err)
                    return err;
            } else {
                lp = &l->next;
                continue;
            }
            *lp = l->next;
            kfree(l);
            progress = true;
        }
    }
    while (b->links) {
        struct rd_link *l = b->links;
        char problem[VFS_PATH_MAX + 40];

        snprintf(problem, sizeof(problem), "link target '%s' is not in the archive", l->target + 1);
        rd_report(l->path + 1, l->offset, problem);
        b->bad++;
        b->links = l->next;
        kfree(l);
    }
    return 0;
}

/* ---- the file system seen through the VFS --------------------------------------------------- */
static long rd_read(struct file *f, void *buf, uint32_t len)
{
    const struct rd_node *n = f->node;

    if (f->pos >= n->size)
        return 0;
    if (len > n->size - f->pos)
        len = n->size - f->pos;
    memcpy(buf, n->data + f->pos, len);
    f->pos += len;
    return len;
}

static long rd_size(struct file *f)
{
    return ((const struct rd_node *)f->node)->size;
}

static const struct file_ops rd_file_ops = {
    .read = rd_read,
    .size = rd_size,
};

static uint32_t rd_size_of(const struct fs_node *n)
{
    return n->type == ARK_DT_FILE ? FS_CONTAINER_OF(n, struct rd_node, node)->size : 0;
}

static int rd_stat(void *root, const char *rel, struct ark_stat *out)
{
    return fs_tree_stat(root, rel, out, rd_size_of);
}

static int rd_readdir(void *root, const char *rel, uint32_t index, struct ark_dirent *out)
{
    return fs_tree_readdir(root, rel, index, out, rd_size_of);
}

static int rd_open(void *root, const char *rel, uint32_t flags, struct file *f)
{
    struct fs_node *n;
    int err = fs_tree_lookup(root, rel, &n);

    if (err == -ENOENT && (flags & ARK_O_CREAT))
        return -EROFS;                 /* nothing can be created in a read-only archive */
    if (err)
        return err;
    if (n->type == ARK_DT_DIR)
        return -EISDIR;
    if (fs_wants_write(flags) || (flags & ARK_O_TRUNC))
        return -EROFS;
    f->ops = &rd_file_ops;
    f->node = FS_CONTAINER_OF(n, struct rd_node, node);
    return 0;
}

static const struct fs_ops rd_fs_ops = {
    .stat = rd_stat,
    .readdir = rd_readdir,
    .open = rd_open,
};

int ramdisk_mount(const void *archive, size_t size)
{
    struct rd_build b = { 0 };
    struct tar_stats st;
    struct fs_node *bin;
    int err;

    if (rd_root)
        return -EBUSY;
    if (!archive || size == 0) {
        printk(KERN_ERR "ramdisk: no archive given; /ramdisk not mounted\n");
        return -EINVAL;
    }
    b.root = rd_new("", 0, ARK_DT_DIR);
    if (!b.root)
        return -ENOMEM;
    err = tar_walk(archive, size, rd_visit, &b, &st);
    if (!err)
        err = rd_resolve_links(&b);
    if (err) {
        printk(KERN_ERR "ramdisk: out of memory while reading the archive (error %d); not mounted\n", err);
        while (b.links) {
            struct rd_link *l = b.links;
            b.links = l->next;
            kfree(l);
        }
        rd_free_tree(&b.root->node);
        return err;
    }
    err = vfs_mount("ramdisk", &rd_fs_ops, &b.root->node);
    if (err) {
        rd_free_tree(&b.root->node);
        return err;
    }
    rd_root = b.root;
    bin = fs_tree_child(&rd_root->node, "bin", 3);
    if (bin && bin->type == ARK_DT_DIR)
        vfs_mount("bin", &rd_fs_ops, bin);
    else
        printk(KERN_WARNING "ramdisk: the archive has no bin/ directory; /bin not mounted\n");
    if (st.bad + b.bad)
        printk(KERN_WARNING "ramdisk: %u files, %u directories in %zu bytes; %u bad entries skipped\n",
               b.files, b.dirs, size, st.bad + b.bad);
    else
        printk(KERN_INFO "ramdisk: %u files, %u directories in %zu bytes\n", b.files, b.dirs, size);
    return 0;
}
