/* modconf.c — the modprobe.d parser and its queries (see ark/modconf.h), compiled into strapper
 * and the kernel; it uses only the string functions of ark/arklib.h. */
#include "ark/arklib.h"
#include "ark/errno.h"
#include "ark/modconf.h"
#include "ark/modindex.h"

bool modconf_name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

bool modconf_is_conf_name(const char *name)
{
    size_t len = strlen(name);
    return len > 5 && strcmp(name + len - 5, ".conf") == 0;
}

static bool modconf_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

char *modconf_word(char **p)
{
    char *s = *p;
    while (modconf_blank(*s))
        s++;
    if (!*s)
        return NULL;
    char *w = s;
    while (*s && !modconf_blank(*s))
        s++;
    if (*s)
        *s++ = '\0';
    *p = s;
    return w;
}

static void modconf_report(struct modconf *c, const char *file, unsigned line, const char *fmt,
                           const char *a, const char *b)
{
    char msg[160];
    if (!c->report)
        return;
    snprintf(msg, sizeof msg, fmt, a, b);
    c->report(c->report_arg, file, line, msg);
}

static const struct {
    const char *keyword;
    enum modconf_kind kind;
    const char *needs;         /* what a line without its arguments lacks */
} modconf_keywords[] = {
    { "alias", MODCONF_ALIAS, "a pattern and a module" },
    { "options", MODCONF_OPTIONS, "a module name" },
    { "blacklist", MODCONF_BLACKLIST, "a module name" },
    { "softdep", MODCONF_SOFTDEP, "a module name" },
    { "install", MODCONF_INSTALL, "a module name and a command" },
    { "remove", MODCONF_REMOVE, "a module name and a command" },
};

static void modconf_line(struct modconf *c, const char *file, unsigned lineno, char *line)
{
    char *p = line, *kw = modconf_word(&p);
    if (!kw)
        return;
    unsigned k = 0, nk = sizeof modconf_keywords / sizeof modconf_keywords[0];
    while (k < nk && strcmp(kw, modconf_keywords[k].keyword) != 0)
        k++;
    if (k == nk) {
        modconf_report(c, file, lineno, "unknown keyword '%s' ignored%s", kw, "");
        return;
    }
    struct modconf_entry e = { modconf_keywords[k].kind, modconf_word(&p), NULL };
    while (modconf_blank(*p))
        p++;
    e.value = p;
    if (e.kind == MODCONF_ALIAS)
        e.value = modconf_word(&p);
    bool needs_value = e.kind == MODCONF_ALIAS || e.kind == MODCONF_INSTALL ||
                       e.kind == MODCONF_REMOVE;
    if (!e.name || (needs_value && (!e.value || !*e.value))) {
        modconf_report(c, file, lineno, "'%s' needs %s; line ignored", kw, modconf_keywords[k].needs);
        return;
    }
    if (e.kind != MODCONF_ALIAS) {
        /* One blank between words (continuation lines leave runs of them), none at the end. */
        char *out = p;
        for (char *in = p; *in; in++)
            if (!modconf_blank(*in) || (out > p && !modconf_blank(out[-1])))
                *out++ = modconf_blank(*in) ? ' ' : *in;
        while (out > p && out[-1] == ' ')
            out--;
        *out = '\0';
    }
    if (c->n < c->cap)
        c->entries[c->n++] = e;
    else
        c->dropped++;
}

void modconf_parse(struct modconf *c, const char *file, char *text)
{
    unsigned lineno = 0;
    char *line = text;
    while (*line) {
        char *end = line;
        unsigned first = ++lineno;
        for (;;) {                     /* join continuation lines */
            while (*end && *end != '\n')
                end++;
            if (end > line && end[-1] == '\\' && *end) {
                end[-1] = ' ';
                *end = ' ';
                lineno++;
                continue;
            }
            break;
        }
        char *next = *end ? end + 1 : end;
        *end = '\0';
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        modconf_line(c, file, first, line);
        line = next;
    }
}

const char *modconf_alias(const struct modconf *c, const char *want)
{
    for (unsigned i = 0; i < c->n; i++)
        if (c->entries[i].kind == MODCONF_ALIAS && modindex_glob(c->entries[i].name, want))
            return c->entries[i].value;
    return NULL;
}

bool modconf_blacklisted(const struct modconf *c, const char *name)
{
    for (unsigned i = 0; i < c->n; i++)
        if (c->entries[i].kind == MODCONF_BLACKLIST && modconf_name_eq(c->entries[i].name, name))
            return true;
    return false;
}

int modconf_options(const struct modconf *c, const char *name, char *out, size_t cap)
{
    size_t used = 0;
    if (cap)
        out[0] = '\0';
    for (unsigned i = 0; i < c->n; i++) {
        const struct modconf_entry *e = &c->entries[i];
        if (e->kind != MODCONF_OPTIONS || !modconf_name_eq(e->name, name) || !*e->value)
            continue;
        int n = snprintf(out + used, cap - used, "%s%s", used ? " " : "", e->value);
        if (n < 0 || (size_t)n >= cap - used)
            return -E2BIG;
        used += (size_t)n;
    }
    return 0;
}

void modconf_softdep_split(const char *spec, char *pre, char *post, size_t cap)
{
    char buf[256];
    char *dst = NULL, *p = buf, *w;
    strlcpy(buf, spec, sizeof buf);
    while ((w = modconf_word(&p)) != NULL) {
        if (!strcmp(w, "pre:"))
            dst = pre;
        else if (!strcmp(w, "post:"))
            dst = post;
        else if (dst) {
            if (*dst)
                strlcat(dst, " ", cap);
            strlcat(dst, w, cap);
        }
    }
}

void modconf_softdeps(const struct modconf *c, const char *name, char *pre, char *post, size_t cap)
{
    for (unsigned i = 0; i < c->n; i++)
        if (c->entries[i].kind == MODCONF_SOFTDEP && modconf_name_eq(c->entries[i].name, name))
            modconf_softdep_split(c->entries[i].value, pre, post, cap);
}

const char *modconf_command(const struct modconf *c, enum modconf_kind kind, const char *name)
{
    for (unsigned i = 0; i < c->n; i++)
        if (c->entries[i].kind == kind && modconf_name_eq(c->entries[i].name, name))
            return c->entries[i].value;
    return NULL;
}
