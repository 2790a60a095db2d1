/* dkm_kernel.h — the kernel's interface to dynamic kernel modules (implemented in kernel/dkm/):
 * loading from a file, unloading, listing, and the module list a debugger reads. */
#ifndef KERNEL_DKM_KERNEL_H
#define KERNEL_DKM_KERNEL_H

#include "ark/types.h"

struct kmod;

/* Loads the module file at PATH (a VFS path such as /ramdisk/hello.elf) with parameters ARGS
 * ("a=1 s=text", may be NULL). 0, or -errno with the reason in dkm_last_error(). The seed's
 * one-argument form dkm_load("/path/to/module.elf") works too. */
int (dkm_load)(const char *path, const char *args);
#define __DKM_LOAD_PICK(_1, _2, fn, ...) fn
#define __dkm_load_path_only(path) (dkm_load)((path), (const char *)0)
#define dkm_load(...) __DKM_LOAD_PICK(__VA_ARGS__, (dkm_load), __dkm_load_path_only, _)(__VA_ARGS__)

/* Unloads the module NAME: runs its exit, removes whatever it left registered (devices, /proc
 * entries, timers, IRQ handlers) and frees its memory. flags: ARK_DKM_FORCE unloads even when
 * other modules depend on it (never while one of its files is open). 0 or -errno. */
int dkm_unload_module(const char *name, unsigned flags);

/* The message of the last failed dkm_load/dkm_unload_module/kmod_request, without the "dkm: " prefix. */
const char *dkm_last_error(void);

/* Loaded modules in load order: first, then next until NULL. */
struct kmod *dkm_module_first(void);
struct kmod *dkm_module_next(const struct kmod *m);
struct kmod *dkm_module_find(const char *name);

/* Lockdown: after dkm_lockdown(), every load and unload fails with -EPERM until reboot. */
void dkm_lockdown(void);
bool dkm_locked_down(void);

/* ---- The module list for debuggers ---------------------------------------------------------
 * dkm_debug_modules points at the first loaded module (load order), a singly linked list that is
 * only changed between a module's load and unload (never while a module's code runs). Layout,
 * i386, every field 4 bytes:
 *   struct dkm_debug_module  { next; name (char *); path (char *); nsections; sections; }
 *   struct dkm_debug_section { name (char *); addr; size; }
 * path is the VFS path the module was loaded from (e.g. /ramdisk/hello.elf); sections lists every
 * allocated section at its load address (".text", ".data", ".bss", ...), which is what gdb's
 * add-symbol-file needs (-s NAME ADDR for each). dkm_debug_generation increases on every change. */
struct dkm_debug_section {
    const char *name;
    uintptr_t addr;
    uint32_t size;
};
struct dkm_debug_module {
    struct dkm_debug_module *next;
    const char *name;
    const char *path;
    uint32_t nsections;
    struct dkm_debug_section *sections;
};
extern struct dkm_debug_module *volatile dkm_debug_modules;
extern volatile uint32_t dkm_debug_generation;

#endif
