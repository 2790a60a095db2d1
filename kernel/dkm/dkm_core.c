/* dkm_core.c — the kernel's libdkm instance: its port (module memory, kmalloc bookkeeping, printk
 * logging), the kernel's export table, dkm_load/dkm_unload_module with their dmesg lines and load-time
 * measurement, lockdown, and start-up (including dkm.load= on the command line).
 * Concurrency: dkm_lock, a sleeping mutex, orders every load and unload (and so every change to
 * libdkm's lists, the export table, the module records and the error message); a second load of a
 * module waits for the first and then finds it loaded. Module init and exit may sleep; other
 * threads then see the module COMING (not yet listed) or GOING (listed, refusing new opens). An
 * init that loads another module does so nested, on its own thread (dkm_load_nested). */
#include "ark/abi.h"
#include "ark/errno.h"
#include "ark/init_api.h"
#include "ark/irq.h"
#include "ark/kernel.h"
#include "dkm_internal.h"
#include "export.h"
#include "boot.h"
#include "kapi.h"
#include "mm.h"
#include "sched.h"
#include "klog.h"
#include "ark/arklib.h"
#include "vfs.h"
#include "taint.h"

struct dkm_loader *dkm_loader;
static bool dkm_lockdown_on;
static char dkm_error_msg[DKM_ERRMSG_MAX * 2];    /* room for a hint after the reason */
static struct kmod *unloading;      /* module whose memory is about to be freed by dkm_unload */
static struct ark_mutex dkm_lock = ARK_MUTEX_INIT(dkm_lock);
static size_t failed_alloc_size;    /* the module-memory request that failed, for the message */
static size_t failed_meta_size;     /* likewise for the module's bookkeeping on the heap */
static bool failed_wx;              /* region_protect refused writable+executable memory (W^X) */

/* ---- errors ---- */

void dkm_set_error(int err, const char *fmt, ...)
{
    (void)err;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dkm_error_msg, sizeof dkm_error_msg, fmt, ap);
    va_end(ap);
}

/* libdkm messages read "dkm: NAME: what was wrong"; callers that already name the module (strapper
 * prints "strapper: load PATH: ...") want only what was wrong. */
void dkm_set_error_from(const struct dkm_error *e)
{
    const char *m = e->msg;
    if (strncmp(m, "dkm: ", 5) == 0)
        m += 5;
    const char *colon = m;
    while (*colon && *colon != ' ' && !(colon[0] == ':' && colon[1] == ' '))
        colon++;
    if (colon[0] == ':' && colon[1] == ' ' && colon != m)
        m = colon + 2;
    strlcpy(dkm_error_msg, m, sizeof dkm_error_msg);
}

const char *dkm_last_error(void) { return dkm_error_msg; }

void dkm_error_append(const char *fmt, ...)
{
    size_t used = strlen(dkm_error_msg);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dkm_error_msg + used, sizeof dkm_error_msg - used, fmt, ap);
    va_end(ap);
}

void dkm_lockdown(void)
{
    if (!dkm_lockdown_on)
        printk(KERN_NOTICE "dkm: module loading and unloading disabled until reboot\n");
    dkm_lockdown_on = true;
}
bool dkm_locked_down(void) { return dkm_lockdown_on; }

/* ---- time ---- */

/* The TSC rate, measured once at start-up against the PIT's channel 2 (the speaker channel, which
 * the kernel's tick does not use) so it works whether or not interrupts are enabled: 10 ms. */
static uint64_t tsc_khz;

static void dkm_calibrate_tsc(void)
{
    const uint16_t latch = 11932;                /* 10 ms at 1.193182 MHz */
    uint8_t gate = inb(0x61);
    outb(0x61, (uint8_t)((gate & ~0x02) | 0x01)); /* channel 2 gate on, speaker off */
    outb(0x43, 0xB0);                            /* channel 2, lo/hi byte, mode 0 */
    outb(0x42, latch & 0xff);
    outb(0x42, latch >> 8);
    uint64_t t0 = rdtsc();
    for (uint32_t guard = 0; !(inb(0x61) & 0x20) && guard < 100000000u; guard++)
        ;
    uint64_t t1 = rdtsc();
    outb(0x61, gate);
    tsc_khz = (t1 - t0) / 10;
    printk(KERN_INFO "dkm: TSC runs at %u kHz (load times are measured with it)\n", (unsigned)tsc_khz);
}

uint64_t dkm_tsc_to_us(uint64_t cycles)
{
    return tsc_khz ? cycles * 1000u / tsc_khz : 0;
}

