/* modindex.c — the module index parser (see modindex.h), compiled into strapper and the kernel.
 * Self-contained: it uses no C library function, since the two have different runtimes. */
#include "ark/modindex.h"

static bool modindex_str_eq(const char *a, const char *b)
{
    for (; *a == *b; a++, b++)
        if (!*a)
            return true;
    return false;
}

/* Walks lines: *pos advances past each; returns false at the end. */
static bool modindex_next_line(const struct modindex_text *t, size_t *pos, const char **line,
                               size_t *len)
{
    if (*pos >= t->size)
        return false;
    size_t start = *pos, end = start;
    while (end < t->size && t->data[end] != '\n')
        end++;
    *line = t->data + start;
    *len = end - start;
    *pos = end + 1;
    return true;
}

/* Copies the next whitespace-separated field of [*p, end) into out; false if none or too long. */
static bool modindex_field(const char **p, const char *end, char *out, size_t out_size)
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

/* Module names compare with '-' and '_' alike (hello-1 is hello_1), as on Linux. */
static bool modindex_name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

bool modindex_glob(const char *pat, const char *s)
{
    while (*pat) {
        if (*pat == '*') {
            for (const char *t = s;; t++) {
                if (modindex_glob(pat + 1, t))
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

bool modindex_find_module(const struct modindex_text *alias, const char *want_name,
                          const char *want_path, char *name, char *path)
{
    size_t pos = 0, len;
    const char *line;
    char kind[16];
    while (modindex_next_line(alias, &pos, &line, &len)) {
        const char *p = line, *end = line + len;
        if (!modindex_field(&p, end, kind, sizeof kind) || !modindex_str_eq(kind, "module"))
            continue;
        if (!modindex_field(&p, end, name, MODINDEX_FIELD_MAX) ||
            !modindex_field(&p, end, path, MODINDEX_FIELD_MAX))
            continue;
        if ((want_name && modindex_name_eq(name, want_name)) ||
            (want_path && modindex_str_eq(path, want_path)))
            return true;
    }
    return false;
}

bool modindex_resolve(const struct modindex_text *alias, const char *want, char *name, char *path)
{
    bool via_alias;
    return modindex_lookup(alias, want, name, path, &via_alias);
}

bool modindex_lookup(const struct modindex_text *alias, const char *want, char *name, char *path,
                     bool *via_alias)
{
    *via_alias = false;
    if (modindex_find_module(alias, want, NULL, name, path))
        return true;
    *via_alias = true;
    size_t pos = 0, len;
    const char *line;
    char kind[16], pattern[MODINDEX_FIELD_MAX], target[MODINDEX_FIELD_MAX];
    while (modindex_next_line(alias, &pos, &line, &len)) {
        const char *p = line, *end = line + len;
        if (!modindex_field(&p, end, kind, sizeof kind) || !modindex_str_eq(kind, "alias"))
            continue;
        if (!modindex_field(&p, end, pattern, sizeof pattern) ||
            !modindex_field(&p, end, target, sizeof target))
            continue;
        if (modindex_glob(pattern, want))
            return modindex_find_module(alias, target, NULL, name, path);
    }
    return false;
}

/* If LINE (LEN bytes) starts with "PATH:", the offset just past the colon, else 0. */
static size_t modindex_dep_key(const char *line, size_t len, const char *path)
{
    size_t n = 0;
    for (; path[n]; n++)
        if (n >= len || line[n] != path[n])
            return 0;
    return n < len && line[n] == ':' ? n + 1 : 0;
}

int modindex_deps(const struct modindex_text *dep, const char *path,
                  int (*fn)(const char *dep_path, void *arg), void *arg)
{
    size_t pos = 0, len;
    const char *line;
    while (modindex_next_line(dep, &pos, &line, &len)) {
        size_t key = modindex_dep_key(line, len, path);
        if (key == 0)
            continue;
        const char *p = line + key, *end = line + len;
        char dep_path[MODINDEX_FIELD_MAX];
        while (modindex_field(&p, end, dep_path, sizeof dep_path)) {
            int rc = fn(dep_path, arg);
            if (rc != 0)
                return rc;
        }
        return 0;
    }
    return 0;
}
