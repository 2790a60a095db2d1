/* export.h — KERNEL_EXPORT(sym) publishes a kernel function or object to modules by name. Placed
 * right after the definition, like Linux's EXPORT_SYMBOL; the entries land in the .ksymtab section,
 * which the DKM glue hands to libdkm's export table at boot. */
#ifndef KERNEL_EXPORT_H
#define KERNEL_EXPORT_H

struct kernel_export {
    const char *name;
    const void *addr;
};

#define KERNEL_EXPORT(sym)                                                                   \
    static const char __kexport_name_##sym[] __attribute__((section(".ksymtab_strings"))) = #sym; \
    static const struct kernel_export __kexport_##sym                                       \
        __attribute__((used, section(".ksymtab"), aligned(4))) = { __kexport_name_##sym, (const void *)&(sym) }

/* Bounds of the table, provided by the kernel's linker script. */
extern const struct kernel_export __ksymtab_start[], __ksymtab_end[];

#endif