/* ---- the port ---- */

static void *port_region_alloc(void *ctx, size_t size)
{
    (void)ctx;
    void *p = dkm_mem_alloc(size);
    if (!p)
        failed_alloc_size = size;
    return p;
}
static int port_region_protect(void *ctx, void *addr, size_t size, unsigned prot)
{
    (void)ctx;
    int rc = dkm_mem_protect(addr, size, prot);
    if (rc == -EACCES)
        failed_wx = true;
    return rc;
}
static int port_region_claim(void *ctx, uintptr_t addr, size_t size)
{
    (void)ctx;
    return dkm_mem_claim(addr, size);
}

/* The first allocation freed while a module is unloaded (or rolled back after a failed init) marks
 * the moment its code has run for the last time and its memory is about to go: anything it left
 * registered is released now, while the pointers into it are still valid. */
static void port_region_free(void *ctx, void *addr, size_t size)
{
    (void)ctx;
    struct kmod *km = unloading ? unloading : kmod_loading();
    if (km && !km->swept && (unloading || km->going))
        kmod_sweep(km);
    dkm_mem_free(addr, size);
}

/* Module bookkeeping comes from the kernel heap; during a load it may not eat into the reserve
 * either (dkm_mem.c). */
static void *port_meta_alloc(void *ctx, size_t size)
{
    (void)ctx;
    if (pmm_free_pages() * (size_t)PAGE_SIZE < dkm_mem_reserve_bytes() / 2) {
        failed_meta_size = size;
        return NULL;
    }
    return kmalloc(size);
}
static void port_meta_free(void *ctx, void *ptr, size_t size) { (void)ctx; (void)size; kfree(ptr); }

static void port_log(void *ctx, int level, const char *msg)
{
    (void)ctx;
    switch (level) {
    case DKM_LOG_ERR:  printk(KERN_ERR "%s\n", msg); break;
    case DKM_LOG_WARN: printk(KERN_WARNING "%s\n", msg); break;
    case DKM_LOG_INFO: printk(KERN_INFO "%s\n", msg); break;
    default:           printk(KERN_DEBUG "%s\n", msg); break;
    }
}

/* Every call into module code passes here, through kmod_call: the module is the running context
 * (what it creates while its init, exit or constructors run is its own, ark/thread.h) and a fault
 * in its code is contained. Before a loading module's first call the module gets its kernel record
 * (so a debugger sees its sections before init runs); when its init fails or faults, what it
 * registered is released before rollback.
 * Contract (dkm.h): a contained fault returns DKM_CALL_FAULTED, and so does a call refused because
 * the module faulted before; libdkm then runs none of its code again and the load fails, and
 * dkm_load names the fault. The kernel gives no executable stacks (no exec_stack hook), so
 * DKM_CALL_EXEC_STACK never arrives here. */
static int port_call(void *ctx, uintptr_t fn, const void *arg, unsigned flags, int *result)
{
    (void)ctx;
    (void)flags;
    struct kmod *km = kmod_owner_of(fn);   /* creates the loading module's record on first use */
    bool is_init = arg == &dkm_kernel_api;
    long rc;
    int how = kmod_call(km, fn, 1, (const uintptr_t[]){ (uintptr_t)arg }, KMOD_CALL_NO_KILL, &rc);
    struct kmod *loading = kmod_loading();
    if (how == KMOD_CALL_FAULTED && km && !km->fault_in[0])
        strlcpy(km->fault_in, is_init ? "init" : loading ? "constructor" : "exit",
                sizeof km->fault_in);
    if (rc != 0 && loading && (is_init || how != KMOD_CALL_RETURNED))
        loading->going = true;          /* init failed: libdkm rolls back next */
    *result = (int)rc;
    return how == KMOD_CALL_RETURNED ? DKM_CALL_RETURNED : DKM_CALL_FAULTED;
}

static struct dkm_port dkm_kernel_port = {
    .ctx = NULL,
    .page_size = PAGE_SIZE,
    .region_alloc = port_region_alloc,
    .region_protect = port_region_protect,
    .region_free = port_region_free,
    .region_claim = port_region_claim,
    .region_flags = DKM_REGION_UNZEROED,   /* dkm_mem_alloc does not zero: libdkm writes it all */
    .meta_alloc = port_meta_alloc,
    .meta_free = port_meta_free,
    .resolve = NULL,
    .log = port_log,
    .call = port_call,
};

/* At the "init" phase the module being loaded is the newest in libdkm's list and is about to run
 * code: adopt it then, before any of its code runs. */
