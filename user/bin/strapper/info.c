/* info.c — `strapper info` / modinfo: a module's .modinfo, from its file (a path, or a name or
 * alias found in the module index) or, for a loaded module, from the kernel with its state and
 * parameter values. -F FIELD prints one field's values, -p the parameters ("name:description
 * (type)"), -0 ends each item with NUL instead of a newline, --json prints one object. */
#include "strapper.h"

#define INFO_MAX 8192
#define ENTRIES_MAX 256

static const char *entries[ENTRIES_MAX];   /* "key=value" */
static int nentries;
static char info_buf[INFO_MAX];
static char filename[INDEX_FIELD_MAX + 64];

struct info_opts {
    const char *field;         /* -F */
    bool params;               /* -p */
    char end;                  /* '\n', or '\0' with -0 */
};

static bool key_is(const char *entry, const char *key)
{
    size_t n = strlen(key);
    return !strncmp(entry, key, n) && entry[n] == '=';
}

/* The type of parameter NAME (LEN bytes) from the parmtype entries, or NULL. */
static const char *param_type(const char *name, size_t len)
{
    for (int i = 0; i < nentries; i++)
        if (key_is(entries[i], "parmtype") && !strncmp(entries[i] + 9, name, len) &&
            entries[i][9 + len] == ':')
            return entries[i] + 10 + len;
    return NULL;
}

static const char *param_desc(const char *name, size_t len)
{
    for (int i = 0; i < nentries; i++)
        if (key_is(entries[i], "parm") && !strncmp(entries[i] + 5, name, len) &&
            entries[i][5 + len] == ':')
            return entries[i] + 6 + len;
    return NULL;
}

/* Each parameter once, in the order of its first parm or parmtype entry: calls fn. */
static void each_param(void (*fn)(const char *name, size_t len, const struct info_opts *o, bool first),
                       const struct info_opts *o)
{
    bool first = true;
    for (int i = 0; i < nentries; i++) {
        const char *v;
        if (key_is(entries[i], "parm"))
            v = entries[i] + 5;
        else if (key_is(entries[i], "parmtype"))
            v = entries[i] + 9;
        else
            continue;
        const char *colon = strchr(v, ':');
        if (!colon)
            continue;
        size_t len = (size_t)(colon - v);
        bool seen = false;
        for (int j = 0; j < i && !seen; j++) {
            const char *w = key_is(entries[j], "parm") ? entries[j] + 5
                          : key_is(entries[j], "parmtype") ? entries[j] + 9 : NULL;
            seen = w && !strncmp(w, v, len) && w[len] == ':';
        }
        if (!seen) {
            fn(v, len, o, first);
            first = false;
        }
    }
}

static void print_param(const char *name, size_t len, const struct info_opts *o, bool first)
{
    (void)first;
    const char *desc = param_desc(name, len), *type = param_type(name, len);
    printf("%.*s:%s", (int)len, name, desc ? desc : "");
    if (type)
        printf(" (%s)", type);
    printf("%c", o->end);
}

static void json_param(const char *name, size_t len, const struct info_opts *o, bool first)
{
    (void)o;
    const char *desc = param_desc(name, len), *type = param_type(name, len);
    printf("%s{\"name\":", first ? "" : ",");
    json_strn(1, name, len);
    printf(",\"type\":");
    if (type)
        json_str(1, type);
    else
        printf("null");
    printf(",\"description\":");
    if (desc)
        json_str(1, desc);
    else
        printf("null");
    printf("}");
}

static void print_json(void)
{
    printf("{\"filename\":");
    json_str(1, filename);
    printf(",\"fields\":{");
    bool first_key = true;
    for (int i = 0; i < nentries; i++) {
        const char *eq = strchr(entries[i], '=');
        size_t klen = (size_t)(eq - entries[i]);
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = !strncmp(entries[j], entries[i], klen + 1);
        if (seen)
            continue;
        printf("%s", first_key ? "" : ",");
        first_key = false;
        json_strn(1, entries[i], klen);
        printf(":[");
        bool first_val = true;
        for (int j = i; j < nentries; j++) {
            if (strncmp(entries[j], entries[i], klen + 1))
                continue;
            printf("%s", first_val ? "" : ",");
            first_val = false;
            json_str(1, entries[j] + klen + 1);
        }
        printf("]");
    }
    printf("},\"parameters\":[");
    each_param(json_param, NULL);
    printf("]}\n");
}

