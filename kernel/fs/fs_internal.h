/* fs_internal.h — what the parts of kernel/fs share: the interface a mounted file system gives the
 * VFS, the open-file record, and each file's internal prototypes, grouped by the file defining them.
 * The pure parts (path.c, tree.c, tar.c, seq.c) use nothing but kmalloc/printk and string functions,
 * so the host unit tests can compile them unchanged. */
#ifndef KERNEL_FS_INTERNAL_H
#define KERNEL_FS_INTERNAL_H

#include <stdarg.h>
#include "ark/types.h"
#include "ark/errno.h"
#include "ark/device.h"
#include "ark/proc.h"
#include "ark/syscall.h"
#include "kfs.h"
#include "kmod.h"
#include "vfs.h"

#define FS_CONTAINER_OF(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

/* The DKM glue (kernel/dkm) may not be linked: every call goes through these NULL-checked wrappers. */
#pragma weak kmod_owner_for
#pragma weak kmod_current
#pragma weak kmod_call
#pragma weak kmod_get
#pragma weak kmod_try_get
#pragma weak kmod_put
#pragma weak kmod_name
#pragma weak kmod_request

/* The owner of an entry being registered with these callbacks and data (kmod_owner_for). */
static inline struct kmod *fs_owner_for(const uintptr_t *addrs, unsigned n)
{
    return kmod_owner_for ? kmod_owner_for(addrs, n) : NULL;
}
/* The module whose code is asking (NULL: the kernel). */
static inline struct kmod *fs_caller(void)
{
    return kmod_current ? kmod_current() : NULL;
}
/* Whether a call into owner's code must go through kmod_call (fs_call); else call it directly. */
static inline bool fs_guarded(const struct kmod *owner)
{
    return owner && kmod_call;
}
/* A guarded call of owner's fn: its result, -EFAULT when it faulted, -EIO when the module had. */
static inline long fs_call(struct kmod *owner, const void *fn, unsigned nargs, const uintptr_t *args)
{
    long r;
    kmod_call(owner, (uintptr_t)fn, nargs, args, 0, &r);
    return r;
}
/* Calls fn(args[0..nargs-1]) (at most 3 word-sized arguments; cdecl lets a shorter function
 * ignore the rest): through fs_call when owner is a module, directly for the kernel's own. */
static inline long fs_invoke(struct kmod *owner, const void *fn, unsigned nargs,
                             const uintptr_t *args)
{
    uintptr_t a[3] = { 0, 0, 0 };
    if (fs_guarded(owner))
        return fs_call(owner, fn, nargs, args);
    for (unsigned i = 0; i < nargs && i < 3; i++)
        a[i] = args[i];
    return ((long (*)(uintptr_t, uintptr_t, uintptr_t))fn)(a[0], a[1], a[2]);
}
static inline void fs_owner_get(struct kmod *m)
{
    if (m && kmod_get)
        kmod_get(m);
}
static inline void fs_owner_put(struct kmod *m)
{
    if (m && kmod_put)
        kmod_put(m);
}
static inline const char *fs_owner_name(const struct kmod *m)
{
    const char *name = (m && kmod_name) ? kmod_name(m) : NULL;
    return name ? name : "?";
}

/* ---- the open file, shared by every file system ------------------------------------------- */
struct file;

struct file_ops {
    long (*read)(struct file *f, void *buf, uint32_t len);          /* NULL: -EINVAL */
    long (*write)(struct file *f, const void *buf, uint32_t len);   /* NULL: -EINVAL */
    long (*ioctl)(struct file *f, uint32_t cmd, uintptr_t arg);     /* NULL: -ENOTTY */
    long (*size)(struct file *f);      /* for SEEK_END; NULL: the file has no end (-EINVAL) */
    /* Replaces the generic lseek when set (a driver with its own seek rules): new offset or -errno. */
    long (*lseek)(struct file *f, int32_t offset, int whence);
    int  (*release)(struct file *f);   /* last reference dropped */
    /* ARK_POLL* events that hold now, after ark_poll_wait on the queues that can change them;
     * NULL: always readable and writable. */
    uint32_t (*poll)(struct file *f, struct ark_poll_table *pt);
};

struct file {
    uint32_t refs;
    uint32_t flags;                    /* ARK_O_* given to open */
    uint32_t pos;
    const struct file_ops *ops;
    void *node;                        /* the file system's object */
    void *data;                        /* per-open state of the file system */
};

/* What a mounted file system provides. rel is a normalised path relative to the mount point,
 * without leading '/', "" for the file system's root. */
struct fs_ops {
    int (*stat)(void *root, const char *rel, struct ark_stat *out);
    int (*readdir)(void *root, const char *rel, uint32_t index, struct ark_dirent *out);
    /* Fills f->ops, f->node, f->data. Absent path: -ENOENT, or the file system's own answer to
     * ARK_O_CREAT (it never creates files). A directory: -EISDIR. */
    int (*open)(void *root, const char *rel, uint32_t flags, struct file *f);
};