static void dkm_phase_seen(void *arg, const char *phase)
{
    (void)arg;
    if (phase[0] != 'i' || strcmp(phase, "init") != 0)
        return;
    struct dkm_module *newest = NULL;
    for (struct dkm_module *m = dkm_next(dkm_loader, NULL); m; m = dkm_next(dkm_loader, m))
        newest = m;
    if (newest)
        kmod_loading_adopt(newest);
}

int dkm_core_init(void)
{
    dkm_calibrate_tsc();
    struct dkm_config cfg = {
        .abi_version = ARK_ABI_CURRENT,
        .init_arg = &dkm_kernel_api,
    };
    int rc = dkm_loader_create(&dkm_kernel_port, &cfg, &dkm_loader);
    if (rc < 0) {
        printk(KERN_ERR "dkm: cannot create the module loader (%s)\n", dkm_strerror(rc));
        return -dkm_errno(rc);
    }
    dkm_set_phase_hook(dkm_loader, dkm_phase_seen, NULL);
    unsigned count = 0;
    for (const struct kernel_export *e = __ksymtab_start; e < __ksymtab_end; e++) {
        rc = dkm_export_add_flags(dkm_loader, e->name, (uintptr_t)e->addr,
                                  (e->flags & KERNEL_EXPORT_FLAG_GPL) ? DKM_EXPORT_GPL_ONLY : 0);
        if (rc < 0)
            printk(KERN_ERR "dkm: export '%s' not added (%s)\n", e->name, dkm_strerror(rc));
        else
            count++;
    }
    printk(KERN_INFO "dkm: %u kernel symbols exported, module area %p-%p\n", count,
           (void *)MODULE_AREA_BASE, (void *)MODULE_AREA_END);
    return 0;
}

/* ---- load ---- */

static const char *base_name(const char *path)
{
    const char *slash = path;
    for (const char *p = path; *p; p++)
        if (*p == '/')
            slash = p + 1;
    return slash;
}

static void log_loaded(struct kmod *km, uint64_t cycles)
{
    /* libdkm has logged "dkm: NAME: loaded version V at ADDR (N bytes)"; add where from, every
     * section's address and the time it took. */
    printk(KERN_INFO "dkm: %s: file %s\n", km->name, km->path);
    char line[160];
    size_t used = 0;
    for (uint32_t i = 0; i < km->debug.nsections; i++) {
        const struct dkm_debug_section *s = &km->debug.sections[i];
        int n = snprintf(line + used, sizeof line - used, " %s=%p", s->name, (void *)s->addr);
        if (n < 0 || (size_t)n >= sizeof line - used) {
            line[used] = '\0';
            printk(KERN_INFO "dkm: %s: sections%s\n", km->name, line);
            used = 0;
            n = snprintf(line, sizeof line, " %s=%p", s->name, (void *)s->addr);
        }
        used += (size_t)n < sizeof line - used ? (size_t)n : 0;
    }
    if (used)
        printk(KERN_INFO "dkm: %s: sections%s\n", km->name, line);
    printk(KERN_INFO "dkm: %s: loaded in %u us\n", km->name, (unsigned)dkm_tsc_to_us(cycles));
    if (km->trust.status != TRUST_SIG_UNSIGNED)
        printk(KERN_DEBUG "dkm: %s: signature checked in %u us (%s)\n", km->name,
               (unsigned)dkm_tsc_to_us(km->trust.check_cycles), trust_status_name(km->trust.status));
}

static int dkm_load_locked(const char *path, const char *args, bool force);

int (dkm_load)(const char *path, const char *args)
{
    return dkm_load_forced(path, args, false);
}

/* How deep loads may nest: a module whose init loads a module whose init loads another... */
#define DKM_LOAD_NEST_MAX 4
static unsigned dkm_load_depth;

/* A load asked for while this thread holds dkm_lock. That happens only inside a load or an
 * unload, and the lock is held there so that libdkm's lists, the export table and the loading
 * record change one load at a time. A module's init runs after its own module is fully linked
 * and listed (COMING), so a second load from inside it (request_module, opening a device whose
 * module is missing) changes nothing the first load still depends on: it runs nested, on this
 * thread, with the outer load's per-load state (the loading record, the Linux parameters, the
 * out-of-memory figures) put aside and given back afterwards. Waiting for the lock instead would
 * wait for this very thread. An exit that loads a module is refused: its module is half gone. */
