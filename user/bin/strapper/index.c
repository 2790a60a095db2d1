/* index.c — strapper's reader of the ramdisk's module index (tools/mkindex writes it):
 *   modules.alias  "module NAME PATH" and "alias PATTERN NAME" lines (PATTERN may use * and ?)
 *   modules.dep    "PATH: DEP_PATH ..." with the dependencies in load order */
#include "strapper.h"

#define INDEX_SIZE_MAX (128 * 1024)

struct text {
    char *data;
    uint32_t size;
};

static char alias_buf[INDEX_SIZE_MAX], dep_buf[INDEX_SIZE_MAX];

static int read_whole(const char *path, char *buf, uint32_t cap, struct text *t)
{
    int fd = open(path, ARK_O_RDONLY);
    if (fd < 0)
        return fd;
    uint32_t len = 0;
    for (;;) {
        long n = read(fd, buf + len, cap - len);
        if (n < 0) {
            close(fd);
            return (int)n;
        }
        if (n == 0)
            break;
        len += (uint32_t)n;
        if (len == cap) {
            close(fd);
            return -EFBIG;
        }
    }
    close(fd);
    t->data = buf;
    t->size = len;
    return 0;
}

static bool next_line(const struct text *t, uint32_t *pos, const char **line, uint32_t *len)
{
    if (*pos >= t->size)
        return false;
    uint32_t start = *pos, end = start;
    while (end < t->size && t->data[end] != '\n')
        end++;
    *line = t->data + start;
    *len = end - start;
    *pos = end + 1;
    return true;
}

static bool field(const char **p, const char *end, char *out, size_t cap)
{
    while (*p < end && (**p == ' ' || **p == '\t' || **p == '\r'))
        (*p)++;
    size_t n = 0;
    while (*p < end && **p != ' ' && **p != '\t' && **p != '\r') {
        if (n + 1 >= cap)
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

static struct text alias_text, dep_text;
static bool alias_loaded, dep_loaded;

static int load_alias(void)
{
    if (alias_loaded)
        return 0;
    int rc = read_whole(INDEX_ALIAS, alias_buf, sizeof alias_buf, &alias_text);
    alias_loaded = rc == 0;
    return rc;
}

static bool find_module(const char *want_name, const char *want_path, char *name, char *path)
{
    uint32_t pos = 0, len;
    const char *line;
    char kind[16];
    while (next_line(&alias_text, &pos, &line, &len)) {
        const char *p = line, *end = line + len;
        if (!field(&p, end, kind, sizeof kind) || strcmp(kind, "module") != 0)
            continue;
        if (!field(&p, end, name, INDEX_FIELD_MAX) || !field(&p, end, path, INDEX_FIELD_MAX))
            continue;
        if ((want_name && strcmp(name, want_name) == 0) || (want_path && strcmp(path, want_path) == 0))
            return true;
    }
    return false;
}

int index_resolve(const char *want, char *name, char *path)
{
    int rc = load_alias();
    if (rc < 0)
        return rc;
    if (find_module(want, NULL, name, path))
        return 0;
    uint32_t pos = 0, len;
    const char *line;
    char kind[16], pattern[INDEX_FIELD_MAX], target[INDEX_FIELD_MAX];
    while (next_line(&alias_text, &pos, &line, &len)) {
        const char *p = line, *end = line + len;
        if (!field(&p, end, kind, sizeof kind) || strcmp(kind, "alias") != 0)
            continue;
        if (!field(&p, end, pattern, sizeof pattern) || !field(&p, end, target, sizeof target))
            continue;
        if (glob_match(pattern, want))
            return find_module(target, NULL, name, path) ? 0 : -ENOENT;
    }
    return -ENOENT;
}

int index_name_of(const char *path, char *name)
{
    char scratch[INDEX_FIELD_MAX];
    int rc = load_alias();
    if (rc < 0)
        return rc;
    return find_module(NULL, path, name, scratch) ? 0 : -ENOENT;
}

int index_deps(const char *path, int (*fn)(const char *dep_path, void *arg), void *arg)
{
    if (!dep_loaded) {
        int rc = read_whole(INDEX_DEP, dep_buf, sizeof dep_buf, &dep_text);
        if (rc < 0)
            return rc;
        dep_loaded = true;
    }
    uint32_t pos = 0, len, plen = (uint32_t)strlen(path);
    const char *line;
    while (next_line(&dep_text, &pos, &line, &len)) {
        if (len <= plen || strncmp(line, path, plen) != 0 || line[plen] != ':')
            continue;
        const char *p = line + plen + 1, *end = line + len;
        char dep[INDEX_FIELD_MAX];
        while (field(&p, end, dep, sizeof dep)) {
            int rc = fn(dep, arg);
            if (rc != 0)
                return rc;
        }
        return 0;
    }
    return 0;
}
