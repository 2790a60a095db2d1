/* dkm_index.c — on-demand loading (kmod_request, like Linux's request_module) through the module
 * index that tools/mkindex writes into the ramdisk at image-build time (format and parser:
 * include/ark/modindex.h, shared with strapper), configured by /ramdisk/etc/modprobe.d as
 * user-space modprobe is (ark/modconf.h, the same parser): alias lines, blacklists, options for
 * the module and its dependencies, and soft dependencies from both the configuration and the
 * module's MODULE_SOFTDEP. An install line is not run: the kernel runs no commands. */
#include "ark/elfinfo.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/modconf.h"
#include "dkm_internal.h"
#include "export.h"
#include "ark/modindex.h"
#include "vfs.h"

#define REQUEST_CONF_FILES_MAX 16
#define REQUEST_CONF_ENTRIES_MAX 128
#define REQUEST_SOFTDEP_DEPTH 4
#define REQUEST_ARGS_MAX 1024

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

/* What one request (and the soft dependencies it pulls in) reads once. */
struct request_ctx {
    struct modindex_text alias, dep;
    struct modconf conf;
    struct modconf_entry entries[REQUEST_CONF_ENTRIES_MAX];
    char *texts[REQUEST_CONF_FILES_MAX];   /* the .conf files' text, which entries point into */
    char args[REQUEST_ARGS_MAX];
};

static void request_conf_load(struct request_ctx *ctx)
{
    struct ark_dirent d;
    unsigned nfiles = 0;
    ctx->conf = (struct modconf){ .entries = ctx->entries, .cap = REQUEST_CONF_ENTRIES_MAX };
    for (uint32_t i = 0; nfiles < REQUEST_CONF_FILES_MAX && vfs_readdir(MODCONF_DIR, i, &d) == 0; i++) {
        if (d.type != ARK_DT_FILE || !modconf_is_conf_name(d.name))
            continue;
        char path[sizeof MODCONF_DIR + ARK_NAME_MAX + 1];
        snprintf(path, sizeof path, "%s/%s", MODCONF_DIR, d.name);
        void *text = NULL;
        size_t size = 0;
        if (vfs_read_file(path, &text, &size) < 0)
            continue;                  /* vfs_read_file ends the text with a NUL */
        ctx->texts[nfiles++] = text;
        modconf_parse(&ctx->conf, path, text);
    }
}

static void request_ctx_free(struct request_ctx *ctx)
{
    kfree((void *)ctx->alias.data);
    kfree((void *)ctx->dep.data);
    for (unsigned i = 0; i < REQUEST_CONF_FILES_MAX; i++)
        kfree(ctx->texts[i]);
    kfree(ctx);
}

/* Loads path with name's options lines as its parameters, unless it is loaded already. */
static int request_load(struct request_ctx *ctx, const char *name, const char *path)
{
    if (dkm_module_find(name))
        return 0;
    if (modconf_options(&ctx->conf, name, ctx->args, sizeof ctx->args) < 0) {
        dkm_set_error(-E2BIG, "options for '%s' in %s are too long", name, MODCONF_DIR);
        return -E2BIG;
    }
    int rc = dkm_load(path, ctx->args[0] ? ctx->args : NULL);
    return rc == -EEXIST ? 0 : rc;
}

struct dep_load_ctx {
    struct request_ctx *req;
    const char *for_name;
};

/* modindex_deps callback: loads one DEP_PATH unless that module is loaded already. */
static int request_load_dep(const char *dpath, void *arg)
{
    const struct dep_load_ctx *dc = arg;
    char dname[MODINDEX_FIELD_MAX], scratch[MODINDEX_FIELD_MAX];
    if (!modindex_find_module(&dc->req->alias, NULL, dpath, dname, scratch))
        strlcpy(dname, "?", sizeof dname);
    else if (dkm_module_find(dname))
        return 0;
    printk(KERN_INFO "dkm: request: loading %s (needed by %s)\n", dpath, dc->for_name);
    int rc = request_load(dc->req, dname, dpath);
    if (rc < 0) {
        char why[DKM_ERRMSG_MAX];
        strlcpy(why, dkm_last_error(), sizeof why);
        dkm_set_error(rc, "dependency %s of '%s': %s", dpath, dc->for_name, why);
        return rc;
    }
    return 0;
}

static int request_one(struct request_ctx *ctx, const char *want, unsigned depth);

/* A soft dependency list: each module loaded if it can be; a failure is logged and does not stop
 * the module that wants them (Linux's rule). */