static int dkm_load_nested(const char *path, const char *args, bool force)
{
    if (unloading || !kmod_loading()) {
        dkm_set_error(-EBUSY, "cannot load %s while a module is being unloaded", path);
        return -EBUSY;
    }
    if (dkm_load_depth >= DKM_LOAD_NEST_MAX) {
        dkm_set_error(-EBUSY, "cannot load %s: module inits loading modules would nest %u deep", path,
                      dkm_load_depth + 1);
        return -EBUSY;
    }
    struct kmod_loading_state outer;
    kmod_loading_save(&outer);
    const char *outer_args = dkm_linux_args();
    size_t outer_alloc = failed_alloc_size, outer_meta = failed_meta_size;
    dkm_load_depth++;
    int rc = dkm_load_locked(path, args, force);
    dkm_load_depth--;
    failed_alloc_size = outer_alloc;
    failed_meta_size = outer_meta;
    dkm_args_set_linux(outer_args);
    kmod_loading_restore(&outer);
    return rc;
}

int dkm_load_forced(const char *path, const char *args, bool force)
{
    if (ark_mutex_held_by_me(&dkm_lock))
        return dkm_load_nested(path, args, force);
    ark_mutex_lock(&dkm_lock);
    int rc = dkm_load_locked(path, args, force);
    ark_mutex_unlock(&dkm_lock);
    return rc;
}
/* "out of memory" with the sizes involved, when a load failed for want of memory. */
static void explain_out_of_memory(size_t image_size)
{
    size_t free_bytes = (size_t)pmm_free_pages() * PAGE_SIZE;
    size_t reserve = dkm_mem_reserve_bytes();
    if (failed_alloc_size)
        dkm_set_error(-ENOMEM, "out of memory: the module needs %zu bytes of module memory; "
                      "%zu bytes are free, of which %zu are kept in reserve for the system",
                      failed_alloc_size, free_bytes, reserve);
    else if (failed_meta_size)
        dkm_set_error(-ENOMEM, "out of memory: the module's bookkeeping needs %zu bytes of kernel "
                      "heap; %zu bytes are free, of which %zu are kept in reserve for the system",
                      failed_meta_size, free_bytes, reserve);
    else
        dkm_set_error(-ENOMEM, "out of memory loading a %zu-byte module file (%zu bytes free)",
                      image_size, free_bytes);
}

