/* kmod.h — how kernel subsystems tie what they hold (devices, /proc entries, timers, IRQ handlers)
 * to the module that registered it, so that an open file pins its module and an unload can sweep
 * up whatever a module's exit left behind. Implemented by the kernel's DKM glue (kernel/dkm/). */
#ifndef KERNEL_KMOD_H
#define KERNEL_KMOD_H

#include "ark/types.h"

struct kmod;   /* a loaded module, opaque outside kernel/dkm */

/* The module whose code contains code_addr (e.g. __builtin_return_address(0) of a registration
 * call), or NULL when the caller is the kernel itself. */
struct kmod *kmod_owner_of(uintptr_t code_addr);
void kmod_get(struct kmod *m);                 /* both accept NULL and do nothing */
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

#endif
