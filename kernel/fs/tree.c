/* tree.c — the in-memory directory tree shared by the ramdisk, devfs and procfs: nodes with a
 * name and a type, children kept sorted by name so listings come out in a stable order. */
#include "ark/kernel.h"
#include "fs_internal.h"

void fs_node_init(struct fs_node *n, const char *name, size_t len, uint32_t type)
{
    if (len >= sizeof(n->name))
        len = sizeof(n->name) - 1;
    memcpy(n->name, name, len);
    n->name[len] = '\0';
    n->type = type;
    n->mode = type == ARK_DT_DIR ? 0755 : type == ARK_DT_DEV ? 0600 : 0644;
    n->uid = 0;
    n->gid = 0;
    n->parent = NULL;
    n->children = NULL;
    n->next = NULL;
}

void fs_node_set_perm(struct fs_node *n, ark_uid_t uid, ark_gid_t gid, uint32_t mode)
{
    n->uid = uid;
    n->gid = gid;
    n->mode = (uint16_t)(mode & ARK_S_IALLUGO);
}

struct fs_node *fs_tree_child(const struct fs_node *dir, const char *name, size_t len)
{
    if (len >= ARK_NAME_MAX)
        return NULL;               /* no node can have so long a name */
    for (struct fs_node *c = dir->children; c; c = c->next)
        if (strncmp(c->name, name, len) == 0 && c->name[len] == '\0')
            return c;
    return NULL;
}

int fs_tree_lookup(struct fs_node *dir, const char *rel, struct fs_node **out)
{
    struct fs_node *n = dir;
    const char *name;
    size_t len;

    while ((len = fs_path_next(&rel, &name)) != 0) {
        if (n->type != ARK_DT_DIR)
            return -ENOTDIR;
        n = fs_tree_child(n, name, len);
        if (!n)
            return -ENOENT;
    }
    *out = n;
    return 0;
}

void fs_tree_link(struct fs_node *dir, struct fs_node *child)
{
    struct fs_node **link = &dir->children;

    while (*link && strcmp((*link)->name, child->name) < 0)
        link = &(*link)->next;
    child->next = *link;
    child->parent = dir;
    *link = child;
}

void fs_tree_unlink(struct fs_node *child)
{
    struct fs_node **link;

    if (!child->parent)
        return;
    for (link = &child->parent->children; *link; link = &(*link)->next) {
        if (*link == child) {
            *link = child->next;
            break;
        }
    }
    child->parent = NULL;
    child->next = NULL;
}

struct fs_node *fs_tree_nth(const struct fs_node *dir, uint32_t index)
{
    struct fs_node *c = dir->children;

    while (c && index--)
        c = c->next;
    return c;
}

void fs_dirent_fill(struct ark_dirent *out, const struct fs_node *n, uint32_t size)
{
    memset(out, 0, sizeof(*out));
    out->type = n->type;
    out->size = size;
    strlcpy(out->name, n->name, sizeof(out->name));
    out->mode = n->mode;
    out->uid = n->uid;
    out->gid = n->gid;
}

/* The fs_ops stat and readdir of every tree-shaped file system; they differ only in file sizes. */
int fs_tree_stat(struct fs_node *root, const char *rel, struct ark_stat *out, fs_size_of_t size_of)
{
    struct fs_node *n;
    int err = fs_tree_lookup(root, rel, &n);

    if (err)
        return err;
    out->type = n->type;
    out->size = size_of ? size_of(n) : 0;
    out->mode = n->mode;
    out->uid = n->uid;
    out->gid = n->gid;
    return 0;
}

int fs_tree_readdir(struct fs_node *root, const char *rel, uint32_t index, struct ark_dirent *out,
                    fs_size_of_t size_of)
{
    struct fs_node *d, *c;
    int err = fs_tree_lookup(root, rel, &d);

    if (err)
        return err;
    if (d->type != ARK_DT_DIR)
        return -ENOTDIR;
    c = fs_tree_nth(d, index);
    if (!c)
        return -ENOENT;
    fs_dirent_fill(out, c, size_of ? size_of(c) : 0);
    return 0;
}
