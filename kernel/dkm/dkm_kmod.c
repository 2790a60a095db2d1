/* dkm_kmod.c — the kernel's record of each loaded module (struct kmod): the module list and its
 * iteration, which module owns a code address, holds taken by open files, the sweep of objects a
 * module left registered, the debugger's module list, and module symbols for backtraces. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "dkm_internal.h"
#include "taint.h"
#include "mm.h"

/* Subsystems release what a module left behind. Declared weak so a kernel built without one of
 * them still links; kmod_check_release_hooks reports any that are missing. */
int devfs_release_owned_by(struct kmod *m) __attribute__((weak));
int procfs_release_owned_by(struct kmod *m) __attribute__((weak));
int timer_release_owned_by(struct kmod *m) __attribute__((weak));
int irq_release_owned_by(struct kmod *m) __attribute__((weak));
int kthread_release_owned_by(struct kmod *m) __attribute__((weak));
int work_release_owned_by(struct kmod *m) __attribute__((weak));
int sysfs_release_owned_by(struct kmod *m) __attribute__((weak));
int linux_release_owned_by(struct kmod *m) __attribute__((weak));

static struct kmod *kmod_list_head, *kmod_list_tail;
static struct kmod *loading_kmod;     /* record of the module being loaded */
static const char *loading_path;
static bool loading_active;

struct dkm_debug_module *volatile dkm_debug_modules;
volatile uint32_t dkm_debug_generation;

/* A debugger (gdb's ark-symbols) may break here: called when a module's sections are final, just
 * before its code first runs, and after each unload. */
void __attribute__((noinline, used)) dkm_debug_changed(struct dkm_debug_module *m)
{
    __asm__ volatile("" : : "r"(m) : "memory");
}

/* ---- records ---- */

struct kmod *kmod_create(struct dkm_module *mod, const char *path)
{
    struct kmod *km = kzalloc(sizeof *km);
    if (!km)
        return NULL;
    size_t len = strlen(path ? path : "") + 1;
    km->path = kmalloc(len);
    if (!km->path) {
        kfree(km);
        return NULL;
    }
    memcpy(km->path, path ? path : "", len);
    km->mod = mod;
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    strlcpy(km->name, info.name ? info.name : "?", sizeof km->name);
    /* libdkm forgets the module before freeing its memory, so the unload's sweep cannot ask it
     * which module an address is in: remember the span now. */
    const char *sname;
    uintptr_t saddr;
    size_t ssize;
    km->mem_lo = UINTPTR_MAX;
    for (unsigned i = 0; dkm_module_section(mod, i, &sname, &saddr, &ssize) == 0; i++) {
        if (!saddr)
            continue;
        if (saddr < km->mem_lo)
            km->mem_lo = saddr;
        if (saddr + ssize > km->mem_hi)
            km->mem_hi = saddr + ssize;
    }
    if (km->mem_lo > km->mem_hi)
        km->mem_lo = km->mem_hi = 0;
    km->debug.name = km->name;
    km->debug.path = km->path;
    return km;
}

void kmod_destroy(struct kmod *km)
{
    if (!km)
        return;
    kmod_debug_detach(km);
    kfree(km->path);
    kfree(km);
}

void kmod_publish(struct kmod *km)
{
    km->next = NULL;
    if (kmod_list_tail)
        kmod_list_tail->next = km;
    else
        kmod_list_head = km;
    kmod_list_tail = km;
    km->live = true;
}

void kmod_unpublish(struct kmod *km)
{
    struct kmod *prev = NULL;
    for (struct kmod *k = kmod_list_head; k; prev = k, k = k->next) {
        if (k != km)
            continue;
        if (prev)
            prev->next = k->next;
        else
            kmod_list_head = k->next;
        if (kmod_list_tail == k)
            kmod_list_tail = prev;
        break;
    }
    km->live = false;
    kmod_debug_detach(km);
}

struct kmod *dkm_module_first(void) { return kmod_list_head; }
struct kmod *dkm_module_next(const struct kmod *m) { return m ? m->next : NULL; }

/* Module names compare with '-' and '_' alike, as for Linux's rmmod: hello-1 is hello_1. */
static bool kmod_name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

