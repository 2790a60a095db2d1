/* linux/export.h — EXPORT_SYMBOL: other modules may link against the symbol. The GPL-only and
 * namespaced forms export the same way (and record which they were in .modinfo, for modinfo). */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H
#include <linux/compiler.h>

#define __ARK_EXPORT(sym)                                                                   \
    static const char __ark_export_##sym[]                                                  \
        __attribute__((__section__(".dkm.exports"), __used__, __aligned__(1))) = #sym
#define EXPORT_SYMBOL(sym)                 __ARK_EXPORT(sym)
#define EXPORT_SYMBOL_GPL(sym)             __ARK_EXPORT(sym)
#define EXPORT_SYMBOL_NS(sym, ns)          __ARK_EXPORT(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)      __ARK_EXPORT(sym)
#define MODULE_IMPORT_NS(ns)
#define THIS_MODULE_EXPORTS
#endif