static inline bool fs_wants_write(uint32_t flags)
{
    return (flags & ARK_O_ACCMODE) == ARK_O_WRONLY || (flags & ARK_O_ACCMODE) == ARK_O_RDWR;
}
static inline bool fs_wants_read(uint32_t flags)
{
    return (flags & ARK_O_ACCMODE) == ARK_O_RDONLY || (flags & ARK_O_ACCMODE) == ARK_O_RDWR;
}

/* ---- path.c ----------------------------------------------------------------------------- */
/* Rewrites path as an absolute path with no empty, "." or ".." components ("/" for the root).
 * ".." is resolved lexically and stops at the root; a relative path is taken from the root (ark
 * has no working directory). *dir_only is set when the path ends in '/', "." or "..", so the
 * target must be a directory. 0, -ENOENT for an empty path, -ENAMETOOLONG when path (with its
 * NUL) reaches VFS_PATH_MAX or out_size, or a component reaches ARK_NAME_MAX. */
int fs_path_normalise(const char *path, char *out, size_t out_size, bool *dir_only);
/* Splits the next component off *rel (advancing past it and one '/'): its length, 0 at the end. */
size_t fs_path_next(const char **rel, const char **name);
/* True when name is usable as one file name: 1..ARK_NAME_MAX-1 bytes, no '/', not "." or "..". */
bool fs_name_valid(const char *name, size_t len);

/* ---- tree.c: in-memory directory trees (ramdisk, devfs, procfs) --------------------------- */
struct fs_node {
    char name[ARK_NAME_MAX];
    uint32_t type;                     /* ARK_DT_* */
    uint16_t mode;                     /* permission bits (ARK_S_*), checked by fs_may_open */
    ark_uid_t uid;                     /* owner and group, root's (0) unless registered otherwise */
    ark_gid_t gid;
    struct fs_node *parent;
    struct fs_node *children;          /* sorted by name */
    struct fs_node *next;
};

/* Also sets the default owner root:root and mode: 0755 for a directory, 0600 for a device (root
 * only, as udev's default is), 0644 for anything else. */
void fs_node_init(struct fs_node *n, const char *name, size_t len, uint32_t type);
/* Gives n the owner, group and mode (ARK_S_IALLUGO bits) a registration asked for. */
void fs_node_set_perm(struct fs_node *n, ark_uid_t uid, ark_gid_t gid, uint32_t mode);
struct fs_node *fs_tree_child(const struct fs_node *dir, const char *name, size_t len);
/* Walks rel from dir: 0 and *out, -ENOENT, or -ENOTDIR when a non-final component is a file. */
int  fs_tree_lookup(struct fs_node *dir, const char *rel, struct fs_node **out);
void fs_tree_link(struct fs_node *dir, struct fs_node *child);   /* keeps names sorted */
void fs_tree_unlink(struct fs_node *child);
struct fs_node *fs_tree_nth(const struct fs_node *dir, uint32_t index);
void fs_dirent_fill(struct ark_dirent *out, const struct fs_node *n, uint32_t size);
/* stat and readdir below root for a file system's fs_ops. size_of gives an entry's size; NULL
 * when sizes are unknown (generated or device files), which then read as 0. */
typedef uint32_t (*fs_size_of_t)(const struct fs_node *n);
int  fs_tree_stat(struct fs_node *root, const char *rel, struct ark_stat *out, fs_size_of_t size_of);
int  fs_tree_readdir(struct fs_node *root, const char *rel, uint32_t index, struct ark_dirent *out,
                     fs_size_of_t size_of);

/* ---- perm.c: Unix permission checks --------------------------------------------------------- */
/* Whether the calling process may open n with flags (read and/or write access): the owner's bits
 * for its owner, the group's for its group, the others' for everyone else; root may do anything
 * unless root_bound (then root is held to the owner's bits, for /sys whose files say by their
 * mode what they support). 0 or -EACCES. */
int fs_may_open(const struct fs_node *n, uint32_t flags, bool root_bound);
/* The caller's credentials (root for the kernel's own threads). */
ark_uid_t fs_cred_uid(void);
ark_gid_t fs_cred_gid(void);

/* ---- tar.c: walking a ustar archive --------------------------------------------------------- */
#define TAR_BLOCK 512u
#define TAR_PATH_MAX 257u              /* prefix (155) + '/' + name (100) + NUL */

enum tar_kind { TAR_FILE, TAR_DIR, TAR_HARDLINK, TAR_SYMLINK, TAR_OTHER };

