/* linux/kmod.h — request_module: load a module by name or alias (through the module index). */
#ifndef _LINUX_KMOD_H
#define _LINUX_KMOD_H
#include <linux/types.h>
/* 0 when the module is loaded afterwards, -errno otherwise. */
int __request_module(bool wait, const char *fmt, ...) __printf(2, 3);
#define request_module(mod...)        __request_module(true, mod)
#define request_module_nowait(mod...) __request_module(false, mod)
#endif
