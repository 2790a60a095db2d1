/* strapper — loads, lists, inspects and unloads ark's kernel modules. Also installed as insmod,
 * rmmod, lsmod, modinfo and modprobe, and then behaves like that kmod tool (it looks at the name
 * it was started as). Every error names the operation and the kernel's reason, once; --json
 * gives results and errors as JSON for scripts. */
#include "strapper.h"

const char *prog = "strapper";

#define LIST_MAX 512
#define ARGS_MAX 4096

bool json_output;

static const char usage_text[] =
    "usage: strapper COMMAND ...\n"
    "  load [-f] PATH [name=value ...]  load a module, with parameters (-f: ignore its ABI record)\n"
    "  unload [-f] NAME             unload a module (-f: even if other modules use it)\n"
    "  list [--json]                list loaded modules (any user; addresses for root only)\n"
    "  info [-F FIELD] [-p] [-0] [--json] PATH|NAME  show a module's metadata\n"
    "  probe [-v] [-n] [-q] [--show-depends] NAME [name=value ...]\n"
    "                               load NAME (a module name or alias) and its dependencies,\n"
    "                               with /ramdisk/etc/modprobe.d/*.conf applied\n"
    "  probe -r NAME                unload NAME and the dependencies no longer used\n"
    "Options for every command: --json (errors as JSON on stderr)\n";

int fail(const char *what, const char *fmt, ...)
{
    char msg[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (json_output) {
        dprintf(2, "{\"error\":{\"program\":");
        json_str(2, prog);
        dprintf(2, ",\"operation\":");
        json_str(2, what ? what : "");
        dprintf(2, ",\"message\":");
        json_str(2, msg);
        dprintf(2, "}}\n");
        return 1;
    }
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
        if (modname_eq(records[i].name, name))
            return &records[i];
    return NULL;
}

static const char *state_name(uint32_t state)
{
    switch (state) {
    case ARK_DKM_STATE_LIVE:   return "Live";
    case ARK_DKM_STATE_COMING: return "Loading";
    case ARK_DKM_STATE_GOING:  return "Unloading";
    case ARK_DKM_STATE_FAULTED: return "Faulted";
    default:                   return "Unknown";
    }
}

/* ---- load / unload ---- */

/* name=value arguments into one parameter string; values with blanks are quoted. A bare name
 * is passed as it is (a boolean parameter turned on, as on Linux). */
int join_params(char *out, size_t cap, int argc, char **argv)
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

static uint32_t load_flags;         /* insmod -f: ARK_DKM_LOAD_FORCE */

int do_load_args(const char *path, const char *args)
{
    char what[300];
    snprintf(what, sizeof what, "load %s", path);
    int rc = dkm_load_flags(path, args && args[0] ? args : NULL, load_flags);
    return rc < 0 ? fail_kernel(what, rc) : 0;
}

int do_load(const char *path, int nparams, char **params)
{
    static char args[ARGS_MAX];
    if (join_params(args, sizeof args, nparams, params))
        return 1;
    return do_load_args(path, args);
}

int do_unload(const char *name, bool force)
{
    char what[96];
    snprintf(what, sizeof what, "unload %s", name);
    int rc = dkm_unload(name, force ? ARK_DKM_FORCE : 0);
    return rc < 0 ? fail_kernel(what, rc) : 0;
}

static int cmd_load(int argc, char **argv)
{
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-f") || !strcmp(argv[i], "--force"))
            load_flags |= ARK_DKM_LOAD_FORCE;
        else if (!strcmp(argv[i], "--json"))
            json_output = true;
        else
            return fail(NULL, "unknown option '%s'", argv[i]);
    }
    if (i >= argc)
        return usage_error(prog, strcmp(prog, "insmod") ? "load [-f] PATH [name=value ...]"
                                                        : "[-f] PATH [name=value ...]");
    return do_load(argv[i], argc - i - 1, argv + i + 1);
}

static int cmd_unload(int argc, char **argv)
{
    bool force = false;
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--force") == 0)
            force = true;
        else if (!strcmp(argv[i], "--json"))
            json_output = true;
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

static void list_json(const struct ark_dkm_record *r)
{
    printf("[");
    for (int i = 0; i < nrecords; i++) {
        printf("%s{\"name\":", i ? "," : "");
        json_str(1, r[i].name);
        printf(",\"version\":");
        json_str(1, r[i].version);
        printf(",\"size\":%u,\"refcount\":%u,\"used_by\":[", r[i].size, r[i].refcount);
        const char *u = r[i].users;
        for (bool first = true; *u; first = false) {
            const char *comma = strchr(u, ',');
            size_t len = comma ? (size_t)(comma - u) : strlen(u);
            printf("%s", first ? "" : ",");
            json_strn(1, u, len);
            u += len + (comma ? 1 : 0);
        }
        printf("],\"state\":\"%s\",\"address\":\"0x%08x\"}", state_name(r[i].state), r[i].address);
    }
    printf("]\n");
}

static int cmd_list(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json_output = true;
        else
            return usage_error(prog, strcmp(prog, "lsmod") ? "list [--json]" : "[--json]");
    }
    struct ark_dkm_record *r;
    int n = loaded_list(&r);
    if (n < 0)
        return fail_kernel("list", n);
    if (json_output) {
        list_json(r);
        return 0;
    }
    printf("Module  Size  Used by\n");
    for (int i = 0; i < nrecords; i++)
        printf("%-20s %7u  %u %s  %s 0x%08x%s%s%s\n", r[i].name, r[i].size, r[i].refcount,
               r[i].users[0] ? r[i].users : "-", state_name(r[i].state), r[i].address,
               r[i].taint[0] ? " (" : "", r[i].taint, r[i].taint[0] ? ")" : "");
    if (n > nrecords)
        printf("(%d more modules not shown)\n", n - nrecords);
    return 0;
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
    while (argc >= 2 && !strcmp(argv[1], "--json")) {
        json_output = true;
        argv++;
        argc--;
    }
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
