/* dkm_hint.c — a hint after the reason a load failed, for the mistakes people make first: a
 * 64-bit object, the C library, floating point, Linux names compiled against ark's headers. */
#include "ark/kernel.h"
#include "dkm_internal.h"

struct hint_rule {
    const char *symbol;        /* an unresolved name; a trailing '*' matches a prefix */
    const char *hint;
};

static const struct hint_rule symbol_hints[] = {
    { "printf", "modules have no C library: use printk" },
    { "puts", "modules have no C library: use printk" },
    { "putchar", "modules have no C library: use printk" },
    { "malloc", "modules have no C library: use kmalloc/kfree" },
    { "calloc", "modules have no C library: use kzalloc/kfree" },
    { "free", "modules have no C library: use kmalloc/kfree" },
    { "__adddf3", "no floating point in modules (the kernel does not save FPU state)" },
    { "__subdf3", "no floating point in modules (the kernel does not save FPU state)" },
    { "__muldf3", "no floating point in modules (the kernel does not save FPU state)" },
    { "__divdf3", "no floating point in modules (the kernel does not save FPU state)" },
    { "__float*", "no floating point in modules (the kernel does not save FPU state)" },
    { "__fix*", "no floating point in modules (the kernel does not save FPU state)" },
    { "__extendsfdf2", "no floating point in modules (the kernel does not save FPU state)" },
    { "__truncdfsf2", "no floating point in modules (the kernel does not save FPU state)" },
    { "__*sf3", "no floating point in modules (the kernel does not save FPU state)" },
    { "__*df2", "no floating point in modules (the kernel does not save FPU state)" },
    { "pr_*", "pr_info and friends are Linux macros: include <linux/printk.h> (or <linux/module.h>)" },
    { "module_param*", "module_param is a macro: include <linux/moduleparam.h> for Linux's form" },
    { "MODULE_*", "MODULE_* are macros: include <linux/module.h> or ark/module.h" },
};

/* Matches pattern with at most one '*' (anywhere) against the len bytes at name. */
static bool hint_match(const char *pattern, const char *name, size_t len)
{
    const char *star = strchr(pattern, '*');
    if (!star)
        return strlen(pattern) == len && !strncmp(pattern, name, len);
    size_t pre = (size_t)(star - pattern), post = strlen(star + 1);
    return len >= pre + post && !strncmp(name, pattern, pre) &&
           !strncmp(name + len - post, star + 1, post);
}

/* The hint for the first unresolved name in "... 'a', 'b' ..." that has one. */
static const char *hint_for_symbols(const char *msg)
{
    for (const char *p = strchr(msg, '\''); p; p = strchr(p + 1, '\'')) {
        const char *end = strchr(p + 1, '\'');
        if (!end)
            break;
        for (unsigned i = 0; i < ARK_ARRAY_SIZE(symbol_hints); i++)
            if (hint_match(symbol_hints[i].symbol, p + 1, (size_t)(end - p - 1)))
                return symbol_hints[i].hint;
        p = end;
    }
    return NULL;
}

void dkm_add_hint(const struct dkm_error *e)
{
    const char *hint = NULL;
    switch (e->code) {
    case DKM_E_BAD_CLASS:
    case DKM_E_BAD_MACHINE:
        hint = "build with ark-gcc: modules are i386 (32-bit) objects";
        break;
    case DKM_E_UNRESOLVED:
        hint = hint_for_symbols(e->msg);
        break;
    case DKM_E_NO_INIT:
        hint = "with ark/module.h use ark_module_init(fn) or a function named module_init; "
               "module_init(fn) as a macro is Linux's: include <linux/module.h>";
        break;
    default:
        break;
    }
    if (hint)
        dkm_error_append(" (hint: %s)", hint);
}
