/* module.c — a Linux module's life on ark: the entry points its loader calls (set THIS_MODULE up,
 * apply parameters, create /sys/module/NAME, then run init_module; the reverse at unload), module
 * references, request_module, and the sweep of what a module left registered. */
#include <linux/kmod.h>
#include "sched.h"
#include "lx_internal.h"

/* From the DKM glue (kernel/dkm): the parameters for the Linux module being loaded. */
const char *dkm_linux_args(void) __attribute__((weak));
int kmod_request(const char *name_or_alias) __attribute__((weak));
unsigned int kmod_refcount(const struct kmod *m) __attribute__((weak));
int timer_release_owned_by(struct kmod *m) __attribute__((weak));

struct lx_mod {
    struct module *mod;
    struct kmod *km;
    struct sysfs_dir *sysdir;          /* /sys/module/NAME */
    bool going;                        /* exit is running: try_module_get fails */
    struct lx_mod *next;
};

static struct lx_mod *lx_mods;

struct kmod *lx_owner(const struct module *mod, const void *obj)
{
    /* THIS_MODULE (and an ops table or object) lives in the module's memory: ownership by
     * construction; with neither, the module whose code is running (kmod_current). */
    if (!kmod_owner_for)
        return NULL;
    return kmod_owner_for((const uintptr_t[]){ (uintptr_t)mod, (uintptr_t)obj }, 2);
}

bool lx_call_owned(struct kmod *owner, uintptr_t fn, unsigned nargs, const uintptr_t *args, long *result)
{
    if (!owner || !kmod_call) {
        uintptr_t a[4] = { 0, 0, 0, 0 };
        for (unsigned i = 0; i < nargs && i < 4; i++)
            a[i] = args[i];
        *result = ((long (*)(uintptr_t, uintptr_t, uintptr_t, uintptr_t))fn)(a[0], a[1], a[2], a[3]);
        return true;
    }
    /* NO_KILL: the process that caused the call (insmod, say) gets the error, as at init. */
    return kmod_call(owner, fn, nargs, args, KMOD_CALL_NO_KILL, result) == KMOD_CALL_RETURNED;
}

long lx_call_module(const void *fn, uintptr_t arg)
{
    long result;
    (void)lx_call_owned(kmod_owner_of ? kmod_owner_of((uintptr_t)fn) : NULL, (uintptr_t)fn, 1, &arg, &result);
    return result;
}

struct kmod *lx_caller_outside_irq(void)
{
    return sched_in_interrupt() ? NULL : LX_CALLER();
}

const char *lx_owner_name(struct kmod *km)
{
    return (km && kmod_name) ? kmod_name(km) : "kernel";
}

static struct lx_mod *lx_mod_find(struct kmod *km)
{
    for (struct lx_mod *m = lx_mods; m; m = m->next)
        if (m->km == km)
            return m;
    return NULL;
}

struct module *lx_module_of(struct kmod *km)
{
    struct lx_mod *m = km ? lx_mod_find(km) : NULL;
    return m ? m->mod : NULL;
}

static void lx_mod_forget(struct lx_mod *m)
{
    struct lx_mod **pp = &lx_mods;

    if (m->sysdir)
        sysfs_dir_remove(m->sysdir);
    (void)lx_param_release_owned(m->km);
    while (*pp && *pp != m)
        pp = &(*pp)->next;
    if (*pp)
        *pp = m->next;
    m->mod->ark_owner = NULL;
    kfree(m);
}

int __ark_linux_module_enter(struct module *mod, initcall_t init)
{
    struct kmod *km = lx_owner(mod, NULL);
    struct sysfs_dir *modules;
    struct lx_mod *m;
    int rc;

    if (!km) {
        printk(KERN_ERR "linux: struct module at %p belongs to no loading module\n", (void *)mod);
        return -EINVAL;
    }
    m = kzalloc(sizeof(*m), GFP_KERNEL);
    if (!m)
        return -ENOMEM;
    strscpy(mod->name, kmod_name(km), sizeof(mod->name));
    mod->ark_owner = km;
    m->mod = mod;
    m->km = km;
    m->next = lx_mods;
    lx_mods = m;

    rc = lx_params_apply(mod, dkm_linux_args ? dkm_linux_args() : NULL);
    if (rc)
        goto fail;
    modules = sysfs_dir_find(NULL, "module");
    if (modules) {
        rc = sysfs_dir_create(modules, mod->name, km, &m->sysdir);
        if (rc == 0)
            rc = lx_params_sysfs_add(mod, m->sysdir, km);
        if (rc)
            goto fail;
    }
    rc = init ? init() : 0;
    if (rc > 0) {
        printk(KERN_WARNING "%s: init returned %d, which is not 0 or -errno; taken as success\n",
               mod->name, rc);
        rc = 0;
    }
    if (rc)
        goto fail;
    return 0;
fail:
    lx_mod_forget(m);
    return rc;
}
KERNEL_EXPORT(__ark_linux_module_enter);

