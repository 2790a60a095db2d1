/* linux/export.h — EXPORT_SYMBOL: other modules may link against the symbol. The GPL-only forms
 * add the same "export_gpl=sym" .modinfo record as ark's EXPORT_SYMBOL_GPL (ark/module.h), so the
 * loader gives the symbol only to GPL-compatible modules; namespaces are not enforced. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H
#include <linux/compiler.h>

#define __ARK_EXPORT(sym)                                                                   \
    static const char __ark_export_##sym[]                                                  \
        __attribute__((__section__(".dkm.exports"), __used__, __aligned__(1))) = #sym
#define EXPORT_SYMBOL(sym)                 __ARK_EXPORT(sym)
#define __ARK_EXPORT_GPL(sym)                                                               \
    __ARK_EXPORT(sym);                                                                      \
    static const char __ark_export_gpl_##sym[]                                              \
        __attribute__((__section__(".modinfo"), __used__, __aligned__(1))) = "export_gpl=" #sym
#define EXPORT_SYMBOL_GPL(sym)             __ARK_EXPORT_GPL(sym)
#define EXPORT_SYMBOL_NS(sym, ns)          __ARK_EXPORT(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)      __ARK_EXPORT_GPL(sym)
#define MODULE_IMPORT_NS(ns)
#define THIS_MODULE_EXPORTS
#endif
