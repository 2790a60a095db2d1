/* ksyms.c — names code addresses for panic reports and backtraces: kernel addresses through the
 * generated symbol table, anything else through the resolver the DKM glue installs for modules. */
#include "ksym.h"
#include "kapi.h"
#include "boot.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"

/* Emitted by kernel/gen-ksyms.sh into the .ksyms section. */
extern const struct ksym_entry ksym_table[];
extern const uint32_t ksym_count;
extern const char ksym_names[];

static ksym_resolver_t module_resolver;

void ksym_set_module_resolver(ksym_resolver_t resolver)
{
    module_resolver = resolver;
}

static int format_at(uintptr_t addr, uintptr_t lookup, char *buf, size_t len)
{
    if (lookup >= (uintptr_t)__kernel_start && lookup < (uintptr_t)__kernel_end) {
        const struct ksym_entry *e = ksym_search(ksym_table, ksym_count, lookup);
        if (e) {
            snprintf(buf, len, "%s+0x%x", ksym_names + e->name, (unsigned)(addr - e->addr));
            return 0;
        }
    }
    if (module_resolver && module_resolver(addr, lookup, buf, len) == 0)
        return 0;
    if (len)
        buf[0] = '\0';
    return -ENOENT;
}

int ksym_format(uintptr_t addr, char *buf, size_t len)
{
    return format_at(addr, addr, buf, len);
}
/* Symbol names of kernel internals, like Linux's sprint_symbol: for GPL-compatible modules only. */
KERNEL_EXPORT_GPL(ksym_format);

int ksym_format_return(uintptr_t ret, char *buf, size_t len)
{
    return format_at(ret, ret - 1, buf, len);
}
