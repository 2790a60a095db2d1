/* dkm_args.c — the parameters a module receives at load: NAME.PARAM=VALUE words of the kernel
 * command line first, then the caller's own arguments (which therefore win), as Linux does. A
 * module built against the Linux layer (its .modinfo has vermagic=) gets them through the Linux
 * parameter code (kernel/linux/params.c) instead of libdkm's. */
#include "ark/elfinfo.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "dkm_internal.h"
#include "kapi.h"

static const char *linux_args;       /* for the Linux module being loaded, else NULL */

const char *dkm_linux_args(void) { return linux_args; }

void dkm_args_set_linux(const char *args) { linux_args = args; }

/* Module names compare with '-' and '_' alike. */
static bool name_eq(const char *a, size_t alen, const char *b)
{
    size_t i = 0;
    for (; i < alen && b[i]; i++) {
        char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];
        if (x != y)
            return false;
    }
    return i == alen && !b[i];
}

void dkm_args_module_name(const void *image, size_t size, const char *path, char *out, size_t len,
                          bool *is_linux)
{
    struct elfinfo ei;
    const char *why, *name = NULL;
    *is_linux = false;
    if (elfinfo_parse(image, size, &ei, &why) == 0) {
        name = elfinfo_modinfo_get(&ei, "name", 0);
        *is_linux = elfinfo_modinfo_get(&ei, "vermagic", 0) != NULL;
    }
    if (name) {
        strlcpy(out, name, len);
        return;
    }
    const char *base = path;
    for (const char *p = path; *p; p++)
        if (*p == '/')
            base = p + 1;
    size_t n = 0;
    while (base[n] && base[n] != '.' && n + 1 < len) {
        out[n] = base[n] == '-' ? '_' : base[n];
        n++;
    }
    out[n] = '\0';
}

char *dkm_args_compose(const char *name, const char *args)
{
    const char *cl = kernel_cmdline();
    size_t cap = strlen(cl) + (args ? strlen(args) : 0) + 2, used = 0;
    char *out = kmalloc(cap);
    if (!out)
        return NULL;
    const char *p = cl;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *word = p;
        bool quoted = false;
        while (*p && (quoted || (*p != ' ' && *p != '\t' && *p != '\n'))) {
            if (*p == '"')
                quoted = !quoted;
            p++;
        }
        const char *dot = word;
        while (dot < p && *dot != '.' && *dot != '=')
            dot++;
        if (dot < p && *dot == '.' && name_eq(word, (size_t)(dot - word), name)) {
            size_t n = (size_t)(p - dot - 1);
            memcpy(out + used, dot + 1, n);
            used += n;
            out[used++] = ' ';
        }
    }
    if (args) {
        size_t n = strlen(args);
        memcpy(out + used, args, n);
        used += n;
    }
    while (used && out[used - 1] == ' ')
        used--;
    out[used] = '\0';
    return out;
}
