/* ark/module.h — what a module declares about itself: metadata, parameters, exports, init and exit.
 *
 * Everything here lands in special ELF sections that the loader (libdkm) reads; their layout is ABI:
 *   .modinfo      "key=value\0" strings (name, version, license, author, description, alias, depends,
 *                 abi, parm, parmtype, export_gpl). Padding NULs between strings are allowed and skipped.
 *   .dkm.exports  "symbol\0" strings: the module's symbols other modules may link against.
 *   .dkm.params   struct ark_param_desc records (relocated before they are read).
 * Init and exit: a function named module_init / module_exit (the original seed's convention), or any
 * function registered with ark_module_init(fn) / ark_module_exit(fn), which define the aliases
 * __ark_module_init / __ark_module_exit and take precedence. init may be declared as
 * int f(void) or int f(const ark_kernel_api_t *api); it returns 0 or a negative errno. */
#ifndef ARK_MODULE_H
#define ARK_MODULE_H

#include "ark/types.h"
#include "ark/abi.h"
#include "ark/init_api.h"

#define __ARK_STR(x) #x
#define __ARK_XSTR(x) __ARK_STR(x)
#define __ARK_CAT2(a, b) a##b
#define __ARK_CAT(a, b) __ARK_CAT2(a, b)
#define __ARK_UNIQUE(prefix) __ARK_CAT(prefix, __COUNTER__)

#define MODULE_INFO(key, value)                                                             \
    static const char __ARK_UNIQUE(__ark_modinfo_)[]                                        \
        __attribute__((section(".modinfo"), used, aligned(1))) = #key "=" value

#define MODULE_NAME(n)        MODULE_INFO(name, n)
#define MODULE_VERSION(v)     MODULE_INFO(version, v)
#define MODULE_LICENSE(l)     MODULE_INFO(license, l)
#define MODULE_AUTHOR(a)      MODULE_INFO(author, a)
#define MODULE_DESCRIPTION(d) MODULE_INFO(description, d)
#define MODULE_ALIAS(a)       MODULE_INFO(alias, a)
/* A dependency on another module, optionally constrained: MODULE_DEPENDS("core>=1.2").
 * Operators: >=, <=, =, >, <. Versions compare numerically, dot by dot. */
#define MODULE_DEPENDS(spec)  MODULE_INFO(depends, spec)

/* Every translation unit that includes this header records the ABI it was built against. */
MODULE_INFO(abi, __ARK_XSTR(ARK_ABI_MAJOR) "." __ARK_XSTR(ARK_ABI_MINOR));

/* Exports: EXPORT_SYMBOL(fn) lets other modules link against fn; other globals stay private. */
#define EXPORT_SYMBOL(sym)                                                                  \
    static const char __ark_export_##sym[]                                                  \
        __attribute__((section(".dkm.exports"), used, aligned(1))) = #sym
/* EXPORT_SYMBOL_GPL(fn): only modules whose MODULE_LICENSE is GPL-compatible ("GPL", "GPL v2",
 * "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL") may link against
 * fn. It is an ordinary export plus an "export_gpl=fn" record in .modinfo. */
