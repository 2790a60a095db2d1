/* kmod.h — how kernel subsystems tie what they hold (devices, /proc entries, timers, IRQ handlers)
 * to the module that registered it, so that an open file pins its module and an unload can sweep
 * up whatever a module's exit left behind. Implemented by the kernel's DKM glue (kernel/dkm/). */
#ifndef KERNEL_KMOD_H
#define KERNEL_KMOD_H

#include "ark/types.h"

struct kmod;   /* a loaded module, opaque outside kernel/dkm */

/* The module whose memory (code or data) holds addr, or NULL when none does. */
struct kmod *kmod_owner_of(uintptr_t addr);
/* The module whose code the current context is running (its init or exit, or one of its
 * callbacks called through kmod_call), or NULL for the kernel's own code. Per kernel stack, so it
 * holds under preemption. */
struct kmod *kmod_current(void);
/* Ownership by construction for something being registered: the first module whose memory holds
 * one of addrs (its callbacks, its ops table, its data), else kmod_current(). Never guessed from
 * a return address, which a sibling call or another module's helper would make lie. */
struct kmod *kmod_owner_for(const uintptr_t *addrs, unsigned n);

/* Calls module m's code fn(args[0..nargs-1]) (at most 4 word-sized arguments) with a recovery
 * point: a fault in it (page fault, general protection, invalid opcode, divide error, stack
 * overflow) is reported as an oops, marks the module faulted and unwinds the call. A module that
 * has faulted is never entered again. In a process's system call the process is killed on its way
 * back to user mode unless flags has KMOD_CALL_NO_KILL (module init and exit).
 * KMOD_CALL_RETURNED with fn's value in *result, KMOD_CALL_FAULTED (*result = -EFAULT), or
 * KMOD_CALL_REFUSED for a faulted module (*result = -EIO). m NULL calls fn unguarded. */
enum { KMOD_CALL_RETURNED = 0, KMOD_CALL_FAULTED = 1, KMOD_CALL_REFUSED = 2 };
#define KMOD_CALL_NO_KILL 0x1u
int kmod_call(struct kmod *m, uintptr_t fn, unsigned nargs, const uintptr_t *args, unsigned flags,
              long *result);
/* The description of m's fault ("page fault at 0x0 in x_init+0x15"), or NULL if it has none. */
const char *kmod_fault_description(const struct kmod *m);
void kmod_get(struct kmod *m);                 /* both accept NULL and do nothing */
/* A hold unless m is being unloaded (GOING): false then, and nothing may call into m. */
bool kmod_try_get(struct kmod *m);
/* addr lies in module m's memory (code or data). Allocates nothing: any context. */
bool kmod_contains(const struct kmod *m, uintptr_t addr);
void kmod_put(struct kmod *m);
const char *kmod_name(const struct kmod *m);
unsigned int kmod_refcount(const struct kmod *m);   /* holds and dependent modules */

/* Loads the module providing NAME or alias (e.g. "dev:hello"), through the ramdisk's module index,
 * like Linux's request_module. 0 when it is now loaded, -errno otherwise. */
int kmod_request(const char *name_or_alias);

/* Each subsystem drops what module m still has registered, logs a warning naming the module and
 * the object, and returns how many objects it removed. Called by the DKM glue at unload. */
int devfs_release_owned_by(struct kmod *m);
int procfs_release_owned_by(struct kmod *m);
int timer_release_owned_by(struct kmod *m);
int irq_release_owned_by(struct kmod *m);
int kthread_release_owned_by(struct kmod *m);   /* stops the module's kernel threads */
int work_release_owned_by(struct kmod *m);      /* cancels its work items, waits for a running one */

#endif
