/* kmod_weak.h — weak references to the DKM glue's ownership hooks (kmod.h), for subsystems that
 * must build and run whether or not kernel/dkm is linked in: when it is absent every object is the
 * kernel's own. */
#ifndef KERNEL_KMOD_WEAK_H
#define KERNEL_KMOD_WEAK_H

#include "kmod.h"

#pragma weak kmod_owner_for
#pragma weak kmod_current
#pragma weak kmod_call
#pragma weak kmod_name

/* The owner of a new object registered with these addresses (kmod_owner_for), NULL: the kernel. */
#define KMOD_OWNER_FOR(...) \
    (kmod_owner_for ? kmod_owner_for((const uintptr_t[]){ __VA_ARGS__ }, \
                                     sizeof((uintptr_t[]){ __VA_ARGS__ }) / sizeof(uintptr_t)) : NULL)

static inline struct kmod *kmod_current_or_kernel(void)
{
    return kmod_current ? kmod_current() : NULL;
}

static inline const char *kmod_name_or_kernel(const struct kmod *m)
{
    return (m && kmod_name) ? kmod_name(m) : "kernel";
}

#endif
