/* linux/vmalloc.h — vmalloc, vzalloc and vfree; ark's kernel heap serves them (linux/slab.h). */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H
#include <linux/slab.h>
#endif