struct kmod *dkm_module_find(const char *name)
{
    for (struct kmod *k = kmod_list_head; k; k = k->next)
        if (strcmp(k->name, name) == 0)
            return k;
    for (struct kmod *k = kmod_list_head; k; k = k->next)
        if (kmod_name_eq(k->name, name))
            return k;
    return NULL;
}

struct kmod *kmod_of_dkm(struct dkm_module *mod)
{
    for (struct kmod *k = kmod_list_head; k; k = k->next)
        if (k->mod == mod)
            return k;
    if (loading_kmod && loading_kmod->mod == mod)
        return loading_kmod;
    return NULL;
}

void kmod_loading_begin(const char *path)
{
    loading_active = true;
    loading_path = path;
    loading_kmod = NULL;
}

struct kmod *kmod_loading(void) { return loading_active ? loading_kmod : NULL; }

void kmod_loading_save(struct kmod_loading_state *saved)
{
    saved->km = loading_kmod;
    saved->path = loading_path;
    saved->active = loading_active;
}

void kmod_loading_restore(const struct kmod_loading_state *saved)
{
    loading_kmod = saved->km;
    loading_path = saved->path;
    loading_active = saved->active;
}

struct kmod *kmod_loading_end(void)
{
    struct kmod *km = loading_kmod;
    loading_active = false;
    loading_kmod = NULL;
    loading_path = NULL;
    return km;
}

/* ---- kmod.h ---- */

struct kmod *kmod_owner_of(uintptr_t code_addr)
{
    if (!dkm_loader || code_addr < MODULE_AREA_BASE || code_addr >= MODULE_AREA_END)
        return NULL;
    struct dkm_module *mod = NULL;
    const char *sym = NULL;
    uintptr_t off = 0;
    if (dkm_addr_lookup(dkm_loader, code_addr, &mod, &sym, &off) != 0 || !mod)
        return NULL;
    struct kmod *km = kmod_of_dkm(mod);
    if (!km && loading_active && !loading_kmod)
        km = kmod_loading_adopt(mod);
    return km;
}

/* The module being loaded is about to run its first code (constructors, init): give it its
 * record now, so what it registers is attributed to it, and show it to a debugger with its
 * init sections, so a breakpoint on its init function can hit. */
struct kmod *kmod_loading_adopt(struct dkm_module *mod)
{
    if (!loading_active || loading_kmod)
        return loading_kmod;
    struct kmod *km = kmod_create(mod, loading_path);
    if (km) {
        loading_kmod = km;
        kmod_debug_attach(km);
    }
    return km;
}

void kmod_get(struct kmod *m)
{
    if (!m || !m->mod)
        return;
    m->holds++;
    dkm_module_get(m->mod);
}

bool kmod_try_get(struct kmod *m)
{
    if (!m)
        return true;
    if (m->going || !m->mod)
        return false;
    kmod_get(m);
    return true;
}

bool kmod_contains(const struct kmod *m, uintptr_t addr)
{
    return m && addr >= m->mem_lo && addr < m->mem_hi;
}

void kmod_put(struct kmod *m)
{
    if (!m || !m->mod || m->holds == 0)
        return;
    m->holds--;
    dkm_module_put(m->mod);
}

const char *kmod_name(const struct kmod *m) { return m ? m->name : "kernel"; }

unsigned int kmod_refcount(const struct kmod *m)
{
    if (!m || !m->mod)
        return 0;
    struct dkm_module_info info;
    dkm_module_info(m->mod, &info);
    return info.refcount;
}

/* ---- leftovers ---- */

void kmod_check_release_hooks(void)
{
    static const char *const what[4] = { "devices", "/proc entries", "timers", "IRQ handlers" };
    bool present[4] = { devfs_release_owned_by != NULL, procfs_release_owned_by != NULL,
                        timer_release_owned_by != NULL, irq_release_owned_by != NULL };
    for (unsigned i = 0; i < 4; i++)
        if (!present[i])
            printk(KERN_WARNING "dkm: kernel has no release hook for %s: what a module's exit "
                   "leaves registered cannot be removed\n", what[i]);
}