void __ark_linux_module_leave(struct module *mod, exitcall_t exit)
{
    struct kmod *km = lx_owner(mod, NULL);
    struct lx_mod *m = km ? lx_mod_find(km) : NULL;

    if (m)
        m->going = true;
    if (exit)
        exit();
    if (m)
        lx_mod_forget(m);
}
KERNEL_EXPORT(__ark_linux_module_leave);

bool try_module_get(struct module *mod)
{
    struct kmod *km;
    struct lx_mod *m;

    if (!mod)
        return true;
    km = lx_owner(mod, NULL);
    m = km ? lx_mod_find(km) : NULL;
    if (!m || m->going)
        return false;
    kmod_get(km);
    return true;
}
KERNEL_EXPORT(try_module_get);

void __module_get(struct module *mod)
{
    struct kmod *km = mod ? lx_owner(mod, NULL) : NULL;

    if (km)
        kmod_get(km);
}
KERNEL_EXPORT(__module_get);

void module_put(struct module *mod)
{
    struct kmod *km = mod ? lx_owner(mod, NULL) : NULL;

    if (km)
        kmod_put(km);
}
KERNEL_EXPORT(module_put);

unsigned int module_refcount(struct module *mod)
{
    struct kmod *km = mod ? lx_owner(mod, NULL) : NULL;

    return (km && kmod_refcount) ? kmod_refcount(km) : 0;
}
KERNEL_EXPORT(module_refcount);

int __request_module(bool wait, const char *fmt, ...)
{
    char name[64];
    va_list ap;
    int n;

    (void)wait;                        /* loading is synchronous on ark */
    va_start(ap, fmt);
    n = vsnprintf(name, sizeof(name), fmt, ap);
    va_end(ap);
    if (n <= 0 || (size_t)n >= sizeof(name))
        return -ENAMETOOLONG;
    if (!kmod_request)
        return -ENOSYS;
    return kmod_request(name);
}
KERNEL_EXPORT(__request_module);

/* Called by the DKM glue when module m goes (or its init failed): every Linux object it still
 * has registered is removed, with a warning each. */
int linux_release_owned_by(struct kmod *km)
{
    struct lx_mod *m = lx_mod_find(km);
    int removed = 0;

    /* What makes the module's code run goes first: interrupt handlers, kthreads, timers (which
     * may queue work), then the work queues, flushed before they are freed; the items that run
     * in that flush may no longer arm the module's timers (lx_timers_gone). */
    removed += lx_irq_release_owned(km);
    removed += lx_gpio_release_owned(km);
    removed += lx_kthread_release_owned(km);
    if (timer_release_owned_by)
        removed += timer_release_owned_by(km);
    removed += lx_rcu_release_owned(km);     /* before the memory sweeps: kfree_rcu objects */
    removed += lx_notifier_release_owned(km);
    lx_timers_gone = km;
    removed += lx_workqueue_release_owned(km);
    lx_timers_gone = NULL;
    removed += lx_proc_release_owned(km);
    removed += lx_platform_release_owned(km);
    removed += lx_input_release_owned(km);   /* after managed ones; before devices and classes */
    removed += lx_dma_release_owned(km);     /* after the platform sweep, which frees managed ones */
    removed += lx_pages_release_owned(km);
    removed += lx_misc_release_owned(km);
    removed += lx_debugfs_release_owned(km);
    removed += lx_class_release_owned(km);
    removed += lx_chrdev_release_owned(km);
    removed += lx_kobject_release_owned(km);
    removed += lx_slab_release_owned(km);
    if (m)
        lx_mod_forget(m);
    return removed;
}
