/* dkm_internal.h — private interface of the kernel's DKM glue (kernel/dkm/), grouped by the file
 * that defines each part: module memory, the loader instance and its port, module records, the
 * index used for on-demand loading, /proc files and system calls. */
#ifndef KERNEL_DKM_INTERNAL_H
#define KERNEL_DKM_INTERNAL_H

#include "ark/syscall.h"
#include "ark/types.h"
#include "dkm/dkm.h"
#include "dkm_kernel.h"
#include "kmod.h"
#include "trust.h"

struct ark_seq;
struct dkm_param_file;

/* A loaded module as the kernel sees it: libdkm's module plus what the kernel hangs on it. */
struct kmod {
    struct kmod *next;
    struct dkm_module *mod;
    char name[ARK_DKM_NAME_MAX];
    char *path;                      /* file it was loaded from (kmalloc'ed) */
    unsigned holds;                  /* kmod_get by open files and other kernel holders */
    bool live;                       /* in the module list (false while loading) */
    bool going;                      /* being unloaded */
    bool swept;                      /* leftovers already released */
    bool faulted;                    /* its code faulted: none of it runs again (dkm_fault.c) */
    char fault[128];                 /* what and where, e.g. "page fault at 0x0 in x_init+0x15" */
    char fault_in[16];               /* "init", "constructor", "exit" when a lifecycle call faulted */
    struct dkm_param_file *params;   /* /proc/dkm/NAME/parameters/... */
    uintptr_t mem_lo, mem_hi;        /* span of its sections, for kmod_contains during unload */
    struct dkm_debug_module debug;   /* entry of dkm_debug_modules */
    struct trust_verdict trust;      /* signature status and the taint it brought (trust.h) */
};

/* dkm_mem.c — the module area: page-granular regions mapped into the kernel page directory */
void *dkm_mem_alloc(size_t size);       /* not zeroed (the ports say DKM_REGION_UNZEROED) */
int   dkm_mem_protect(void *addr, size_t size, unsigned prot);
void  dkm_mem_free(void *addr, size_t size);
int   dkm_mem_claim(uintptr_t addr, size_t size);
size_t dkm_mem_total_bytes(void);
size_t dkm_mem_used_bytes(void);
size_t dkm_mem_reserve_bytes(void);          /* RAM module memory never takes (the low-water mark) */

/* dkm_core.c — the loader instance, its port, load and unload */
extern struct dkm_loader *dkm_loader;
int  dkm_core_init(void);
void dkm_set_error(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dkm_set_error_from(const struct dkm_error *e);
/* dkm_load, optionally despite an incompatible ABI record (insmod -f). */
int dkm_load_forced(const char *path, const char *args, bool force);
void dkm_error_append(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* dkm_bench.c — dkm.bench=FILE: libdkm against the physical floor, timed in the same boot */
void dkm_bench_boot(void);

/* dkm_hint.c — a hint for common mistakes, appended to the error message */
void dkm_add_hint(const struct dkm_error *e);
uint64_t dkm_tsc_to_us(uint64_t cycles);

/* dkm_kmod.c — module records, ownership, holds, the debugger's list */
struct kmod *kmod_create(struct dkm_module *mod, const char *path);
void kmod_publish(struct kmod *km);          /* into the module list (after a successful load) */
void kmod_unpublish(struct kmod *km);        /* out of the module list and the debugger's list */
void kmod_destroy(struct kmod *km);
struct kmod *kmod_loading(void);             /* the record of the module being loaded, or NULL */
void kmod_loading_begin(const char *path);
struct kmod *kmod_loading_end(void);         /* returns and forgets the loading record */
/* The loading record of a load interrupted by a nested one (a module's init that loads another). */
struct kmod_loading_state {
    struct kmod *km;
    const char *path;
    bool active;
};
void kmod_loading_save(struct kmod_loading_state *saved);
void kmod_loading_restore(const struct kmod_loading_state *saved);
struct kmod *kmod_of_dkm(struct dkm_module *mod);
int  kmod_sweep(struct kmod *km);            /* release leftovers; count of objects removed */
struct kmod *kmod_loading_adopt(struct dkm_module *mod);   /* record + debugger entry, early */
void kmod_debug_attach(struct kmod *km);     /* fill and link the debugger entry */
void kmod_debug_detach(struct kmod *km);
int  kmod_ksym_resolve(uintptr_t addr, uintptr_t lookup, char *buf, size_t len);
struct kmod *kmod_at(uintptr_t addr);         /* no record is created: fault-handler safe */
void kmod_check_release_hooks(void);

/* dkm_index.c — the ramdisk's module index (modules.dep, modules.alias) */
#define DKM_INDEX_DEP   "/ramdisk/modules.dep"
#define DKM_INDEX_ALIAS "/ramdisk/modules.alias"

/* dkm_proc.c — /proc/modules, /proc/sys/dkm/disabled, /proc/dkm/NAME/parameters/P */
void dkm_proc_init(void);
void dkm_proc_add_params(struct kmod *km);
void dkm_proc_remove_params(struct kmod *km);
const char *dkm_state_name(int state);
/* Name of the i-th module using km (as /proc/modules and SYS_DKM_LIST show them), NULL past the end. */
const char *dkm_user_name(const struct kmod *km, unsigned i);

/* dkm_args.c — what a module's parameters are: the command line's NAME.PARAM= words, then args */
/* The name the module will get (its .modinfo name, else the file name with '-' as '_'), and
 * whether it was built against the Linux layer. */
void dkm_args_module_name(const void *image, size_t size, const char *path, char *out, size_t len,
                          bool *is_linux);
char *dkm_args_compose(const char *name, const char *args);   /* kmalloc'ed; NULL: no memory */
void dkm_args_set_linux(const char *args);                    /* for the Linux layer, during a load */
const char *dkm_linux_args(void);

/* dkm_syscall.c — SYS_DKM_* */
void dkm_syscall_init(void);

/* dkm_api.c — the ark_kernel_api_t passed to every init */
extern const struct ark_kernel_api dkm_kernel_api;

#endif