int kmod_sweep(struct kmod *km)
{
    int removed = 0;
    km->swept = true;
    /* Sources of new activity go first (timers and interrupts queue work, wake threads), then
     * the module's threads, then its work items (which threads may have queued), and last the
     * files through which nothing can reach the module any more.
     * The Linux layer goes before them all: its objects sit on top of the /dev, /proc and
     * /sys entries. */
    if (linux_release_owned_by)
        removed += linux_release_owned_by(km);
    if (timer_release_owned_by)
        removed += timer_release_owned_by(km);
    if (irq_release_owned_by)
        removed += irq_release_owned_by(km);
    if (kthread_release_owned_by)
        removed += kthread_release_owned_by(km);
    if (work_release_owned_by)
        removed += work_release_owned_by(km);
    if (sysfs_release_owned_by)
        removed += sysfs_release_owned_by(km);
    if (devfs_release_owned_by)
        removed += devfs_release_owned_by(km);
    if (procfs_release_owned_by)
        removed += procfs_release_owned_by(km);
    if (removed > 0) {
        taint_add(TAINT_WARN);    /* a module bug the kernel cleaned up after: W */
        printk(KERN_WARNING "dkm: %s: removed %d object%s the module left registered\n", km->name,
               removed, removed == 1 ? "" : "s");
    }
    return removed;
}

/* ---- debugger list ---- */

void kmod_debug_attach(struct kmod *km)
{
    if (km->debug.sections)
        return;
    const char *name;
    uintptr_t addr;
    size_t size;
    uint32_t n = 0;
    while (dkm_module_section(km->mod, n, &name, &addr, &size) == 0)
        n++;   /* an upper bound: empty sections (address 0) are left out below */
    if (n) {
        km->debug.sections = kzalloc(n * sizeof *km->debug.sections);
        if (!km->debug.sections)
            n = 0;
    }
    for (uint32_t i = 0, used = 0; i < n; i++) {
        if (dkm_module_section(km->mod, i, &name, &addr, &size) != 0)
            break;
        if (addr == 0)
            continue;
        km->debug.sections[used].name = name;   /* libdkm's copy lives as long as the module */
        km->debug.sections[used].addr = addr;
        km->debug.sections[used].size = (uint32_t)size;
        km->debug.nsections = ++used;
    }
    struct dkm_debug_module **pp = (struct dkm_debug_module **)&dkm_debug_modules;
    while (*pp)
        pp = &(*pp)->next;
    km->debug.next = NULL;
    *pp = &km->debug;
    dkm_debug_generation++;
    dkm_debug_changed(&km->debug);
}

void kmod_debug_detach(struct kmod *km)
{
    struct dkm_debug_module **pp = (struct dkm_debug_module **)&dkm_debug_modules;
    while (*pp && *pp != &km->debug)
        pp = &(*pp)->next;
    if (*pp) {
        *pp = km->debug.next;
        dkm_debug_generation++;
        dkm_debug_changed(NULL);
    }
    kfree(km->debug.sections);
    km->debug.sections = NULL;
    km->debug.nsections = 0;
}

/* ---- backtraces ---- */

/* "symbol+0xoff [module]" for an address inside a module (looked up at lookup: see
 * ksym_resolver_t); used by panic and oops reports. Allocates nothing, so it is safe from a fault
 * handler. */
int kmod_ksym_resolve(uintptr_t addr, uintptr_t lookup, char *buf, size_t len)
{
    if (!dkm_loader || lookup < MODULE_AREA_BASE || lookup >= MODULE_AREA_END)
        return -ENOENT;
    struct dkm_module *mod = NULL;
    const char *sym = NULL;
    uintptr_t off = 0;
    if (dkm_addr_lookup(dkm_loader, lookup, &mod, &sym, &off) != 0 || !mod)
        return -ENOENT;
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    off += addr - lookup;
    if (sym)
        snprintf(buf, len, "%s+0x%x [%s]", sym, (unsigned)off, info.name);
    else
        snprintf(buf, len, "%p [%s]", (void *)addr, info.name);
    return 0;
}

/* The module record whose memory holds addr, without creating one (safe in a fault handler). */
struct kmod *kmod_at(uintptr_t addr)
{
    if (!dkm_loader || addr < MODULE_AREA_BASE || addr >= MODULE_AREA_END)
        return NULL;
    struct dkm_module *mod = NULL;
    if (dkm_addr_lookup(dkm_loader, addr, &mod, NULL, NULL) != 0 || !mod)
        return NULL;
    return kmod_of_dkm(mod);
}
