/* linux/moduleparam.h — module parameters, set from "name=value" at load time (insmod arguments,
 * modprobe.d options, NAME.PARAM= on the kernel command line) before init runs, and shown under
 * /sys/module/NAME/parameters/ when perm is non-zero (writable there when perm allows). Each
 * parameter is a struct kernel_param; a constructor links it into the module's list, which the
 * kernel walks. */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stat.h>

#define MODULE_PARAM_PREFIX ""

struct kernel_param;
struct module;

struct kernel_param_ops {
    unsigned int flags;
    /* Parses val (NULL for a bare "name": booleans take it as true); 0 or -errno. */
    int (*set)(const char *val, const struct kernel_param *kp);
    /* Writes the value and a newline into a page-sized buffer; the length or -errno. */
    int (*get)(char *buffer, const struct kernel_param *kp);
    void (*free)(void *arg);
};
#define KERNEL_PARAM_OPS_FL_NOARG 1

struct kparam_string {
    unsigned int maxlen;
    char *string;
};

struct kparam_array {
    unsigned int max;
    unsigned int elemsize;
    unsigned int *num;
    const struct kernel_param_ops *ops;
    void *elem;
};

struct kernel_param {
    const char *name;
    struct module *mod;
    const struct kernel_param_ops *ops;
    const u16 perm;
    s8 level;
    u8 flags;
    union {
        void *arg;
        const struct kparam_string *str;
        const struct kparam_array *arr;
    };
    struct kernel_param *ark_next;     /* the module's list (ark) */
};

#define __ARK_PARAM_INFO(tag, info)                                                         \
    static const char __UNIQUE_ID(modinfo)[] __used                                        \
        __attribute__((__section__(".modinfo"), __aligned__(1))) = #tag "=" info
#define __MODULE_INFO(tag, name, info) __ARK_PARAM_INFO(tag, info)
#define MODULE_PARM_DESC(_parm, desc)  __ARK_PARAM_INFO(parm, #_parm ":" desc)
#define __MODULE_PARM_TYPE(name, _type) __ARK_PARAM_INFO(parmtype, #name ":" _type)

/* As on Linux: octal permissions only, and never writable by "other". */
#define VERIFY_OCTAL_PERMISSIONS(perm)                                                      \
    (BUILD_BUG_ON_ZERO((perm) < 0) + BUILD_BUG_ON_ZERO((perm) > 0777) +                     \
     BUILD_BUG_ON_ZERO((((perm) >> 6) & 4) < (((perm) >> 3) & 4)) +                         \
     BUILD_BUG_ON_ZERO((((perm) >> 3) & 4) < ((perm) & 4)) +                                \
     BUILD_BUG_ON_ZERO((((perm) >> 6) & 2) < (((perm) >> 3) & 2)) +                         \
     BUILD_BUG_ON_ZERO((perm) & 2) + (perm))

#if defined(__ARK_KERNEL__)
#define __ark_param_link_fn(prefix, name, param)
#else
extern struct module __this_module;
#define __ark_param_link_fn(prefix, name, param)                                            \
    static void __attribute__((__constructor__, __used__)) __ark_param_link_##name(void)    \
    {                                                                                       \
        param.ark_next = __this_module.ark_params;                                          \
        __this_module.ark_params = &param;                                                  \
    }
#endif

#define __module_param_call(prefix, name, ops, arg, perm, level, flags)                     \
    static const char __param_str_##name[] = prefix #name;                                  \
    static struct kernel_param __param_##name __used = {                                    \
        __param_str_##name, &__this_module, ops, VERIFY_OCTAL_PERMISSIONS(perm), level,     \
        flags, { arg }, 0 };                                                                \
    __ark_param_link_fn(prefix, name, __param_##name)

#define module_param_cb(name, ops, arg, perm)                                               \
    __module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, 0)
#define module_param_cb_unsafe(name, ops, arg, perm) module_param_cb(name, ops, arg, perm)

/* Type checks: the variable must have the type the parameter type names. */
#define __param_check(name, p, type)                                                        \
    static inline type __always_unused *__check_##name(void) { return (p); }
#define param_check_byte(name, p)    __param_check(name, p, unsigned char)
#define param_check_short(name, p)   __param_check(name, p, short)
#define param_check_ushort(name, p)  __param_check(name, p, unsigned short)
#define param_check_int(name, p)     __param_check(name, p, int)
#define param_check_uint(name, p)    __param_check(name, p, unsigned int)
#define param_check_long(name, p)    __param_check(name, p, long)
#define param_check_ulong(name, p)   __param_check(name, p, unsigned long)
#define param_check_ullong(name, p)  __param_check(name, p, unsigned long long)
#define param_check_hexint(name, p)  __param_check(name, p, unsigned int)
#define param_check_charp(name, p)   __param_check(name, p, char *)
#define param_check_bool(name, p)    __param_check(name, p, bool)
#define param_check_invbool(name, p) __param_check(name, p, bool)

#define module_param_named(name, value, type, perm)                                         \
    param_check_##type(name, &(value));                                                     \
    module_param_cb(name, &param_ops_##type, &value, perm);                                 \
    __MODULE_PARM_TYPE(name, #type)
#define module_param(name, type, perm) module_param_named(name, name, type, perm)
#define module_param_unsafe(name, type, perm) module_param(name, type, perm)

#define module_param_string(name, string, len, perm)                                        \
    static const struct kparam_string __param_string_##name = { len, string };              \
    __module_param_call(MODULE_PARAM_PREFIX, name, &param_ops_string,                       \
                        .str = &__param_string_##name, perm, -1, 0);                        \
    __MODULE_PARM_TYPE(name, "string")

#define module_param_array_named(name, array, type, nump, perm)                             \
    param_check_##type(name, &(array)[0]);                                                  \
    static const struct kparam_array __param_arr_##name = {                                 \
        .max = sizeof(array) / sizeof((array)[0]) + __must_be_array(array),                 \
        .num = nump, .ops = &param_ops_##type, .elemsize = sizeof((array)[0]),              \
        .elem = array };                                                                    \
    __module_param_call(MODULE_PARAM_PREFIX, name, &param_array_ops,                        \
                        .arr = &__param_arr_##name, perm, -1, 0);                           \
    __MODULE_PARM_TYPE(name, "array of " #type)
#define module_param_array(name, type, nump, perm)                                          \
    module_param_array_named(name, name, type, nump, perm)

#define __ARK_PARAM_TYPE(type)                                                              \
    extern const struct kernel_param_ops param_ops_##type;                                  \
    int param_set_##type(const char *val, const struct kernel_param *kp);                   \
    int param_get_##type(char *buffer, const struct kernel_param *kp)
__ARK_PARAM_TYPE(byte);
__ARK_PARAM_TYPE(short);
__ARK_PARAM_TYPE(ushort);
__ARK_PARAM_TYPE(int);
__ARK_PARAM_TYPE(uint);
__ARK_PARAM_TYPE(long);
__ARK_PARAM_TYPE(ulong);
__ARK_PARAM_TYPE(ullong);
__ARK_PARAM_TYPE(hexint);
__ARK_PARAM_TYPE(charp);
__ARK_PARAM_TYPE(bool);
__ARK_PARAM_TYPE(invbool);
__ARK_PARAM_TYPE(string);
extern const struct kernel_param_ops param_array_ops;
void param_free_charp(void *arg);
int param_set_copystring(const char *val, const struct kernel_param *kp);

#endif
