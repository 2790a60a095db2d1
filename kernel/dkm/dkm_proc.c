/* dkm_proc.c — module state under /proc: /proc/modules (Linux's format), the lockdown switch
 * /proc/sys/dkm/disabled, each module's parameters under /proc/dkm/NAME/parameters/, and the
 * DkmTotal/DkmUsed lines of /proc/meminfo. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/proc.h"
#include "dkm_internal.h"
#include "kapi.h"
#include "kptr.h"
#include "taint.h"
#include "vfs.h"

/* One parameter file. It names its module rather than pointing at it, so nothing it does can
 * touch a module that is gone. */
struct dkm_param_file {
    struct dkm_param_file *next;
    char module[ARK_DKM_NAME_MAX];
    char param[ARK_DKM_NAME_MAX];
    char path[ARK_DKM_NAME_MAX * 2 + 24];
};

const char *dkm_state_name(int state)
{
    switch (state) {
    case DKM_STATE_LIVE:   return "Live";
    case DKM_STATE_COMING: return "Loading";
    case DKM_STATE_GOING:  return "Unloading";
    default:               return "Unknown";
    }
}

const char *dkm_user_name(const struct kmod *km, unsigned i)
{
    struct dkm_module *u = dkm_module_user(km->mod, i);
    struct dkm_module_info ui;
    if (!u)
        return NULL;
    dkm_module_info(u, &ui);
    return ui.name;
}

static int modules_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    for (struct kmod *km = dkm_module_first(); km; km = dkm_module_next(km)) {
        struct dkm_module_info info;
        dkm_module_info(km->mod, &info);
        seq_printf(s, "%s %zu %u ", km->name, info.size, info.refcount);
        if (info.nusers == 0)
            seq_printf(s, "-");
        for (unsigned i = 0; i < info.nusers; i++) {
            const char *user = dkm_user_name(km, i);
            if (!user)
                break;
            seq_printf(s, "%s%s", i ? "," : "", user);
        }
        /* Addresses only for whom kptr_restrict allows (root by default): they help an attacker. */
        seq_printf(s, " %s %p", km->faulted ? "Faulted" : dkm_state_name(info.state),
                   kptr_for_caller((const void *)info.base));
        char taint[24];
        taint_letters(km->trust.taint, taint, sizeof taint);
        seq_printf(s, taint[0] ? " (%s)\n" : "\n", taint);
    }
    return 0;
}

static int disabled_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    seq_printf(s, "%d\n", dkm_locked_down() ? 1 : 0);
    return 0;
}

/* Writing 1 locks module loading down until reboot; writing 0 afterwards is refused. */
static long disabled_write(void *priv, const char *buf, uint32_t len)
{
    (void)priv;
    if (current_uid() != 0)
        return -EPERM;
    uint32_t i = 0;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
        i++;
    if (i >= len)
        return -EINVAL;
    uint32_t end = i + 1;
    while (end < len && (buf[end] == '\n' || buf[end] == ' ' || buf[end] == '\r'))
        end++;
    if (end != len || (buf[i] != '0' && buf[i] != '1'))
        return -EINVAL;
    if (buf[i] == '1')
        dkm_lockdown();
    else if (dkm_locked_down())
        return -EPERM;
    return (long)len;
}

static int param_show(struct ark_seq *s, void *priv)
{
    struct dkm_param_file *pf = priv;
    struct kmod *km = dkm_module_find(pf->module);
    if (!km || km->going || !km->mod)
        return -ENOENT;
    unsigned n = dkm_param_count(km->mod);
    for (unsigned i = 0; i < n; i++) {
        const char *name, *type;
        char value[256];
        if (dkm_param_get(km->mod, i, &name, &type, value, sizeof value) != 0)
            continue;
        if (strcmp(name, pf->param) == 0) {
            seq_printf(s, "%s\n", value);
            return 0;
        }
    }
    return -ENOENT;
}

static long param_write(void *priv, const char *buf, uint32_t len)
{
    struct dkm_param_file *pf = priv;
    if (current_uid() != 0)
        return -EPERM;
    if (dkm_locked_down())
        return -EPERM;
    struct kmod *km = dkm_module_find(pf->module);
    if (!km || km->going || !km->mod)
        return -ENOENT;
    char value[256];
    uint32_t n = len < sizeof value - 1 ? len : sizeof value - 1;
    memcpy(value, buf, n);
    while (n > 0 && (value[n - 1] == '\n' || value[n - 1] == '\r'))
        n--;
    value[n] = '\0';
    struct dkm_error err = { .code = 0 };
    int rc = dkm_param_set(km->mod, pf->param, value, &err);
    if (rc < 0) {
        printk(KERN_WARNING "%s\n", err.msg);
        return -dkm_errno(rc);
    }
    return (long)len;
}

void dkm_proc_add_params(struct kmod *km)
{
    unsigned n = dkm_param_count(km->mod);
    for (unsigned i = 0; i < n; i++) {
        const char *name = NULL, *type = NULL;
        char value[256];
        dkm_param_get(km->mod, i, &name, &type, value, sizeof value);
        if (!name)
            continue;
        struct dkm_param_file *pf = kzalloc(sizeof *pf);
        if (!pf)
            break;
        strlcpy(pf->module, km->name, sizeof pf->module);
        strlcpy(pf->param, name, sizeof pf->param);
        snprintf(pf->path, sizeof pf->path, "dkm/%s/parameters/%s", km->name, name);
        int rc = proc_create_mode(pf->path, param_show, param_write, pf, 0, 0, 0644);
        if (rc < 0) {
            printk(KERN_WARNING "dkm: %s: cannot create /proc/%s (%d)\n", km->name, pf->path, rc);
            kfree(pf);
            continue;
        }
        pf->next = km->params;
        km->params = pf;
    }
}

/* The files go with the module even if one is open: they are the kernel's (their callbacks look
 * the module up by name), so a reader left with an open file just gets nothing more from it, and
 * the next load of the module can create them again. */
void dkm_proc_remove_params(struct kmod *km)
{
    while (km->params) {
        struct dkm_param_file *pf = km->params;
        km->params = pf->next;
        int rc = proc_revoke(pf->path);
        if (rc == 1)
            printk(KERN_WARNING "dkm: %s: /proc/%s was open; removed (the open file reads "
                   "nothing more)\n", km->name, pf->path);
        else if (rc < 0 && rc != -ENOENT)
            printk(KERN_WARNING "dkm: %s: cannot remove /proc/%s (%d)\n", km->name, pf->path, rc);
        kfree(pf);
    }
}

void dkm_meminfo_show(struct ark_seq *s)
{
    struct dkm_stats st = { 0 };
    if (dkm_loader)
        dkm_stats(dkm_loader, &st);
    seq_printf(s, "DkmTotal:       %10zu\n", dkm_mem_total_bytes());
    seq_printf(s, "DkmUsed:        %10zu\n", dkm_mem_used_bytes());
    seq_printf(s, "DkmMeta:        %10zu\n", st.meta_bytes);
}

void dkm_proc_init(void)
{
    int rc = proc_create("modules", modules_show, NULL, NULL);
    if (rc < 0)
        printk(KERN_ERR "dkm: cannot create /proc/modules (%d)\n", rc);
    rc = proc_create("sys/dkm/disabled", disabled_show, disabled_write, NULL);
    if (rc < 0)
        printk(KERN_ERR "dkm: cannot create /proc/sys/dkm/disabled (%d)\n", rc);
}