static void request_softdeps(struct request_ctx *ctx, const char *list, const char *for_name,
                             unsigned depth)
{
    char buf[256], *p = buf, *w;
    if (depth >= REQUEST_SOFTDEP_DEPTH)
        return;
    strlcpy(buf, list, sizeof buf);
    while ((w = modconf_word(&p)) != NULL) {
        int rc = request_one(ctx, w, depth + 1);
        if (rc < 0)
            printk(KERN_WARNING "dkm: request: soft dependency '%s' of '%s': %s\n", w, for_name,
                   dkm_last_error());
    }
}

/* The module's own MODULE_SOFTDEP lines, read from its file. */
static void request_modinfo_softdeps(const char *path, char *pre, char *post, size_t cap)
{
    void *image = NULL;
    size_t size = 0;
    struct elfinfo ei;
    const char *why;
    if (vfs_read_file(path, &image, &size) < 0)
        return;                        /* the load itself reports the file's problem */
    if (elfinfo_parse(image, size, &ei, &why) == 0) {
        const char *sd;
        for (unsigned i = 0; (sd = elfinfo_modinfo_get(&ei, "softdep", i)); i++)
            modconf_softdep_split(sd, pre, post, cap);
    }
    kfree(image);
}

static int request_one(struct request_ctx *ctx, const char *want, unsigned depth)
{
    struct kmod *have = dkm_module_find(want);
    if (have && !have->going)
        return 0;                      /* a GOING one is loaded again once its unload is done */
    const char *target = modconf_alias(&ctx->conf, want);
    char name[MODINDEX_FIELD_MAX], path[MODINDEX_FIELD_MAX];
    bool via_alias = false;
    if (!modindex_lookup(&ctx->alias, target ? target : want, name, path, &via_alias)) {
        if (target)
            dkm_set_error(-ENOENT, "'%s' is an alias of '%s' (%s), which is not in the module "
                          "index", want, target, MODCONF_DIR);
        else
            dkm_set_error(-ENOENT, "no module provides '%s'", want);
        return -ENOENT;
    }
    if (via_alias && !target && modconf_blacklisted(&ctx->conf, name)) {
        dkm_set_error(-ENOENT, "'%s' is provided by '%s', which %s blacklists", want, name,
                      MODCONF_DIR);
        return -ENOENT;
    }
    if (dkm_module_find(name))
        return 0;
    if (modconf_command(&ctx->conf, MODCONF_INSTALL, name)) {
        /* Linux's kernel hands such a request to modprobe, which runs the command; ark's kernel
         * runs no commands, and loading the module directly would bypass what the line says. */
        dkm_set_error(-ENOEXEC, "%s has an install command for '%s', which only modprobe runs",
                      MODCONF_DIR, name);
        return -ENOEXEC;
    }
    char pre[256] = "", post[256] = "";
    modconf_softdeps(&ctx->conf, name, pre, post, sizeof pre);
    request_modinfo_softdeps(path, pre, post, sizeof pre);
    if (*pre)
        request_softdeps(ctx, pre, name, depth);
    printk(KERN_INFO "dkm: request '%s': loading %s\n", want, path);
    if (ctx->dep.data) {
        struct dep_load_ctx dc = { ctx, name };
        int rc = modindex_deps(&ctx->dep, path, request_load_dep, &dc);
        if (rc < 0)
            return rc;
    }
    int rc = request_load(ctx, name, path);
    if (rc == 0 && *post)
        request_softdeps(ctx, post, name, depth);
    return rc;
}

int kmod_request(const char *want)
{
    if (!want || !*want)
        return -EINVAL;
    struct kmod *have = dkm_module_find(want);
    if (have && !have->going)
        return 0;
    if (dkm_locked_down()) {
        dkm_set_error(-EPERM, "module loading disabled (lockdown)");
        return -EPERM;
    }
    struct request_ctx *ctx = kzalloc(sizeof *ctx);
    if (!ctx) {
        dkm_set_error(-ENOMEM, "out of memory for the request of '%s'", want);
        return -ENOMEM;
    }
    void *buf = NULL;
    int rc = index_read(DKM_INDEX_ALIAS, &buf, &ctx->alias);
    if (rc < 0) {
        request_ctx_free(ctx);
        dkm_set_error(rc, "no module index (%s)", DKM_INDEX_ALIAS);
        return -ENOENT;
    }
    buf = NULL;
    if (index_read(DKM_INDEX_DEP, &buf, &ctx->dep) < 0)
        ctx->dep.data = NULL;
    request_conf_load(ctx);
    rc = request_one(ctx, want, 0);
    request_ctx_free(ctx);
    return rc;
}
KERNEL_EXPORT(kmod_request);