struct tar_entry {
    const char *name;                  /* prefix and name joined, NUL-terminated */
    enum tar_kind kind;
    char typeflag;                     /* as stored, for messages about TAR_OTHER */
    const uint8_t *data;               /* inside the archive (zero-copy) */
    uint32_t size;
    const char *link;                  /* hard/symbolic link target, NUL-terminated */
    uint32_t offset;                   /* of the header, for messages */
};

struct tar_stats {
    unsigned entries;                  /* handed to the visitor */
    unsigned bad;                      /* reported and skipped */
};

/* Calls visit for each well-formed entry in archive order. A malformed one is reported with
 * printk ("ramdisk: entry 'NAME' at offset N: PROBLEM; skipped") and skipped: after a bad
 * checksum or size field the walker resynchronises on the next valid header; a size running past
 * the end stops the walk. A visitor's negative return stops the walk and is returned; else 0. */
typedef int (*tar_visit_t)(const struct tar_entry *e, void *ctx);
int tar_walk(const void *archive, size_t size, tar_visit_t visit, void *ctx, struct tar_stats *stats);
/* Parses an octal header field (leading spaces, then digits, ended by NUL/space or the field's
 * end): 0 and *value, or -EINVAL. Exposed for the unit tests. */
int tar_parse_octal(const char *field, size_t len, uint32_t *value);

/* ---- seq.c: the growable output buffer behind /proc files --------------------------------- */
#define SEQ_MAX_BYTES (1u << 20)       /* a show callback producing more gets -EFBIG */

struct ark_seq {
    char *buf;
    size_t len;
    size_t cap;
    int error;                         /* first failure (-ENOMEM, -EFBIG); later output dropped */
};

void seq_init(struct ark_seq *s);
void seq_free(struct ark_seq *s);
int  seq_vprintf(struct ark_seq *s, const char *fmt, va_list ap);
/* Makes room for n more bytes and returns where they go (commit them with seq_commit), or NULL
 * with s->error set. */
char *seq_reserve(struct ark_seq *s, size_t n);
void seq_commit(struct ark_seq *s, size_t n);

/* ---- vfs.c -------------------------------------------------------------------------------- */
/* SEEK_SET/CUR/END over f->pos and ops->size, for file systems whose lseek hook defers to it. */
long fs_lseek_generic(struct file *f, int32_t offset, int whence);
/* Makes /NAME the mount point of a file system (NAME is one component). -EEXIST, -ENOSPC. */
int vfs_mount(const char *name, const struct fs_ops *ops, void *root);

/* ---- pin.c: who registered a devfs or procfs entry, and who has it open ------------------- */
struct fs_pin {
    struct kmod *owner;                /* NULL: the kernel */
    uint32_t opens;
    bool removed;                      /* swept away while open: freed at the last close */
};

/* An open of the entry: counts it and pins the owner (before any call into the module); -ENXIO
 * when the owner is being unloaded, whose code must not be entered again. */
static inline int fs_pin_open(struct fs_pin *p)
{
    if (p->owner && kmod_try_get && !kmod_try_get(p->owner))
        return -ENXIO;
    if (p->owner && !kmod_try_get)
        fs_owner_get(p->owner);
    p->opens++;
    return 0;
}
/* Undoes fs_pin_open; true when the entry was swept away and this was its last open file, so the
 * caller frees it. */
static inline bool fs_pin_close(struct fs_pin *p)
{
    p->opens--;
    fs_owner_put(p->owner);
    return p->removed && p->opens == 0;
}
/* For an entry its owner's exit left behind, already unlinked and known as path: reports it. True
 * when nothing has it open, so the caller frees it now; else it is marked removed and cut off from
 * the module, and the caller drops its callbacks and leaves the freeing to fs_pin_close. */
bool fs_pin_sweep(struct fs_pin *p, const char *path);

/* ---- served.c: an entry whose open files go to a driver's ark_file_ops, as a device's do ---- */
struct fs_served {
    const struct ark_file_ops *ops;    /* NULL once swept: the module is never called again */
    kfs_lseek_fn lseek;                /* NULL: the generic rules */
    ark_poll_fn poll;                  /* NULL: always readable and writable */
    void *priv;                        /* the driver's ark_file.private_data at open */
    struct fs_pin *pin;                /* the entry's owner and open count */
    void (*free)(struct fs_served *s); /* frees the entry at the last close after its removal */
};
/* Opens the entry: pins it, calls ops->open, fills f. -ENXIO once removed or being unloaded. */
int fs_served_open(struct fs_served *s, uint32_t flags, struct file *f);

/* ---- devfs.c, dev_builtin.c --------------------------------------------------------------- */
void devfs_init(void);                 /* mounts /dev */
void dev_builtin_init(void);           /* /dev/null, /dev/zero, /dev/console */

/* ---- procfs.c, proc_builtin.c --------------------------------------------------------------- */
void procfs_init(void);                /* mounts /proc */

void proc_builtin_init(void);          /* /proc/meminfo, /proc/kmsg, /proc/uptime */

#endif
