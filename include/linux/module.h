/* linux/module.h — what a Linux module declares about itself: MODULE_* metadata, THIS_MODULE and
 * module references, on top of init.h, export.h and moduleparam.h. Metadata goes to .modinfo as
 * on Linux; vermagic marks the module as built against this layer (the kernel then hands its
 * parameters to the Linux parameter code). */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/stat.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/kmod.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/version.h>
#include "ark/abi.h"

#define MODULE_NAME_LEN 56

struct module {
    char name[MODULE_NAME_LEN];        /* set by the kernel before init runs */
    /* ark's bookkeeping (not Linux API): the kernel's record and the parameter list */
    void *ark_owner;
    struct kernel_param *ark_params;
    void *ark_private;
};

#if defined(__ARK_KERNEL__)
#define THIS_MODULE ((struct module *)0)
#else
/* One per module: weak in every file, so the link keeps a single copy. */
__attribute__((__weak__)) struct module __this_module;
#define THIS_MODULE (&__this_module)

/* The entry points ark's loader looks for. Weak and identical in every file of a module, so the
 * link keeps one. */
__attribute__((__weak__, __used__)) int __ark_module_init(void)
{
    return __ark_linux_module_enter(&__this_module, init_module);
}
__attribute__((__weak__, __used__)) void __ark_module_exit(void)
{
    __ark_linux_module_leave(&__this_module, cleanup_module);
}
#endif

#define __ARK_MODINFO(tag, info)                                                            \
    static const char __UNIQUE_ID(modinfo)[] __used                                        \
        __attribute__((__section__(".modinfo"), __aligned__(1))) = __stringify(tag) "=" info
#define MODULE_INFO(tag, info)       __ARK_MODINFO(tag, info)
#define MODULE_LICENSE(l)            MODULE_INFO(license, l)
#define MODULE_AUTHOR(a)             MODULE_INFO(author, a)
#define MODULE_DESCRIPTION(d)        MODULE_INFO(description, d)
#define MODULE_VERSION(v)            MODULE_INFO(version, v)
#define MODULE_ALIAS(a)              MODULE_INFO(alias, a)
#define MODULE_SOFTDEP(s)            MODULE_INFO(softdep, s)
#define MODULE_FIRMWARE(f)           MODULE_INFO(firmware, f)
#define MODULE_ALIAS_FS(fs)          MODULE_ALIAS("fs-" fs)
#define MODULE_ALIAS_CHARDEV_MAJOR(major) MODULE_ALIAS("char-major-" __stringify(major) "-*")
/* A device-id table (linux/mod_devicetable.h): a global alias symbol named after the bus type
 * and the table marks it, and the module index turns its entries into "type:NAME" aliases. A
 * table of another id type, or of a bus ark cannot decode, is a compile error. */
#define MODULE_DEVICE_TABLE(type, name)                                                     \
    extern __typeof__(name) __mod_##type##__##name##_device_table                          \
        __attribute__((__unused__, __alias__(#name)));                                      \
    _Static_assert(__builtin_types_compatible_p(__typeof__((name)[0]),                       \
                                                const struct type##_device_id),             \
                   "MODULE_DEVICE_TABLE(" #type ", " #name "): not a const struct " #type     \
                   "_device_id table; ark decodes the platform, i2c and spi id tables only")

#ifndef __ARK_KERNEL__
MODULE_INFO(vermagic, UTS_RELEASE " ark-linux-compat");
MODULE_INFO(abi, __stringify(ARK_ABI_MAJOR) "." __stringify(ARK_ABI_MINOR));
#endif

/* A reference keeps the module loaded (rmmod is refused while any is held). try_module_get
 * fails only for a module that is being unloaded; NULL (the kernel) always succeeds. */
bool try_module_get(struct module *mod);
void module_put(struct module *mod);
void __module_get(struct module *mod);
unsigned int module_refcount(struct module *mod);
#define module_name(mod) ((mod) ? (mod)->name : "kernel")

#define symbol_get(x)  (&(x))
#define symbol_put(x)  do { } while (0)

#endif