static int dkm_load_locked(const char *path, const char *args, bool force)
{
    dkm_error_msg[0] = '\0';
    failed_alloc_size = failed_meta_size = 0;
    failed_wx = false;
    if (!dkm_loader) {
        dkm_set_error(-ENOSYS, "module loader not initialised");
        return -ENOSYS;
    }
    if (dkm_lockdown_on) {
        dkm_set_error(-EPERM, "module loading disabled (lockdown)");
        return -EPERM;
    }
    /* Only regular files: reading a device (/dev/console, say) could block or never end. */
    struct ark_stat st;
    int rc = vfs_stat(path, &st);
    if (rc == 0 && st.type != ARK_DT_FILE) {
        dkm_set_error(-EINVAL, "not a regular file");
        return st.type == ARK_DT_DIR ? -EISDIR : -EINVAL;
    }
    void *image = NULL;
    size_t size = 0;
    rc = vfs_read_file(path, &image, &size);
    if (rc < 0) {
        if (rc == -ENOENT)
            dkm_set_error(rc, "no such file");
        else if (rc == -EISDIR)
            dkm_set_error(rc, "is a directory");
        else if (rc == -ENOMEM)
            dkm_set_error(rc, "out of memory reading the file");
        else
            dkm_set_error(rc, "cannot read the file (error %d)", rc);
        return rc;
    }
    struct trust_verdict verdict;
    rc = trust_check_module(base_name(path), image, size, &verdict);
    if (rc < 0) {
        kfree(image);
        return rc;
    }
    char name[ARK_DKM_NAME_MAX];
    bool is_linux;
    dkm_args_module_name(image, size, path, name, sizeof name, &is_linux);
    char *all_args = dkm_args_compose(name, args);
    if (!all_args) {
        kfree(image);
        dkm_set_error(-ENOMEM, "out of memory for the module's arguments");
        return -ENOMEM;
    }
    /* A Linux module's parameters are parsed by the Linux layer when its entry point runs. */
    struct dkm_load_opts opts = { .name_hint = base_name(path), .args = is_linux ? NULL : all_args,
                                  .flags = DKM_LOAD_KEEP_SYMS | (force ? DKM_LOAD_FORCE_ABI : 0) };
    struct dkm_module *mod = NULL;
    struct dkm_error err = { .code = 0 };
    dkm_args_set_linux(is_linux ? all_args : NULL);
    kmod_loading_begin(path);
    uint64_t t0 = rdtsc();
    rc = dkm_load_image(dkm_loader, image, size, &opts, &mod, &err);
    uint64_t cycles = rdtsc() - t0;
    struct kmod *km = kmod_loading_end();
    dkm_args_set_linux(NULL);
    kfree(all_args);
    kfree(image);
    if (rc < 0) {
        bool faulted = km && km->faulted;
        if (faulted) {
            /* libdkm saw an init that failed; the truth is that it (or a constructor) faulted. */
            dkm_set_error(-EFAULT, "%s faulted: %s", km->fault_in[0] ? km->fault_in : "init",
                          km->fault);
            printk(KERN_ERR "dkm: %s: %s\n", km->name, dkm_error_msg);
        }
        if (km) {
            if (!km->swept)
                kmod_sweep(km);
            kmod_debug_detach(km);
            kmod_destroy(km);
        }
        if (faulted)
            return -EFAULT;
        if (rc == DKM_E_INIT_FAILED && err.init_result < 0 && err.init_result > -4096) {
            dkm_set_error(err.init_result, "init failed: %d (%s)", err.init_result,
                          ark_strerror(err.init_result));
            printk_log_only(KERN_ERR "dkm: %s: init failed: %d (%s)\n", name, err.init_result,
                            ark_strerror(err.init_result));
            return err.init_result;   /* like insmod: init's own error */
        }
        dkm_set_error_from(&err);
        dkm_add_hint(&err);
        if (failed_wx) {
            /* libdkm only knows that a protection could not be set: say which rule refused it. */
            dkm_set_error(-EACCES, "needs memory that is writable and executable at once (a "
                          "segment with both PF_W and PF_X, or code and data sharing a page), "
                          "which W^X forbids");
            printk_log_only(KERN_ERR "dkm: %s: %s\n", path, dkm_error_msg);
            return -EACCES;
        }
        if (-dkm_errno(rc) == -ENOMEM)
            explain_out_of_memory(size);   /* libdkm logged the failure; the caller gets sizes */
        /* The caller reports the error (strapper prints it): the log keeps it, the console
         * shows it once. */
        printk_log_only(KERN_ERR "%s\n", err.msg);
        return -dkm_errno(rc);
    }
    if (!km)
        km = kmod_create(mod, path);
    if (!km) {
        dkm_unload(dkm_loader, mod, DKM_UNLOAD_FORCE, &err);
        dkm_set_error(-ENOMEM, "out of memory recording the module");
        return -ENOMEM;
    }
    /* Shown to a debugger during init with its init sections; now they are gone. */
    kmod_debug_detach(km);
    kmod_debug_attach(km);
    km->trust = verdict;
    trust_module_provenance(km->name, km->mod, force, &km->trust);
    trust_module_loaded(km->name, km->mod, &km->trust);
    kmod_publish(km);
    dkm_proc_add_params(km);
    log_loaded(km, cycles);
    return 0;
}

/* ---- unload ---- */

static void busy_message(struct kmod *km, const struct dkm_module_info *info)
{
    char users[ARK_DKM_USERS_MAX];
    size_t used = 0;
    users[0] = '\0';
    for (unsigned i = 0; i < info->nusers; i++) {
        struct dkm_module *u = dkm_module_user(km->mod, i);
        struct dkm_module_info ui;
        if (!u)
            break;
        dkm_module_info(u, &ui);
        int n = snprintf(users + used, sizeof users - used, "%s%s", i ? ", " : "", ui.name);
        if (n < 0 || (size_t)n >= sizeof users - used)
            break;
        used += (size_t)n;
    }
    dkm_set_error(-EBUSY, "module '%s' is in use by: %s", km->name, users);
}

static int dkm_unload_locked(const char *name, unsigned flags);

int dkm_unload_module(const char *name, unsigned flags)
{
    if (ark_mutex_held_by_me(&dkm_lock)) {
        dkm_set_error(-EBUSY, "cannot unload '%s' while a module is initialising", name);
        return -EBUSY;
    }
    ark_mutex_lock(&dkm_lock);
    int rc = dkm_unload_locked(name, flags);
    ark_mutex_unlock(&dkm_lock);
    return rc;
}

