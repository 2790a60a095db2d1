/* dkm_syscall.c — SYS_DKM_LOAD, UNLOAD, LIST, INFO and LASTERR: root only, every user pointer
 * checked, and the human-readable reason of each process's last failure kept for LASTERR so that
 * strapper can print the loader's own words. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "dkm_internal.h"
#include "taint.h"
#include "kapi.h"
#include "kptr.h"

#define DKM_PATH_MAX 256
#define DKM_ARGS_MAX 4096
#define LASTERR_SLOTS 32

/* The last failure of recently failing processes, replaced oldest first. Processes read it right
 * after the failing call, so a small table suffices and nothing needs freeing at process exit. */
static struct {
    ark_pid_t pid;
    bool used;
    char msg[DKM_ERRMSG_MAX * 2];      /* as dkm_last_error: the reason and a hint */
} lasterr[LASTERR_SLOTS];
static unsigned lasterr_next;

static long fail(long rc, const char *msg)
{
    ark_pid_t pid = current_pid();
    unsigned slot = LASTERR_SLOTS;
    for (unsigned i = 0; i < LASTERR_SLOTS; i++)
        if (lasterr[i].used && lasterr[i].pid == pid)
            slot = i;
    if (slot == LASTERR_SLOTS)
        slot = lasterr_next++ % LASTERR_SLOTS;
    lasterr[slot].pid = pid;
    lasterr[slot].used = true;
    strlcpy(lasterr[slot].msg, msg, sizeof lasterr[slot].msg);
    return rc;
}

static long check_root(void)
{
    if (current_uid() != 0)
        return fail(-EPERM, "permission denied (only root may load or unload modules)");
    return 0;
}

static long copy_string_in(char *dst, uint32_t user_src, size_t max, const char *what)
{
    long n = strncpy_from_user(dst, (const char *)(uintptr_t)user_src, max);
    if (n == -EFAULT)
        return fail(-EFAULT, "bad address");
    if (n == -ENAMETOOLONG) {
        char msg[64];
        snprintf(msg, sizeof msg, "%s too long (limit %zu bytes)", what, max - 1);
        return fail(-ENAMETOOLONG, msg);
    }
    if (n < 0)
        return fail(n, "bad argument");
    return n;
}

/* The start of every call that names a module or file: root only, then the name copied in. */
static long root_string_in(char *dst, uint32_t user_src, size_t max, const char *what)
{
    long rc = check_root();
    if (rc < 0)
        return rc;
    return copy_string_in(dst, user_src, max, what);
}

static long sys_dkm_load(uint32_t upath, uint32_t uargs, uint32_t a3, uint32_t a4, uint32_t a5)
{
    (void)a4; (void)a5;
    char path[DKM_PATH_MAX];
    if (a3 & ~(uint32_t)ARK_DKM_LOAD_FORCE)
        return fail(-EINVAL, "unknown load flags");
    long rc = root_string_in(path, upath, sizeof path, "path");
    if (rc < 0)
        return rc;
    char *args = NULL;
    if (uargs) {
        args = kmalloc(DKM_ARGS_MAX);
        if (!args)
            return fail(-ENOMEM, "out of memory");
        rc = copy_string_in(args, uargs, DKM_ARGS_MAX, "parameter string");
        if (rc < 0) {
            kfree(args);
            return rc;
        }
    }
    rc = dkm_load_forced(path, args, (a3 & ARK_DKM_LOAD_FORCE) != 0);
    kfree(args);
    return rc < 0 ? fail(rc, dkm_last_error()) : 0;
}

static long sys_dkm_unload(uint32_t uname, uint32_t flags, uint32_t a3, uint32_t a4, uint32_t a5)
{
    (void)a3; (void)a4; (void)a5;
    char name[ARK_DKM_NAME_MAX];
    long rc = root_string_in(name, uname, sizeof name, "module name");
    if (rc < 0)
        return rc;
    if (flags & ~(uint32_t)ARK_DKM_FORCE)
        return fail(-EINVAL, "unknown unload flags");
    rc = dkm_unload_module(name, flags);
    return rc < 0 ? fail(rc, dkm_last_error()) : 0;
}

static void record_of(struct kmod *km, struct ark_dkm_record *r)
{
    struct dkm_module_info info;
    dkm_module_info(km->mod, &info);
    memset(r, 0, sizeof *r);
    strlcpy(r->name, km->name, sizeof r->name);
    strlcpy(r->version, info.version ? info.version : "", sizeof r->version);
    r->size = (uint32_t)info.size;
    r->refcount = info.refcount;
    r->state = km->faulted ? ARK_DKM_STATE_FAULTED : (uint32_t)info.state;
    /* Addresses only for root, like Linux's kptr_restrict. */
    r->address = (uint32_t)(uintptr_t)kptr_for_caller((const void *)info.base);
    taint_letters(km->trust.taint, r->taint, sizeof r->taint);
    size_t used = 0;
    for (unsigned i = 0; i < info.nusers; i++) {
        const char *user = dkm_user_name(km, i);
        if (!user)
            break;
        size_t len = strlen(user);
        if (used + len + 2 > sizeof r->users)
            break;
        if (used)
            r->users[used++] = ',';
        memcpy(r->users + used, user, len + 1);
        used += len;
    }
}

