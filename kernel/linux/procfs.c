/* procfs.c — Linux's /proc API (proc_create with struct proc_ops, proc_mkdir, proc_remove,
 * remove_proc_entry, proc_create_single/seq) over ark's procfs: every call on an open file goes
 * to the entry's proc_ops, through the same struct file bridge as character devices. */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "lx_internal.h"

#define LX_PROC_PATH_MAX 256

struct proc_dir_entry {
    struct lx_node node;
    struct file_operations fops;       /* proc_ops in file_operations form */
    char path[LX_PROC_PATH_MAX];       /* relative to /proc */
    bool is_dir;
    void *data;
    struct kmod *owner;
    int (*single_show)(struct seq_file *, void *);
    const struct seq_operations *seq_ops;
    unsigned int seq_state_size;
    struct proc_dir_entry *next;
};

static struct proc_dir_entry *lx_pdes;

static int lx_proc_path(char *out, const char *name, const struct proc_dir_entry *parent)
{
    int n;

    if (!name || !*name || name[0] == '/')
        return -EINVAL;
    n = parent ? scnprintf(out, LX_PROC_PATH_MAX, "%s/%s", parent->path, name)
               : scnprintf(out, LX_PROC_PATH_MAX, "%s", name);
    return n >= LX_PROC_PATH_MAX - 1 ? -ENAMETOOLONG : 0;
}

static void lx_pde_free(struct lx_node *n)
{
    kfree(container_of(n, struct proc_dir_entry, node));
}

static struct proc_dir_entry *lx_pde_new(const char *name, struct proc_dir_entry *parent,
                                         umode_t mode, void *data, struct kmod *owner)
{
    struct proc_dir_entry *de;
    const char *base;

    if (parent && !parent->is_dir)
        return NULL;
    de = kzalloc(sizeof(*de), GFP_KERNEL);
    if (!de)
        return NULL;
    if (lx_proc_path(de->path, name, parent)) {
        kfree(de);
        return NULL;
    }
    base = strrchr(de->path, '/');
    lx_node_init(&de->node, base ? base + 1 : de->path, &de->fops);
    de->node.inode.i_mode = mode;
    de->node.inode.i_private = data;
    de->node.free = lx_pde_free;
    de->data = data;
    de->owner = owner;
    return de;
}

static void lx_pde_link(struct proc_dir_entry *de)
{
    de->next = lx_pdes;
    lx_pdes = de;
}

static struct proc_dir_entry *lx_proc_file(const char *name, umode_t mode,
                                           struct proc_dir_entry *parent, void *data,
                                           struct kmod *owner)
{
    struct proc_dir_entry *de = lx_pde_new(name, parent, (mode & 0777) ? (mode & 0777) : 0444,
                                           data, owner);
    int rc;

    if (!de)
        return NULL;
    de->node.inode.i_mode |= S_IFREG;
    rc = proc_create_ops_owned_poll(de->path, &lx_node_ops, lx_node_lseek, lx_node_poll, &de->node,
                                    owner, de->node.inode.i_mode & 07777);
    if (rc) {
        printk(KERN_ERR "proc_create: /proc/%s: error %d\n", de->path, rc);
        kfree(de);
        return NULL;
    }
    lx_pde_link(de);
    return de;
}

struct proc_dir_entry *ark_linux_proc_create_data(const char *name, umode_t mode,
                                                  struct proc_dir_entry *parent,
                                                  const struct proc_ops *ops, void *data)
{
    struct proc_dir_entry *de;

    if (!ops)
        return NULL;
    de = lx_proc_file(name, mode, parent, data, LX_CALLER());
    if (!de)
        return NULL;
    de->fops.open = ops->proc_open;
    de->fops.read = ops->proc_read;
    de->fops.write = ops->proc_write;
    de->fops.llseek = ops->proc_lseek;
    de->fops.release = ops->proc_release;
    de->fops.poll = ops->proc_poll;
    de->fops.unlocked_ioctl = ops->proc_ioctl;
    return de;
}
KERNEL_EXPORT(ark_linux_proc_create_data);

static int lx_single_proc_open(struct inode *inode, struct file *file)
{
    struct proc_dir_entry *de = container_of(inode, struct proc_dir_entry, node.inode);
    return single_open(file, de->single_show, de->data);
}

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
                                               struct proc_dir_entry *parent,
                                               int (*show)(struct seq_file *, void *), void *data)
{
    struct proc_dir_entry *de = lx_proc_file(name, mode, parent, data, LX_CALLER());

    if (!de)
        return NULL;
    de->single_show = show;
    de->fops.open = lx_single_proc_open;
    de->fops.read = seq_read;
    de->fops.llseek = seq_lseek;
    de->fops.release = single_release;
    return de;
}
KERNEL_EXPORT(proc_create_single_data);

static int lx_seq_proc_open(struct inode *inode, struct file *file)
{
    struct proc_dir_entry *de = container_of(inode, struct proc_dir_entry, node.inode);

    if (de->seq_state_size)
        return seq_open_private(file, de->seq_ops, (int)de->seq_state_size);
    return seq_open(file, de->seq_ops);
}

static int lx_seq_proc_release(struct inode *inode, struct file *file)
{
    struct proc_dir_entry *de = container_of(inode, struct proc_dir_entry, node.inode);

    return de->seq_state_size ? seq_release_private(inode, file) : seq_release(inode, file);
}

struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
                                               struct proc_dir_entry *parent,
                                               const struct seq_operations *ops,
                                               unsigned int state_size, void *data)
{
    struct proc_dir_entry *de = lx_proc_file(name, mode, parent, data, LX_CALLER());

    if (!de)
        return NULL;
    de->seq_ops = ops;
    de->seq_state_size = state_size;
    de->fops.open = lx_seq_proc_open;
    de->fops.read = seq_read;
    de->fops.llseek = seq_lseek;
    de->fops.release = lx_seq_proc_release;
    return de;
}
KERNEL_EXPORT(proc_create_seq_private);

struct proc_dir_entry *proc_mkdir_data(const char *name, umode_t mode,
                                       struct proc_dir_entry *parent, void *data)
{
    struct kmod *owner = LX_CALLER();
    struct proc_dir_entry *de = lx_pde_new(name, parent, mode ? mode : 0555, data, owner);
    int rc;

    if (!de)
        return NULL;
    de->is_dir = true;
    rc = proc_mkdir_owned(de->path, owner, mode ? (mode & 07777) : 0555);
    if (rc) {
        printk(KERN_ERR "proc_mkdir: /proc/%s: error %d\n", de->path, rc);
        kfree(de);
        return NULL;
    }
    lx_pde_link(de);
    return de;
}
KERNEL_EXPORT(proc_mkdir_data);

struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode, struct proc_dir_entry *parent)
{
    return proc_mkdir_data(name, mode, parent, NULL);
}
KERNEL_EXPORT(proc_mkdir_mode);

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
    return proc_mkdir_data(name, 0, parent, NULL);
}
KERNEL_EXPORT(proc_mkdir);

/* Removes the entry at path and every entry below it, in /proc and here. */
static void lx_proc_remove_path(const char *path)
{
    size_t len = strlen(path);

    (void)proc_remove_tree(path);
    for (struct proc_dir_entry **pp = &lx_pdes; *pp;) {
        struct proc_dir_entry *de = *pp;
        if (!strncmp(de->path, path, len) && (de->path[len] == '\0' || de->path[len] == '/')) {
            *pp = de->next;
            lx_node_release(&de->node);
        } else {
            pp = &de->next;
        }
    }
}

void ark_linux_proc_remove(struct proc_dir_entry *de)
{
    char path[LX_PROC_PATH_MAX];

    if (!de)
        return;
    strscpy(path, de->path, sizeof(path));
    lx_proc_remove_path(path);
}
KERNEL_EXPORT(ark_linux_proc_remove);

void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
    char path[LX_PROC_PATH_MAX];

    if (lx_proc_path(path, name, parent))
        return;
    for (struct proc_dir_entry *de = lx_pdes; de; de = de->next) {
        if (!strcmp(de->path, path)) {
            lx_proc_remove_path(path);
            return;
        }
    }
    printk(KERN_WARNING "remove_proc_entry: removing non-empty directory or missing entry '/proc/%s'\n",
           path);
}
KERNEL_EXPORT(remove_proc_entry);

int remove_proc_subtree(const char *name, struct proc_dir_entry *parent)
{
    char path[LX_PROC_PATH_MAX];

    if (lx_proc_path(path, name, parent))
        return -EINVAL;
    for (struct proc_dir_entry *de = lx_pdes; de; de = de->next) {
        if (!strcmp(de->path, path)) {
            lx_proc_remove_path(path);
            return 0;
        }
    }
    return -ENOENT;
}
KERNEL_EXPORT(remove_proc_subtree);

void *pde_data(const struct inode *inode)
{
    const struct proc_dir_entry *de = container_of(inode, struct proc_dir_entry, node.inode);
    return de->data;
}
KERNEL_EXPORT(pde_data);

void proc_set_size(struct proc_dir_entry *de, loff_t size)
{
    if (!de)
        return;
    de->node.inode.i_size = size;
    /* stat's size field is 32 bits wide: a larger size shows as the largest it can hold */
    int rc = proc_set_stat_size(de->path, size < 0 ? 0 : size > UINT32_MAX ? UINT32_MAX : (uint32_t)size);
    if (rc && rc != -EISDIR)
        printk(KERN_ERR "proc_set_size: /proc/%s: error %d\n", de->path, rc);
}
KERNEL_EXPORT(proc_set_size);

void proc_set_user(struct proc_dir_entry *de, kuid_t uid, kgid_t gid)
{
    int rc;

    if (!de)
        return;
    rc = proc_set_perm(de->path, (ark_uid_t)__kuid_val(uid), (ark_gid_t)__kgid_val(gid),
                       de->node.inode.i_mode & 07777);
    if (rc)
        printk(KERN_ERR "proc_set_user: /proc/%s: error %d\n", de->path, rc);
}
KERNEL_EXPORT(proc_set_user);

int lx_proc_release_owned(struct kmod *m)
{
    int removed = 0;
    struct proc_dir_entry *de;

    for (;;) {
        char path[LX_PROC_PATH_MAX];
        for (de = lx_pdes; de && de->owner != m; de = de->next)
            ;
        if (!de)
            break;
        printk(KERN_WARNING "dkm: %s: exit left /proc/%s registered; removed\n", lx_owner_name(m),
               de->path);
        strscpy(path, de->path, sizeof(path));
        lx_proc_remove_path(path);
        removed++;
    }
    return removed;
}
