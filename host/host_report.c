/* host/host_report.c — dkm-host's -v layout report, and the constructor and destructor runs used
 * when a module is started as a C program (--entry). */
#include "host_report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "host_elf.h"

struct host_import_ctx {
    FILE *out;
    struct dkm_loader *ld;
    const struct port_linux *port;
};

static void host_report_import(void *arg, const char *name, int weak)
{
    struct host_import_ctx *c = arg;
    uintptr_t addr = 0;
    struct dkm_module *owner = NULL;
    if (strcmp(name, "_GLOBAL_OFFSET_TABLE_") == 0) {
        fprintf(c->out, "    %-28s the module's own GOT\n", name);
    } else if (dkm_export_lookup(c->ld, name, &addr, &owner) == 0) {
        struct dkm_module_info info;
        if (owner != NULL)
            dkm_module_info(owner, &info);
        fprintf(c->out, "    %-28s %#010lx  %s%s\n", name, (unsigned long)addr,
                owner ? "module " : "host", owner ? info.name : "");
    } else if ((addr = port_linux_resolved_addr(c->port, name)) != 0) {
        fprintf(c->out, "    %-28s %#010lx  libc\n", name, (unsigned long)addr);
    } else {
        fprintf(c->out, "    %-28s 0x00000000  %s\n", name, weak ? "weak, unresolved" : "?");
    }
}

static const char *host_elf_type_name(int type)
{
    return type == 1 ? "ET_REL" : type == 2 ? "ET_EXEC" : type == 3 ? "ET_DYN" : "?";
}

void host_report_module(FILE *out, struct dkm_loader *ld, const struct port_linux *port,
                        struct dkm_module *mod, const void *image, size_t size)
{
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    fprintf(out, "module %s: %s, %zu bytes of module memory, text at %#lx\n", info.name,
            host_elf_type_name(info.elf_type), info.size, (unsigned long)info.base);
    for (const char *kv = dkm_modinfo_next(mod, NULL); kv != NULL; kv = dkm_modinfo_next(mod, kv))
        fprintf(out, "  modinfo %s\n", kv);

    fprintf(out, "  sections:\n");
    const char *sname;
    uintptr_t saddr;
    size_t ssize;
    for (unsigned i = 0; dkm_module_section(mod, i, &sname, &saddr, &ssize) == 0; i++)
        fprintf(out, "    %-28s %#010lx  %zu bytes\n", sname, (unsigned long)saddr, ssize);

    unsigned np = dkm_param_count(mod);
    if (np > 0)
        fprintf(out, "  parameters:\n");
    for (unsigned i = 0; i < np; i++) {
        const char *pname, *ptype;
        char value[256];
        if (dkm_param_get(mod, i, &pname, &ptype, value, sizeof(value)) == 0)
            fprintf(out, "    %s (%s) = %s\n", pname, ptype, value);
    }

    fprintf(out, "  symbols resolved:\n");
    struct host_import_ctx c = { out, ld, port };
    if (host_elf_imports(image, size, host_report_import, &c) <= 0)
        fprintf(out, "    (none)\n");
    for (unsigned i = 0;; i++) {
        struct dkm_module *dep = dkm_module_dep(mod, i);
        if (dep == NULL)
            break;
        struct dkm_module_info di;
        dkm_module_info(dep, &di);
        fprintf(out, "  depends on %s\n", di.name);
    }
}

/* ---- C start-up and exit ----------------------------------------------------------------------- */

struct host_fnarray {
    unsigned priority;           /* 65536 for the unsuffixed section, which comes last */
    uintptr_t addr;
    size_t count;
};

static int host_fnarray_cmp(const void *a, const void *b)
{
    const struct host_fnarray *x = a, *y = b;
    return (x->priority > y->priority) - (x->priority < y->priority);
}

/* Collects sections named base or base.NNNNN, sorted by ascending priority. */
static size_t host_collect(const struct dkm_module *mod, const char *base, struct host_fnarray *out,
                           size_t max)
{
    size_t n = 0, blen = strlen(base);
    const char *name;
    uintptr_t addr;
    size_t size;
    for (unsigned i = 0; dkm_module_section(mod, i, &name, &addr, &size) == 0; i++) {
        if (strncmp(name, base, blen) != 0 || n == max || size < sizeof(uintptr_t))
            continue;
        unsigned prio;
        if (name[blen] == '\0')
            prio = 65536;
        else if (name[blen] == '.')
            prio = (unsigned)strtoul(name + blen + 1, NULL, 10);
        else
            continue;
        out[n++] = (struct host_fnarray){ prio, addr, size / sizeof(uintptr_t) };
    }
    qsort(out, n, sizeof(out[0]), host_fnarray_cmp);
    return n;
}

static int host_call_fn(struct port_linux *port, uintptr_t fn, const char *name, const char *what)
{
    if (fn == 0 || fn == UINTPTR_MAX)      /* the sentinels of linked .ctors lists */
        return 0;
    if (port_linux_call(port, fn, NULL) == PORT_LINUX_CRASHED) {
        char why[64];
        fflush(stdout);
        fprintf(stderr, "dkm-host: %s: %s crashed (%s)\n", name, what,
                port_linux_fault(port, why, sizeof(why)));
        return -1;
    }
    return 0;
}

#define HOST_MAX_ARRAYS 64

int host_run_constructors(struct port_linux *port, const struct dkm_module *mod, const char *name)
{
    struct host_fnarray arr[HOST_MAX_ARRAYS];
    /* The order libdkm uses for modules: .ctors backwards, then the arrays by priority. */
    size_t n = host_collect(mod, ".ctors", arr, HOST_MAX_ARRAYS);
    for (size_t a = n; a-- > 0;) {
        const uintptr_t *fns = (const uintptr_t *)arr[a].addr;
        for (size_t i = arr[a].count; i-- > 0;)
            if (host_call_fn(port, fns[i], name, "constructor") != 0)
                return -1;
    }
    n = host_collect(mod, ".preinit_array", arr, HOST_MAX_ARRAYS);
    n += host_collect(mod, ".init_array", arr + n, HOST_MAX_ARRAYS - n);
    for (size_t a = 0; a < n; a++) {
        const uintptr_t *fns = (const uintptr_t *)arr[a].addr;
        for (size_t i = 0; i < arr[a].count; i++)
            if (host_call_fn(port, fns[i], name, "constructor") != 0)
                return -1;
    }
    return 0;
}

int host_run_destructors(struct port_linux *port, const struct dkm_module *mod, const char *name)
{
    struct host_fnarray arr[HOST_MAX_ARRAYS];
    size_t n = host_collect(mod, ".fini_array", arr, HOST_MAX_ARRAYS);
    for (size_t a = n; a-- > 0;) {
        const uintptr_t *fns = (const uintptr_t *)arr[a].addr;
        for (size_t i = arr[a].count; i-- > 0;)
            if (host_call_fn(port, fns[i], name, "destructor") != 0)
                return -1;
    }
    n = host_collect(mod, ".dtors", arr, HOST_MAX_ARRAYS);
    for (size_t a = 0; a < n; a++) {
        const uintptr_t *fns = (const uintptr_t *)arr[a].addr;
        for (size_t i = 0; i < arr[a].count; i++)
            if (host_call_fn(port, fns[i], name, "destructor") != 0)
                return -1;
    }
    return 0;
}