/* Any user may list modules (lsmod), as on Linux; only root sees their addresses. */
static long sys_dkm_list(uint32_t ubuf, uint32_t max, uint32_t a3, uint32_t a4, uint32_t a5)
{
    (void)a3; (void)a4; (void)a5;
    if (max > 0x10000u)
        max = 0x10000u;
    struct ark_dkm_record *out = (struct ark_dkm_record *)(uintptr_t)ubuf;
    if (max && !user_access_ok(out, max * sizeof *out, true))
        return fail(-EFAULT, "bad address");
    uint32_t n = 0;
    for (struct kmod *km = dkm_module_first(); km; km = dkm_module_next(km), n++) {
        if (n >= max)
            continue;
        struct ark_dkm_record r;
        record_of(km, &r);
        if (copy_to_user(&out[n], &r, sizeof r) < 0)
            return fail(-EFAULT, "bad address");
    }
    return (long)n;
}

/* "key=value\0" entries: the module's .modinfo, then its state and parameters' current values. */
static size_t info_format(struct kmod *km, char *buf, size_t size)
{
    size_t used = 0;
#define INFO_ADD(...)                                                                       \
    do {                                                                                    \
        int n_ = snprintf(buf && size > used ? buf + used : NULL,                         \
                          size > used ? size - used : 0, __VA_ARGS__);                      \
        if (n_ >= 0)                                                                        \
            used += (size_t)n_ + 1;                                                         \
    } while (0)
    for (const char *e = dkm_modinfo_next(km->mod, NULL); e; e = dkm_modinfo_next(km->mod, e))
        INFO_ADD("%s", e);
    struct dkm_module_info info;
    dkm_module_info(km->mod, &info);
    INFO_ADD("state=%s", km->faulted ? "Faulted" : dkm_state_name(info.state));
    if (km->faulted)
        INFO_ADD("fault=%s", km->fault);
    INFO_ADD("refcount=%u", info.refcount);
    INFO_ADD("size=%zu", info.size);
    INFO_ADD("address=%p", kptr_for_caller((const void *)info.base));
    INFO_ADD("filename=%s", km->path);
    char taint[24];
    taint_letters(km->trust.taint, taint, sizeof taint);
    if (taint[0])
        INFO_ADD("taint=%s", taint);
    INFO_ADD("signature=%s", trust_status_name(km->trust.status));
    if (km->trust.status != TRUST_SIG_UNSIGNED) {
        char id[2 * DKM_SIG_KEY_ID_SIZE + 1];
        trust_key_id_hex(km->trust.key_id, id);
        INFO_ADD("sig_key=%s", id);
        INFO_ADD("sig_algo=%s", dkm_sig_algorithm_name(km->trust.algorithm));
    }
    unsigned np = dkm_param_count(km->mod);
    for (unsigned i = 0; i < np; i++) {
        const char *name = NULL, *type = NULL;
        char value[200];
        if (dkm_param_get(km->mod, i, &name, &type, value, sizeof value) == 0 && name)
            INFO_ADD("parmvalue=%s:%s", name, value);
    }
#undef INFO_ADD
    return used;
}

static long sys_dkm_info(uint32_t uname, uint32_t ubuf, uint32_t size, uint32_t a4, uint32_t a5)
{
    (void)a4; (void)a5;
    char name[ARK_DKM_NAME_MAX];
    long rc = copy_string_in(name, uname, sizeof name, "module name");   /* any user: modinfo */
    if (rc < 0)
        return rc;
    if (size && !user_access_ok((void *)(uintptr_t)ubuf, size, true))
        return fail(-EFAULT, "bad address");
    struct kmod *km = dkm_module_find(name);
    if (!km) {
        char msg[96];
        snprintf(msg, sizeof msg, "module '%s' is not loaded", name);
        return fail(-ENOENT, msg);
    }
    size_t need = info_format(km, NULL, 0);
    char *tmp = kmalloc(need + 1);
    if (!tmp)
        return fail(-ENOMEM, "out of memory");
    info_format(km, tmp, need + 1);
    size_t n = need < size ? need : size;
    rc = n ? copy_to_user((void *)(uintptr_t)ubuf, tmp, n) : 0;
    kfree(tmp);
    if (rc < 0)
        return fail(-EFAULT, "bad address");
    return (long)need;
}

static long sys_dkm_lasterr(uint32_t ubuf, uint32_t size, uint32_t a3, uint32_t a4, uint32_t a5)
{
    (void)a3; (void)a4; (void)a5;
    if (size && !user_access_ok((void *)(uintptr_t)ubuf, size, true))
        return -EFAULT;
    const char *msg = "";
    ark_pid_t pid = current_pid();
    for (unsigned i = 0; i < LASTERR_SLOTS; i++)
        if (lasterr[i].used && lasterr[i].pid == pid)
            msg = lasterr[i].msg;
    size_t len = strlen(msg);
    if (size == 0)
        return (long)len;
    size_t n = len < size - 1 ? len : size - 1;
    char tmp[DKM_ERRMSG_MAX];
    memcpy(tmp, msg, n);
    tmp[n] = '\0';
    if (copy_to_user((void *)(uintptr_t)ubuf, tmp, n + 1) < 0)
        return -EFAULT;
    return (long)len;
}

void dkm_syscall_init(void)
{
    static const struct { unsigned nr; syscall_handler_t fn; } calls[] = {
        { SYS_DKM_LOAD, sys_dkm_load },     { SYS_DKM_UNLOAD, sys_dkm_unload },
        { SYS_DKM_LIST, sys_dkm_list },     { SYS_DKM_INFO, sys_dkm_info },
        { SYS_DKM_LASTERR, sys_dkm_lasterr },
    };
    for (unsigned i = 0; i < ARK_ARRAY_SIZE(calls); i++) {
        int rc = syscall_register(calls[i].nr, calls[i].fn);
        if (rc < 0)
            printk(KERN_ERR "dkm: cannot register system call %u (%d)\n", calls[i].nr, rc);
    }
}