static int dkm_unload_locked(const char *name, unsigned flags)
{
    dkm_error_msg[0] = '\0';
    if (!dkm_loader) {
        dkm_set_error(-ENOSYS, "module loader not initialised");
        return -ENOSYS;
    }
    if (dkm_lockdown_on) {
        dkm_set_error(-EPERM, "module unloading disabled (lockdown)");
        return -EPERM;
    }
    struct kmod *km = dkm_module_find(name);
    if (!km) {
        dkm_set_error(-ENOENT, "module '%s' is not loaded", name);
        return -ENOENT;
    }
    struct dkm_module_info info;
    dkm_module_info(km->mod, &info);
    if (info.nusers > 0 && !(flags & ARK_DKM_FORCE)) {
        busy_message(km, &info);
        return -EBUSY;
    }
    /* Forcing overrides dependent modules, and open files only of a module that faulted: none of
     * its code runs again, so its files can be cut off from it (they fail from then on). Other
     * modules' open files would call into code about to be freed. */
    if (km->holds > 0 && !(km->faulted && (flags & ARK_DKM_FORCE))) {
        dkm_set_error(-EBUSY, "module '%s' is in use: %u open file%s or other hold%s%s", km->name,
                      km->holds, km->holds == 1 ? "" : "s", km->holds == 1 ? "" : "s",
                      km->faulted ? " (it has faulted: -f removes it anyway)" : "");
        return -EBUSY;
    }
    if (info.refcount > info.nusers && !(flags & ARK_DKM_FORCE)) {
        dkm_set_error(-EBUSY, "module '%s' is in use: refcount %u", km->name, info.refcount);
        return -EBUSY;
    }
    if (info.nusers > 0)
        printk(KERN_WARNING "dkm: %s: forced unload while %u module%s on it\n", km->name,
               info.nusers, info.nusers == 1 ? " depends" : "s depend");
    if ((flags & ARK_DKM_FORCE) && info.refcount > 0)
        taint_add(TAINT_FORCED_UNLOAD);   /* like Linux's rmmod -f of a module in use: R */
    unsigned unload_flags = (flags & ARK_DKM_FORCE) ? DKM_UNLOAD_FORCE : 0;
    if (km->faulted) {
        /* Its state is unknown after the fault: its exit is not run; the sweep removes what it
         * registered. */
        printk(KERN_WARNING "dkm: %s: faulted (%s): removing it without running its exit\n",
               km->name, km->fault);
        unload_flags |= DKM_UNLOAD_NO_RUN | DKM_UNLOAD_FORCE;
    }
    km->going = true;
    km->swept = false;
    unloading = km;
    struct dkm_error err = { .code = 0 };
    int rc = dkm_unload(dkm_loader, km->mod, unload_flags, &err);
    unloading = NULL;
    if (rc < 0) {
        km->going = false;
        dkm_set_error_from(&err);
        printk_log_only(KERN_ERR "%s\n", err.msg);
        return -dkm_errno(rc);
    }
    if (!km->swept)
        kmod_sweep(km);
    km->mod = NULL;
    dkm_proc_remove_params(km);
    kmod_unpublish(km);
    kmod_destroy(km);
    return 0;
}

/* ---- start-up ---- */

/* dkm.load=/ramdisk/a.elf,/ramdisk/b.elf loads those modules, in order, before the shell starts.
 * Runs in the first kernel thread, on a kernel stack with a guard page below it, so a module init
 * that uses too much stack faults (and is contained) instead of overwriting kernel data. */
static void dkm_boot_load(void)
{
    static char list[BOOT_CMDLINE_MAX];
    if (!cmdline_get("dkm.load", list, sizeof list) || !list[0])
        return;
    char *p = list;
    while (*p) {
        char *end = p;
        while (*end && *end != ',')
            end++;
        char saved = *end;
        *end = '\0';
        if (*p) {
            int rc = dkm_load(p);   /* the seed's one-argument form */
            if (rc < 0)
                printk(KERN_ERR "dkm: boot: %s: %s\n", p, dkm_last_error());
        }
        if (!saved)
            break;
        p = end + 1;
    }
}

/* The Linux compatibility layer (kernel/linux), when linked in. */
void linux_compat_init(void) __attribute__((weak));

void dkm_kernel_init(void)
{
    if (dkm_core_init() < 0)
        return;
    if (linux_compat_init)
        linux_compat_init();
    kmod_check_release_hooks();
    ksym_set_module_resolver(kmod_ksym_resolve);
    dkm_syscall_init();
    dkm_proc_init();
    trust_init();
    dkm_boot_load();
    dkm_bench_boot();
}
