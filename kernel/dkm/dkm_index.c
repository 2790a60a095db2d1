/* dkm_index.c — on-demand loading (kmod_request, like Linux's request_module) through the module
 * index that tools/mkindex writes into the ramdisk at image-build time (format and parser:
 * include/ark/modindex.h, shared with strapper). */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "dkm_internal.h"
#include "export.h"
#include "ark/modindex.h"
#include "vfs.h"

/* Reads a whole index file; the caller kfree's *buf (NULL when the read failed). */
static int index_read(const char *path, void **buf, struct modindex_text *t)
{
    size_t size = 0;
    int rc = vfs_read_file(path, buf, &size);
    if (rc < 0)
        return rc;
    t->data = *buf;
    t->size = size;
    return 0;
}

struct index_load_ctx {
    const struct modindex_text *alias;
    const char *for_name;
};

/* modindex_deps callback: loads one DEP_PATH unless that module is loaded already. */
static int index_load_dep(const char *dpath, void *arg)
{
    const struct index_load_ctx *ctx = arg;
    char dname[MODINDEX_FIELD_MAX], scratch[MODINDEX_FIELD_MAX];
    if (modindex_find_module(ctx->alias, NULL, dpath, dname, scratch) && dkm_module_find(dname))
        return 0;
    printk(KERN_INFO "dkm: request: loading %s (needed by %s)\n", dpath, ctx->for_name);
    int rc = dkm_load(dpath, NULL);
    if (rc < 0 && rc != -EEXIST) {
        char why[DKM_ERRMSG_MAX];
        strlcpy(why, dkm_last_error(), sizeof why);
        dkm_set_error(rc, "dependency %s of '%s': %s", dpath, ctx->for_name, why);
        return rc;
    }
    return 0;
}

int kmod_request(const char *want)
{
    if (!want || !*want)
        return -EINVAL;
    struct kmod *have = dkm_module_find(want);
    if (have && !have->going)
        return 0;                      /* a GOING one is loaded again once its unload is done */
    if (dkm_locked_down()) {
        dkm_set_error(-EPERM, "module loading disabled (lockdown)");
        return -EPERM;
    }
    void *alias_buf = NULL, *dep_buf = NULL;
    struct modindex_text alias = { 0, 0 }, dep = { 0, 0 };
    int rc = index_read(DKM_INDEX_ALIAS, &alias_buf, &alias);
    if (rc < 0) {
        dkm_set_error(rc, "no module index (%s)", DKM_INDEX_ALIAS);
        return -ENOENT;
    }
    char name[MODINDEX_FIELD_MAX], path[MODINDEX_FIELD_MAX];
    if (!modindex_resolve(&alias, want, name, path)) {
        dkm_set_error(-ENOENT, "no module provides '%s'", want);
        rc = -ENOENT;
        goto out;
    }
    if (dkm_module_find(name)) {
        rc = 0;
        goto out;
    }
    printk(KERN_INFO "dkm: request '%s': loading %s\n", want, path);
    if (index_read(DKM_INDEX_DEP, &dep_buf, &dep) == 0) {
        struct index_load_ctx ctx = { &alias, name };
        rc = modindex_deps(&dep, path, index_load_dep, &ctx);
        if (rc < 0)
            goto out;
    }
    rc = dkm_load(path, NULL);
    if (rc == -EEXIST)
        rc = 0;
out:
    kfree(alias_buf);
    kfree(dep_buf);
    return rc;
}
KERNEL_EXPORT(kmod_request);
