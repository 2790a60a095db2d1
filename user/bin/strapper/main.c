/* strapper — loads, lists, inspects and unloads ark's kernel modules. Also installed as insmod,
 * rmmod, lsmod, modinfo and modprobe, and then behaves like that kmod tool (it looks at the name
 * it was started as). Every error names the operation and the kernel's reason. */
#include "strapper.h"

const char *prog = "strapper";

#define LIST_MAX 512
#define ARGS_MAX 4096
#define INFO_MAX 8192

static const char usage_text[] =
    "usage: strapper COMMAND ...\n"
    "  load PATH [name=value ...]   load a module, with parameters\n"
    "  unload [-f] NAME             unload a module (-f: even if other modules use it)\n"
    "  list                         list loaded modules\n"
    "  info PATH|NAME               show a module's metadata\n"
    "  probe [-v] NAME [name=value ...]  load NAME (a module name or alias) and its dependencies\n"
    "  probe -r NAME                unload NAME and the dependencies no longer used\n";

int fail(const char *what, const char *fmt, ...)
{
    char msg[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (what && *what)
        eprintf("%s: %s: %s\n", prog, what, msg);
    else
        eprintf("%s: %s\n", prog, msg);
    return 1;
}

int fail_kernel(const char *what, long rc)
{
    char msg[512];
    long n = dkm_lasterr(msg, sizeof msg);
    if (rc == -EPERM && (n <= 0 || strstr(msg, "permission denied")))
        return fail(what, "permission denied");
    if (n > 0)
        return fail(what, "%s", msg);
    return fail(what, "%s", strerror((int)rc));
}

/* ---- the kernel's module list ---- */

static struct ark_dkm_record records[LIST_MAX];
static int nrecords;

int loaded_list(struct ark_dkm_record **out)
{
    int n = dkm_list(records, LIST_MAX);
    if (n < 0)
        return n;
    nrecords = n < LIST_MAX ? n : LIST_MAX;
    if (out)
        *out = records;
    return n;
}

const struct ark_dkm_record *loaded_find(const char *name)
{
    for (int i = 0; i < nrecords; i++)
        if (strcmp(records[i].name, name) == 0)
            return &records[i];
    return NULL;
}

static const char *state_name(uint32_t state)
{
    switch (state) {
    case ARK_DKM_STATE_LIVE:   return "Live";
    case ARK_DKM_STATE_COMING: return "Loading";
    case ARK_DKM_STATE_GOING:  return "Unloading";
    default:                   return "Unknown";
    }
}

/* ---- load / unload ---- */

/* name=value arguments into one parameter string; values with blanks are quoted. A bare name
 * is passed as it is (a boolean parameter turned on, as on Linux). */
static int join_params(char *out, size_t cap, int argc, char **argv)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (eq == argv[i] || !argv[i][0])
            return fail(NULL, "bad parameter '%s': expected name=value or name", argv[i]);
        if (!eq) {
            int n = snprintf(out + used, cap - used, "%s%s", used ? " " : "", argv[i]);
            if (n < 0 || (size_t)n >= cap - used)
                return fail(NULL, "parameters too long (limit %u bytes)", (unsigned)cap - 1);
            used += (size_t)n;
            continue;
        }
        bool blank = strchr(eq, ' ') || strchr(eq, '\t');
        int n = snprintf(out + used, cap - used, "%s%.*s%s%s%s", used ? " " : "",
                         (int)(eq - argv[i] + 1), argv[i], blank ? "\"" : "", eq + 1,
                         blank ? "\"" : "");
        if (n < 0 || (size_t)n >= cap - used)
            return fail(NULL, "parameters too long (limit %u bytes)", (unsigned)cap - 1);
        used += (size_t)n;
    }
    return 0;
}

static int do_load(const char *path, int nparams, char **params)
{
    static char args[ARGS_MAX];
    char what[300];
    snprintf(what, sizeof what, "load %s", path);
    if (join_params(args, sizeof args, nparams, params))
        return 1;
    int rc = dkm_load(path, args[0] ? args : NULL);
    return rc < 0 ? fail_kernel(what, rc) : 0;
}

static int do_unload(const char *name, bool force)
{
    char what[96];
    snprintf(what, sizeof what, "unload %s", name);
    int rc = dkm_unload(name, force ? ARK_DKM_FORCE : 0);
    return rc < 0 ? fail_kernel(what, rc) : 0;
}

static int cmd_load(int argc, char **argv)
{
    if (argc < 1)
        return usage_error(prog, strcmp(prog, "insmod") ? "load PATH [name=value ...]"
                                                        : "PATH [name=value ...]");
    return do_load(argv[0], argc - 1, argv + 1);
}

