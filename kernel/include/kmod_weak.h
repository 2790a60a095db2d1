/* kmod_weak.h — weak references to the DKM glue's ownership hooks (kmod.h), for subsystems that
 * must build and run whether or not kernel/dkm is linked in: when it is absent every object is the
 * kernel's own. */
#ifndef KERNEL_KMOD_WEAK_H
#define KERNEL_KMOD_WEAK_H

#include "kmod.h"

#pragma weak kmod_owner_of
#pragma weak kmod_name

/* The module whose code called the current function's caller, or NULL for the kernel. */
#define KMOD_CALLER() (kmod_owner_of ? kmod_owner_of((uintptr_t)__builtin_return_address(0)) : NULL)

static inline const char *kmod_name_or_kernel(const struct kmod *m)
{
    return (m && kmod_name) ? kmod_name(m) : "kernel";
}

#endif
