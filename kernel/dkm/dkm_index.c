/* dkm_index.c — on-demand loading (kmod_request, like Linux's request_module) through the module
 * index that tools/mkindex writes into the ramdisk at image-build time:
 *   modules.alias  "module NAME PATH" for every module, "alias PATTERN NAME" for every alias
 *                  (PATTERN may use * and ?), '#' starts a comment line;
 *   modules.dep    "PATH: DEP_PATH ..." — every module it needs, in the order to load them. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "dkm_internal.h"
#include "export.h"
#include "vfs.h"

#define INDEX_FIELD_MAX 192

struct index_file {
    char *data;
    size_t size;
};

static int index_read(const char *path, struct index_file *f)
{
    void *data = NULL;
    size_t size = 0;
    int rc = vfs_read_file(path, &data, &size);
    if (rc < 0)
        return rc;
    f->data = data;
    f->size = size;
    return 0;
}

/* Walks lines: *pos advances past each; returns false at the end. */
static bool index_next_line(const struct index_file *f, size_t *pos, const char **line, size_t *len)
{
    if (*pos >= f->size)
        return false;
    size_t start = *pos, end = start;
    while (end < f->size && f->data[end] != '\n')
        end++;
    *line = f->data + start;
    *len = end - start;
    *pos = end + 1;
    return true;
}

/* Copies the next whitespace-separated field of [*p, end) into out; false if none or too long. */
static bool index_field(const char **p, const char *end, char *out, size_t out_size)
{
    while (*p < end && (**p == ' ' || **p == '\t' || **p == '\r'))
        (*p)++;
    size_t n = 0;
    while (*p < end && **p != ' ' && **p != '\t' && **p != '\r') {
        if (n + 1 >= out_size)
            return false;
        out[n++] = *(*p)++;
    }
    out[n] = '\0';
    return n > 0;
}

static bool glob_match(const char *pat, const char *s)
{
    while (*pat) {
        if (*pat == '*') {
            for (const char *t = s;; t++) {
                if (glob_match(pat + 1, t))
                    return true;
                if (!*t)
                    return false;
            }
        }
        if (!*s || (*pat != '?' && *pat != *s))
            return false;
        pat++;
        s++;
    }
    return *s == '\0';
}

/* "module NAME PATH" lookups: by name (want_name) or by path (want_path). */
static bool index_module(const struct index_file *alias, const char *want_name, const char *want_path,
                         char *name, char *path)
{
    size_t pos = 0, len;
    const char *line;
    char kind[16];
    while (index_next_line(alias, &pos, &line, &len)) {
        const char *p = line, *end = line + len;
        if (!index_field(&p, end, kind, sizeof kind) || strcmp(kind, "module") != 0)
            continue;
        if (!index_field(&p, end, name, INDEX_FIELD_MAX) || !index_field(&p, end, path, INDEX_FIELD_MAX))
            continue;
        if ((want_name && strcmp(name, want_name) == 0) || (want_path && strcmp(path, want_path) == 0))
            return true;
    }
    return false;
}

/* NAME_OR_ALIAS to the module's name and path. */
static bool index_resolve(const struct index_file *alias, const char *want, char *name, char *path)
{
    if (index_module(alias, want, NULL, name, path))
        return true;
    size_t pos = 0, len;
    const char *line;
    char kind[16], pattern[INDEX_FIELD_MAX], target[INDEX_FIELD_MAX];
    while (index_next_line(alias, &pos, &line, &len)) {
        const char *p = line, *end = line + len;
        if (!index_field(&p, end, kind, sizeof kind) || strcmp(kind, "alias") != 0)
            continue;
        if (!index_field(&p, end, pattern, sizeof pattern) || !index_field(&p, end, target, sizeof target))
            continue;
        if (glob_match(pattern, want))
            return index_module(alias, target, NULL, name, path);
    }
    return false;
}

/* Loads DEP_PATHs of PATH's modules.dep line that are not loaded yet. */
static int index_load_deps(const struct index_file *dep, const struct index_file *alias,
                           const char *path, const char *for_name)
{
    size_t pos = 0, len, plen = strlen(path);
    const char *line;
    while (index_next_line(dep, &pos, &line, &len)) {
        if (len <= plen || strncmp(line, path, plen) != 0 || line[plen] != ':')
            continue;
        const char *p = line + plen + 1, *end = line + len;
        char dpath[INDEX_FIELD_MAX], dname[INDEX_FIELD_MAX], scratch[INDEX_FIELD_MAX];
        while (index_field(&p, end, dpath, sizeof dpath)) {
            if (index_module(alias, NULL, dpath, dname, scratch) && dkm_module_find(dname))
                continue;
            printk(KERN_INFO "dkm: request: loading %s (needed by %s)\n", dpath, for_name);
            int rc = dkm_load(dpath, NULL);
            if (rc < 0 && rc != -EEXIST) {
                char why[DKM_ERRMSG_MAX];
                strlcpy(why, dkm_last_error(), sizeof why);
                dkm_set_error(rc, "dependency %s of '%s': %s", dpath, for_name, why);
                return rc;
            }
        }
        return 0;
    }
    return 0;
}

int kmod_request(const char *want)
{
    if (!want || !*want)
        return -EINVAL;
    if (dkm_module_find(want))
        return 0;
    if (dkm_locked_down()) {
        dkm_set_error(-EPERM, "module loading disabled (lockdown)");
        return -EPERM;
    }
    struct index_file alias = { 0, 0 }, dep = { 0, 0 };
    int rc = index_read(DKM_INDEX_ALIAS, &alias);
    if (rc < 0) {
        dkm_set_error(rc, "no module index (%s)", DKM_INDEX_ALIAS);
        return -ENOENT;
    }
    char name[INDEX_FIELD_MAX], path[INDEX_FIELD_MAX];
    if (!index_resolve(&alias, want, name, path)) {
        dkm_set_error(-ENOENT, "no module provides '%s'", want);
        rc = -ENOENT;
        goto out;
    }
    if (dkm_module_find(name)) {
        rc = 0;
        goto out;
    }
    printk(KERN_INFO "dkm: request '%s': loading %s\n", want, path);
    if (index_read(DKM_INDEX_DEP, &dep) == 0) {
        rc = index_load_deps(&dep, &alias, path, name);
        if (rc < 0)
            goto out;
    }
    rc = dkm_load(path, NULL);
    if (rc == -EEXIST)
        rc = 0;
out:
    kfree(alias.data);
    kfree(dep.data);
    return rc;
}
KERNEL_EXPORT(kmod_request);