static int cmd_unload(int argc, char **argv)
{
    bool force = false;
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--force") == 0)
            force = true;
        else
            return fail(NULL, "unknown option '%s'", argv[i]);
    }
    if (i >= argc)
        return usage_error(prog, strcmp(prog, "rmmod") ? "unload [-f] NAME" : "[-f] NAME...");
    int status = 0;
    for (; i < argc; i++)
        status |= do_unload(argv[i], force);
    return status;
}

static int cmd_list(int argc, char **argv)
{
    (void)argv;
    if (argc != 0)
        return usage_error(prog, strcmp(prog, "lsmod") ? "list" : "");
    struct ark_dkm_record *r;
    int n = loaded_list(&r);
    if (n < 0)
        return fail_kernel("list", n);
    printf("Module  Size  Used by\n");
    for (int i = 0; i < nrecords; i++)
        printf("%-20s %7u  %u %s  %s 0x%08x\n", r[i].name, r[i].size, r[i].refcount,
               r[i].users[0] ? r[i].users : "-", state_name(r[i].state), r[i].address);
    if (n > nrecords)
        printf("(%d more modules not shown)\n", n - nrecords);
    return 0;
}

/* ---- info ---- */

/* "key=value" entries as "key: value"; parm and parmtype merge as "parm: NAME:DESC (TYPE)". */
static void print_entry(const char *entry, const char *(*find_type)(const char *param, size_t len))
{
    const char *eq = strchr(entry, '=');
    if (!eq)
        return;
    size_t klen = (size_t)(eq - entry);
    if (klen == 8 && strncmp(entry, "parmtype", 8) == 0)
        return;
    if (klen == 4 && strncmp(entry, "parm", 4) == 0) {
        const char *colon = strchr(eq + 1, ':');
        const char *type = colon ? find_type(eq + 1, (size_t)(colon - eq - 1)) : NULL;
        if (type) {
            printf("parm: %s (%s)\n", eq + 1, type);
            return;
        }
    }
    printf("%.*s: %s\n", (int)klen, entry, eq + 1);
}

static const struct elfinfo *type_ei;
static const char *file_param_type(const char *param, size_t len)
{
    const char *t;
    for (unsigned i = 0; (t = elfinfo_modinfo_get(type_ei, "parmtype", i)); i++)
        if (strncmp(t, param, len) == 0 && t[len] == ':')
            return t + len + 1;
    return NULL;
}

static char info_buf[INFO_MAX];
static long info_len;
static const char *kernel_param_type(const char *param, size_t len)
{
    for (long pos = 0; pos < info_len; pos += (long)strlen(info_buf + pos) + 1)
        if (strncmp(info_buf + pos, "parmtype=", 9) == 0 &&
            strncmp(info_buf + pos + 9, param, len) == 0 && info_buf[pos + 9 + len] == ':')
            return info_buf + pos + 10 + len;
    return NULL;
}

static int info_file(const char *path)
{
    char what[300];
    snprintf(what, sizeof what, "info %s", path);
    struct elfinfo ei;
    if (modfile_open(what, path, &ei))
        return 1;
    printf("filename: %s\n", path);
    if (!ei.modinfo)
        printf("(no .modinfo section: not built with ark's module headers)\n");
    type_ei = &ei;
    for (const char *e = elfinfo_modinfo_next(&ei, NULL); e; e = elfinfo_modinfo_next(&ei, e))
        print_entry(e, file_param_type);
    return 0;
}

static int info_loaded(const char *name)
{
    char what[96];
    snprintf(what, sizeof what, "info %s", name);
    info_len = dkm_info(name, info_buf, sizeof info_buf - 1);
    if (info_len < 0)
        return fail_kernel(what, info_len);
    if (info_len > (long)sizeof info_buf - 1)
        info_len = sizeof info_buf - 1;
    info_buf[info_len] = '\0';
    for (long pos = 0; pos < info_len; pos += (long)strlen(info_buf + pos) + 1)
        if (info_buf[pos])
            print_entry(info_buf + pos, kernel_param_type);
    return 0;
}

static int cmd_info(int argc, char **argv)
{
    if (argc != 1)
        return usage_error(prog, strcmp(prog, "modinfo") ? "info PATH|NAME" : "PATH|NAME");
    const char *arg = argv[0];
    struct ark_stat st;
    if (strchr(arg, '/') && stat(arg, &st) == 0)
        return info_file(arg);
    if (strchr(arg, '/'))
        return info_file(arg);            /* reports the missing file */
    int n = loaded_list(NULL);
    if (n >= 0 && loaded_find(arg))
        return info_loaded(arg);
    char name[INDEX_FIELD_MAX], path[INDEX_FIELD_MAX];
    if (index_resolve(arg, name, path) == 0)
        return info_file(path);
    char what[96];
    snprintf(what, sizeof what, "info %s", arg);
    if (n < 0)
        return fail_kernel(what, n);
    return fail(what, "no module '%s' is loaded or in the module index", arg);
}

