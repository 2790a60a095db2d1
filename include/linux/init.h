/* linux/init.h — __init/__exit/__initdata and module_init/module_exit. As on Linux, module_init(fn)
 * makes init_module an alias of fn and module_exit(fn) makes cleanup_module one; sources that
 * define init_module/cleanup_module themselves (the old style) work the same way. The entry points
 * ark's loader calls (below) run the Linux layer's set-up (THIS_MODULE, parameters, /sys/module)
 * around them. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

/* Freed once init has succeeded. */
#define __init      __section(".init.text") noinline
#define __initdata  __section(".init.data")
#define __initconst __section(".init.rodata")
/* Kept: a module is always unloadable on ark, so exit code stays. */
#define __exit      noinline
#define __exitdata
#define __exit_p(x) x
#define __init_or_module
#define __ref
#define __refdata

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#if !defined(__ARK_KERNEL__)
struct module;
extern struct module __this_module;
int  __ark_linux_module_enter(struct module *mod, initcall_t init);
void __ark_linux_module_leave(struct module *mod, exitcall_t exit);

/* Weak: present only when the module defines them (by module_init/module_exit or by name). */
extern int init_module(void) __attribute__((__weak__));
extern void cleanup_module(void) __attribute__((__weak__));

#define module_init(initfn)                                                                  \
    static inline initcall_t __maybe_unused __inittest(void) { return initfn; }             \
    int init_module(void) __attribute__((__alias__(#initfn)))
#define module_exit(exitfn)                                                                  \
    static inline exitcall_t __maybe_unused __exittest(void) { return exitfn; }             \
    void cleanup_module(void) __attribute__((__alias__(#exitfn)))
#endif

/* Built-in initcalls do not exist on ark: every piece of Linux code here is a module. */
#define late_initcall(fn)   module_init(fn)
#define device_initcall(fn) module_init(fn)
#define subsys_initcall(fn) module_init(fn)
#define fs_initcall(fn)     module_init(fn)
#define arch_initcall(fn)   module_init(fn)
#define core_initcall(fn)   module_init(fn)

#endif