#define EXPORT_SYMBOL_GPL(sym)                                                              \
    EXPORT_SYMBOL(sym);                                                                     \
    MODULE_INFO(export_gpl, #sym)

/* Init-only code and data: freed once init has succeeded. */
#define __init     __attribute__((section(".init.text"), noinline))
#define __initdata __attribute__((section(".init.data")))
/* Data written only while init runs: read-only once init has returned (a write then faults). */
#ifndef __ro_after_init
#define __ro_after_init __attribute__((section(".data..ro_after_init")))
#endif

/* Init and exit registration (does not clash with a function named module_init). */
#define ark_module_init(fn) extern __typeof__(fn) __ark_module_init __attribute__((alias(#fn)))
#define ark_module_exit(fn) extern __typeof__(fn) __ark_module_exit __attribute__((alias(#fn)))

/* Parameters, set from "name=value" arguments at load time, before init runs. */
enum ark_param_type {
    ARK_PARAM_INT = 1,          /* int */
    ARK_PARAM_UINT = 2,         /* unsigned int */
    ARK_PARAM_BOOL = 3,         /* bool: 1/0, y/n, true/false, on/off */
    ARK_PARAM_STRING = 4,       /* char buffer of `size` bytes, always NUL-terminated */
};
#define ARK_PARAM_ARRAY 0x100   /* or'ed into type: comma-separated values, up to `max` elements */

struct ark_param_desc {         /* 6 x 32-bit words on i386; the loader reads it field by field */
    const char *name;
    void *addr;
    uint32_t type;              /* enum ark_param_type, maybe | ARK_PARAM_ARRAY */
    uint32_t size;              /* element size (string: buffer size) */
    uint32_t max;               /* elements (1 unless an array) */
    unsigned int *count;        /* arrays: receives the number of elements set; may be NULL */
};

#define __ARK_PARAM_TYPE_int  ARK_PARAM_INT
#define __ARK_PARAM_TYPE_uint ARK_PARAM_UINT
#define __ARK_PARAM_TYPE_bool ARK_PARAM_BOOL
typedef int          __ark_param_ctype_int;
typedef unsigned int __ark_param_ctype_uint;
typedef bool         __ark_param_ctype_bool;

#define __ARK_PARAM(var, ptype, psize, pmax, pcount, tname, desc)                          \
    static const struct ark_param_desc __ark_param_##var                                    \
        __attribute__((section(".dkm.params"), used, aligned(4))) =                         \
        { #var, (void *)&(var), (ptype), (psize), (pmax), (pcount) };                        \
    MODULE_INFO(parm, #var ":" desc);                                                       \
    MODULE_INFO(parmtype, #var ":" tname)

/* A description must be a string: Linux's module_param(name, type, perm) passes a number there. */
#define __ARK_PARAM_DESC_CHECK(desc)                                                        \
    _Static_assert(__builtin_types_compatible_p(__typeof__(desc), char[sizeof(desc)]),      \
                   "ark/module.h: the last argument of module_param is a description string; "  \
                   "for Linux's module_param(name, type, perm) include <linux/module.h>")

/* module_param(count, int, "how many"); type is int, uint or bool and must match the variable. */
#define module_param(var, type, desc)                                                       \
    __ARK_PARAM_DESC_CHECK(desc);                                                           \
    _Static_assert(__builtin_types_compatible_p(__typeof__(var), __ark_param_ctype_##type), \
                   "module_param: " #var " is not of type " #type);                         \
    __ARK_PARAM(var, __ARK_PARAM_TYPE_##type, sizeof(var), 1, (unsigned int *)0, #type, desc)

/* module_param_string(greeting, char greeting[32], "text"): copied into the buffer, NUL-terminated. */
#define module_param_string(var, desc)                                                      \
    __ARK_PARAM(var, ARK_PARAM_STRING, sizeof(var), 1, (unsigned int *)0, "string", desc)

/* module_param_array(ports, int, &nports, "list"): "ports=1,2,3". */
#define module_param_array(var, type, countp, desc)                                         \
    __ARK_PARAM_DESC_CHECK(desc);                                                           \
    _Static_assert(__builtin_types_compatible_p(__typeof__((var)[0]), __ark_param_ctype_##type), \
                   "module_param_array: " #var " is not an array of " #type);              \
    __ARK_PARAM(var, __ARK_PARAM_TYPE_##type | ARK_PARAM_ARRAY, sizeof((var)[0]),            \
                ARK_ARRAY_SIZE(var), (countp), "array of " #type, desc)

/* module_param_string_array(names, char names[4][16], &n, "list"): "names=a,b". */
#define module_param_string_array(var, countp, desc)                                        \
    __ARK_PARAM(var, ARK_PARAM_STRING | ARK_PARAM_ARRAY, sizeof((var)[0]),                  \
                ARK_ARRAY_SIZE(var), (countp), "array of string", desc)

#endif
