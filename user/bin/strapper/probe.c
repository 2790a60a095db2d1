/* probe.c — `strapper probe` / modprobe: loads a module by name or alias through the module index
 * with its dependencies first, its modprobe.d options and its soft dependencies (MODULE_SOFTDEP
 * and softdep lines); -r removes it and the dependencies no longer used. A modprobe.d install
 * (remove) line runs its command with /bin/sh -c instead of loading (unloading) the module, with
 * $CMDLINE_OPTS replaced by the parameters given to modprobe; --ignore-install, --ignore-remove
 * and -i (both) load and unload as if there were none. -n (--dry-run) and --show-depends print
 * the insmod and install commands instead of running them; -v prints them as they run; -q
 * keeps quiet about modules that cannot be found. */
#include "strapper.h"

#define ARGS_MAX 4096

struct probe_opts {
    bool verbose, dry_run, show_depends, quiet, ignore_install, ignore_remove;
};

static struct probe_opts opts;

/* Loads (or, with -n / --show-depends, prints) one module file with args. */
static int probe_insmod(const char *path, const char *args, bool loaded)
{
    if (opts.show_depends || opts.dry_run || opts.verbose)
        printf("insmod %s%s%s\n", path, args && *args ? " " : "", args ? args : "");
    if (opts.show_depends || opts.dry_run || loaded)
        return 0;
    return do_load_args(path, args);
}

/* Runs a modprobe.d install or remove command (KIND) with /bin/sh -c, after putting params in
 * place of $CMDLINE_OPTS; with -n / --show-depends only prints it. 0, or 1 with the error shown. */
static int probe_command(const char *kind, const char *name, const char *command,
                         const char *params)
{
    static const char token[] = "$CMDLINE_OPTS";
    char cmd[ARGS_MAX], what[96];
    snprintf(what, sizeof what, "probe %s", name);
    size_t used = 0;
    for (const char *p = command; *p;) {
        const char *piece = p;
        size_t len = 1;
        if (!strncmp(p, token, sizeof token - 1)) {
            piece = params ? params : "";
            len = strlen(piece);
            p += sizeof token - 1;
        } else {
            p++;
        }
        if (used + len >= sizeof cmd)
            return fail(what, "%s command too long", kind);
        memcpy(cmd + used, piece, len);
        used += len;
    }
    cmd[used] = '\0';
    if (opts.show_depends || opts.dry_run || opts.verbose)
        printf("%s %s\n", kind, cmd);
    if (opts.show_depends || opts.dry_run)
        return 0;
    char *argv[] = { "sh", "-c", cmd, NULL };
    ark_pid_t pid = spawn("/bin/sh", argv);
    if (pid < 0)
        return fail(what, "%s command: cannot run /bin/sh: %s", kind, strerror(pid));
    int status = 0;
    long r = wait(pid, &status);
    if (r < 0)
        return fail(what, "%s command: %s", kind, strerror((int)r));
    if (status != 0)
        return fail(what, "%s command failed (exit status %d): %s", kind, status, cmd);
    return 0;
}

static int probe_dep(const char *dep_path, void *arg)
{
    (void)arg;
    char name[INDEX_FIELD_MAX], args[ARGS_MAX];
    bool named = index_name_of(dep_path, name) == 0;
    bool loaded = named && loaded_find(name);
    if (loaded && !opts.show_depends)
        return 0;
    const char *install = named && !opts.ignore_install ? conf_install(name) : NULL;
    if (install && !loaded)
        return probe_command("install", name, install, NULL);
    if (!named || conf_options(name, args, sizeof args) < 0)
        args[0] = '\0';
    return probe_insmod(dep_path, args, loaded);
}

static int probe_load(const char *want, const char *extra_args, int depth);

/* Soft dependencies: each module of the list, loaded if it can be; failures are reported but do
 * not stop the module that wants them (Linux's rule). */
static void probe_softdeps(const char *list, int depth)
{
    char buf[256], *p = buf, *w;
    if (depth >= 4)
        return;
    strlcpy(buf, list, sizeof buf);
    while ((w = modconf_word(&p)) != NULL)
        (void)probe_load(w, NULL, depth + 1);
}

