/* linux/stddef.h — NULL, offsetof, sizeof_field and the bool constants. */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/stddef.h>
#else
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H
#include <linux/types.h>
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER)  (offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))
#endif
#endif