/* ---- probe ---- */

static bool verbose;

static int probe_dep(const char *dep_path, void *arg)
{
    (void)arg;
    char name[INDEX_FIELD_MAX];
    if (index_name_of(dep_path, name) == 0 && loaded_find(name))
        return 0;
    if (verbose)
        printf("load %s\n", dep_path);
    return do_load(dep_path, 0, NULL);
}

static int probe_load(const char *want, int nparams, char **params)
{
    char what[96], name[INDEX_FIELD_MAX], path[INDEX_FIELD_MAX];
    snprintf(what, sizeof what, "probe %s", want);
    int n = loaded_list(NULL);
    if (n < 0)
        return fail_kernel(what, n);
    int rc = index_resolve(want, name, path);
    if (rc == -ENOENT)
        return fail(what, "no module or alias '%s' in the module index", want);
    if (rc < 0)
        return fail(what, "cannot read the module index (%s): %s", INDEX_ALIAS, strerror(rc));
    if (loaded_find(name)) {
        if (verbose)
            printf("%s is already loaded\n", name);
        return 0;
    }
    rc = index_deps(path, probe_dep, NULL);
    if (rc < 0)
        return fail(what, "cannot read the module index (%s): %s", INDEX_DEP, strerror(rc));
    if (rc > 0)
        return rc;
    if (verbose)
        printf("load %s\n", path);
    return do_load(path, nparams, params);
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

static int probe_remove(const char *want)
{
    char what[96], name[INDEX_FIELD_MAX], path[INDEX_FIELD_MAX];
    snprintf(what, sizeof what, "probe -r %s", want);
    int n = loaded_list(NULL);
    if (n < 0)
        return fail_kernel(what, n);
    bool indexed = index_resolve(want, name, path) == 0;
    if (!indexed)
        strlcpy(name, want, sizeof name);
    if (!loaded_find(name))
        return fail(what, "module '%s' is not loaded", name);
    ndeps_seen = 0;
    if (indexed)
        index_deps(path, collect_dep, NULL);
    if (verbose)
        printf("unload %s\n", name);
    if (do_unload(name, false))
        return 1;
    for (int i = ndeps_seen - 1; i >= 0; i--) {
        char dname[INDEX_FIELD_MAX];
        if (index_name_of(deps_seen[i], dname) != 0 || loaded_list(NULL) < 0)
            continue;
        const struct ark_dkm_record *r = loaded_find(dname);
        if (!r || r->refcount != 0)
            continue;                      /* not loaded, or still used */
        if (verbose)
            printf("unload %s\n", dname);
        if (do_unload(dname, false))
            return 1;
    }
    return 0;
}

static int cmd_probe(int argc, char **argv)
{
    bool remove = false;
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-r") == 0 || strcmp(argv[i], "--remove") == 0)
            remove = true;
        else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0)
            verbose = true;
        else
            return fail(NULL, "unknown option '%s'", argv[i]);
    }
    const char *usage = strcmp(prog, "modprobe") ? "probe [-v] [-r] NAME [name=value ...]"
                                                 : "[-v] [-r] NAME [name=value ...]";
    if (i >= argc || (remove && argc - i != 1))
        return usage_error(prog, usage);
    return remove ? probe_remove(argv[i]) : probe_load(argv[i], argc - i - 1, argv + i + 1);
}

/* ---- dispatch ---- */

static const struct {
    const char *command;       /* strapper COMMAND */
    const char *kmod_name;     /* the kmod tool it also acts as */
    int (*run)(int argc, char **argv);
} commands[] = {
    { "load", "insmod", cmd_load },     { "unload", "rmmod", cmd_unload },
    { "list", "lsmod", cmd_list },      { "info", "modinfo", cmd_info },
    { "probe", "modprobe", cmd_probe },
};

int main(int argc, char **argv)
{
    const char *base = argc > 0 && argv[0] ? argv[0] : "strapper";
    const char *slash = strrchr(base, '/');
    prog = slash ? slash + 1 : base;
    for (unsigned i = 0; i < ARK_ARRAY_SIZE(commands); i++)
        if (strcmp(prog, commands[i].kmod_name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    prog = "strapper";
    if (argc < 2) {
        eprintf("%s", usage_text);
        return 2;
    }
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        printf("%s", usage_text);
        return 0;
    }
    for (unsigned i = 0; i < ARK_ARRAY_SIZE(commands); i++)
        if (strcmp(argv[1], commands[i].command) == 0)
            return commands[i].run(argc - 2, argv + 2);
    eprintf("strapper: unknown command '%s'\n%s", argv[1], usage_text);
    return 2;
}