static int probe_load(const char *want, const char *extra_args, int depth)
{
    char what[96], name[INDEX_FIELD_MAX], path[INDEX_FIELD_MAX];
    snprintf(what, sizeof what, "probe %s", want);
    int n = loaded_list(NULL);
    if (n < 0)
        return fail_kernel(what, n);
    const char *target = conf_alias(want);
    bool via_alias = false;
    int rc = index_lookup(target ? target : want, name, path, &via_alias);
    if (rc == 0 && via_alias && !target && conf_blacklisted(name))
        rc = -ENOENT;                  /* a blacklisted module's own aliases do not count */
    if (rc == -ENOENT)
        return opts.quiet ? 1 : fail(what, "no module or alias '%s' in the module index", want);
    if (rc < 0)
        return fail(what, "cannot read the module index (%s): %s", INDEX_ALIAS, strerror(rc));
    bool loaded = loaded_find(name) != NULL;
    if (loaded && !opts.show_depends) {
        if (opts.verbose)
            printf("%s is already loaded\n", name);
        return 0;
    }
    char pre[256] = "", post[256] = "";
    conf_softdeps(name, pre, post, sizeof pre);
    struct elfinfo ei;
    if (modfile_open(what, path, &ei))
        return 1;
    for (unsigned i = 0;; i++) {
        const char *sd = elfinfo_modinfo_get(&ei, "softdep", i);
        if (!sd)
            break;
        char spec[256];
        strlcpy(spec, sd, sizeof spec);   /* modfile's buffer is reused by the recursion */
        softdep_split(spec, pre, post, sizeof pre);
    }
    if (*pre)
        probe_softdeps(pre, depth);
    rc = index_deps(path, probe_dep, NULL);
    if (rc < 0)
        return fail(what, "cannot read the module index (%s): %s", INDEX_DEP, strerror(rc));
    if (rc > 0)
        return rc;
    const char *install = opts.ignore_install ? NULL : conf_install(name);
    if (install && !loaded) {
        rc = probe_command("install", name, install, extra_args);
        if (rc == 0 && *post)
            probe_softdeps(post, depth);
        return rc;
    }
    char args[ARGS_MAX];
    if (conf_options(name, args, sizeof args) < 0)
        return fail(what, "options for %s too long", name);
    if (extra_args && *extra_args) {
        if (*args)
            strlcat(args, " ", sizeof args);
        if (strlcat(args, extra_args, sizeof args) >= sizeof args)
            return fail(what, "parameters too long");
    }
    rc = probe_insmod(path, args, loaded);
    if (rc == 0 && *post)
        probe_softdeps(post, depth);
    return rc;
}

/* Dependencies of the removed module, collected so they can be tried last-loaded first. */
static char deps_seen[32][INDEX_FIELD_MAX];
static int ndeps_seen;

static int collect_dep(const char *dep_path, void *arg)
{
    (void)arg;
    if (ndeps_seen < 32)
        strlcpy(deps_seen[ndeps_seen++], dep_path, INDEX_FIELD_MAX);
    return 0;
}

static int probe_rmmod(const char *name)
{
    if (opts.verbose || opts.dry_run)
        printf("rmmod %s\n", name);
    return opts.dry_run ? 0 : do_unload(name, false);
}

static int probe_remove(const char *want)
{
    char what[96], name[INDEX_FIELD_MAX], path[INDEX_FIELD_MAX];
    snprintf(what, sizeof what, "probe -r %s", want);
    int n = loaded_list(NULL);
    if (n < 0)
        return fail_kernel(what, n);
    const char *target = conf_alias(want);
    bool indexed = index_resolve(target ? target : want, name, path) == 0;
    if (!indexed)
        strlcpy(name, want, sizeof name);
    const struct ark_dkm_record *r = loaded_find(name);
    const char *remove = opts.ignore_remove ? NULL : conf_remove(name);
    if (!r && !remove)
        return opts.quiet ? 1 : fail(what, "module '%s' is not loaded", name);
    if (r)
        strlcpy(name, r->name, sizeof name);
    ndeps_seen = 0;
    if (indexed)
        index_deps(path, collect_dep, NULL);
    /* As on Linux, a remove command runs whether or not the module is loaded. */
    if (remove ? probe_command("remove", name, remove, NULL) : probe_rmmod(name))
        return 1;
    for (int i = ndeps_seen - 1; i >= 0; i--) {
        char dname[INDEX_FIELD_MAX];
        if (index_name_of(deps_seen[i], dname) != 0 || loaded_list(NULL) < 0)
            continue;
        const struct ark_dkm_record *d = loaded_find(dname);
        if (!d || (d->refcount != 0 && !opts.dry_run))
            continue;                      /* not loaded, or still used */
        if (probe_rmmod(dname))
            return 1;
    }
    return 0;
}

int cmd_probe(int argc, char **argv)
{
    bool remove = false;
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-r") || !strcmp(a, "--remove"))
            remove = true;
        else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
            opts.verbose = true;
        else if (!strcmp(a, "-n") || !strcmp(a, "--dry-run"))
            opts.dry_run = true;
        else if (!strcmp(a, "-D") || !strcmp(a, "--show-depends"))
            opts.show_depends = true;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
            opts.quiet = true;
        else if (!strcmp(a, "--json"))
            json_output = true;
        else if (!strcmp(a, "--ignore-install"))
            opts.ignore_install = true;
        else if (!strcmp(a, "--ignore-remove"))
            opts.ignore_remove = true;
        else if (!strcmp(a, "-i"))
            opts.ignore_install = opts.ignore_remove = true;
        else
            return fail(NULL, "unknown option '%s'", a);
    }
    const char *usage = strcmp(prog, "modprobe")
        ? "probe [-v] [-n] [-q] [-r] [-i] [--ignore-install] [--ignore-remove] [--show-depends] NAME [name=value ...]"
        : "[-v] [-n] [-q] [-r] [-i] [--ignore-install] [--ignore-remove] [--show-depends] NAME [name=value ...]";
    if (i >= argc || (remove && argc - i != 1))
        return usage_error(prog, usage);
    if (remove)
        return probe_remove(argv[i]);
    static char args[ARGS_MAX];
    if (join_params(args, sizeof args, argc - i - 1, argv + i + 1))
        return 1;
    return probe_load(argv[i], args, 0);
}