static void print_info(const struct info_opts *o)
{
    if (json_output) {
        print_json();
        return;
    }
    if (o->field) {
        if (!strcmp(o->field, "filename")) {
            printf("%s%c", filename, o->end);
            return;
        }
        for (int i = 0; i < nentries; i++)
            if (key_is(entries[i], o->field))
                printf("%s%c", entries[i] + strlen(o->field) + 1, o->end);
        return;
    }
    if (o->params) {
        each_param(print_param, o);
        return;
    }
    printf("filename: %s%c", filename, o->end);
    for (int i = 0; i < nentries; i++) {
        const char *eq = strchr(entries[i], '=');
        size_t klen = (size_t)(eq - entries[i]);
        if (key_is(entries[i], "parmtype") || key_is(entries[i], "filename"))
            continue;
        if (key_is(entries[i], "parm")) {
            const char *colon = strchr(eq + 1, ':');
            const char *type = colon ? param_type(eq + 1, (size_t)(colon - eq - 1)) : NULL;
            if (type) {
                printf("parm: %s (%s)%c", eq + 1, type, o->end);
                continue;
            }
        }
        printf("%.*s: %s%c", (int)klen, entries[i], eq + 1, o->end);
    }
}

static void add_entry(const char *e)
{
    if (strchr(e, '=') && strchr(e, '=') != e && nentries < ENTRIES_MAX)
        entries[nentries++] = e;
}

static int info_file(const char *path, const struct info_opts *o)
{
    char what[300];
    snprintf(what, sizeof what, "info %s", path);
    struct elfinfo ei;
    if (modfile_open(what, path, &ei))
        return 1;
    nentries = 0;
    strlcpy(filename, path, sizeof filename);
    for (const char *e = elfinfo_modinfo_next(&ei, NULL); e; e = elfinfo_modinfo_next(&ei, e))
        add_entry(e);
    /* As Linux's modpost does, a device table's entries show as aliases. */
    static char dev_aliases[64][96];
    struct elfinfo_devtable_pos pos = { 0, 0 };
    for (int n = 0; n < 64 && elfinfo_devtable_next(&ei, &pos, dev_aliases[n] + 6,
                                                              sizeof dev_aliases[n] - 6); n++) {
        memcpy(dev_aliases[n], "alias=", 6);
        add_entry(dev_aliases[n]);
    }
    if (!ei.modinfo && !json_output && !o->field && !o->params)
        printf("(no .modinfo section: not built with ark's module headers)\n");
    print_info(o);
    if (!json_output && !o->field && !o->params)
        modfile_print_signature();
    return 0;
}

static int info_loaded(const char *name, const struct info_opts *o)
{
    char what[96];
    snprintf(what, sizeof what, "info %s", name);
    long len = dkm_info(name, info_buf, sizeof info_buf - 1);
    if (len < 0)
        return fail_kernel(what, len);
    if (len > (long)sizeof info_buf - 1)
        len = sizeof info_buf - 1;
    info_buf[len] = '\0';
    nentries = 0;
    strlcpy(filename, name, sizeof filename);
    for (long pos = 0; pos < len; pos += (long)strlen(info_buf + pos) + 1) {
        if (key_is(info_buf + pos, "filename"))
            strlcpy(filename, info_buf + pos + 9, sizeof filename);
        add_entry(info_buf + pos);
    }
    print_info(o);
    return 0;
}

static int info_one(const char *arg, const struct info_opts *o)
{
    if (strchr(arg, '/'))
        return info_file(arg, o);      /* a missing file is reported there */
    int n = loaded_list(NULL);
    if (n >= 0 && loaded_find(arg))
        return info_loaded(arg, o);
    char name[INDEX_FIELD_MAX], path[INDEX_FIELD_MAX];
    if (index_resolve(arg, name, path) == 0)
        return info_file(path, o);
    char what[96];
    snprintf(what, sizeof what, "info %s", arg);
    if (n < 0)
        return fail_kernel(what, n);
    return fail(what, "no module '%s' is loaded or in the module index", arg);
}

int cmd_info(int argc, char **argv)
{
    struct info_opts o = { NULL, false, '\n' };
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-F") || !strcmp(argv[i], "--field")) {
            if (++i >= argc)
                return fail(NULL, "%s needs a field name", argv[i - 1]);
            o.field = argv[i];
        } else if (!strncmp(argv[i], "--field=", 8)) {
            o.field = argv[i] + 8;
        } else if (!strcmp(argv[i], "-p") || !strcmp(argv[i], "--parameters")) {
            o.params = true;
        } else if (!strcmp(argv[i], "-0") || !strcmp(argv[i], "--null")) {
            o.end = '\0';
        } else if (!strcmp(argv[i], "--json")) {
            json_output = true;
        } else {
            return fail(NULL, "unknown option '%s'", argv[i]);
        }
    }
    if (i >= argc)
        return usage_error(prog, strcmp(prog, "modinfo") ? "info [-F FIELD] [-p] [-0] [--json] PATH|NAME..."
                                                         : "[-F FIELD] [-p] [-0] [--json] PATH|NAME...");
    int status = 0;
    for (; i < argc; i++)
        status |= info_one(argv[i], &o);
    return status;
}
