/* linux/version.h — the Linux release whose module API ark's compatibility layer follows: 6.6.
 * Sources that test LINUX_VERSION_CODE pick the 6.6 forms (class_create(name), proc_ops, ...). */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/version.h>
#else
#ifndef _LINUX_VERSION_H
#define _LINUX_VERSION_H
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_MAJOR 6
#define LINUX_VERSION_PATCHLEVEL 6
#define LINUX_VERSION_SUBLEVEL 0
#define LINUX_VERSION_CODE KERNEL_VERSION(6, 6, 0)
#define UTS_RELEASE "6.6.0-ark"
#endif
#endif
