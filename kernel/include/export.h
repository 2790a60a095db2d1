/* export.h — KERNEL_EXPORT(sym) publishes a kernel function or object to modules by name (and
 * KERNEL_EXPORT_GPL to GPL-compatible modules only). Placed
 * right after the definition, like Linux's EXPORT_SYMBOL; the entries land in the .ksymtab section,
 * which the DKM glue hands to libdkm's export table at boot. */
#ifndef KERNEL_EXPORT_H
#define KERNEL_EXPORT_H

struct kernel_export {
    const char *name;
    const void *addr;
    unsigned flags;              /* KERNEL_EXPORT_FLAG_GPL: only GPL-compatible modules may use it */
};
#define KERNEL_EXPORT_FLAG_GPL 0x1u

#define __KERNEL_EXPORT(sym, flags)                                                          \
    static const char __kexport_name_##sym[] __attribute__((section(".ksymtab_strings"))) = #sym; \
    static const struct kernel_export __kexport_##sym                                       \
        __attribute__((used, section(".ksymtab"), aligned(4))) =                            \
        { __kexport_name_##sym, (const void *)&(sym), (flags) }
#define KERNEL_EXPORT(sym)     __KERNEL_EXPORT(sym, 0)
/* Like Linux's EXPORT_SYMBOL_GPL: refused to modules whose license is not GPL-compatible. */
#define KERNEL_EXPORT_GPL(sym) __KERNEL_EXPORT(sym, KERNEL_EXPORT_FLAG_GPL)

/* Bounds of the table, provided by the kernel's linker script. */
extern const struct kernel_export __ksymtab_start[], __ksymtab_end[];

#endif
