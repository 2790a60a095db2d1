/* linux/ioctl.h — _IO, _IOR, _IOW, _IOWR (asm/ioctl.h). */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/ioctl.h>
#else
#ifndef _LINUX_IOCTL_H
#define _LINUX_IOCTL_H
#include <asm/ioctl.h>
#endif
#endif
