/* index.c — strapper reads the ramdisk's module index (tools/mkindex writes it; modindex.c parses):
 *   modules.alias  "module NAME PATH" and "alias PATTERN NAME" lines (PATTERN may use * and ?)
 *   modules.dep    "PATH: DEP_PATH ..." with the dependencies in load order */
#include "strapper.h"

#define INDEX_SIZE_MAX (128 * 1024)

static char alias_buf[INDEX_SIZE_MAX], dep_buf[INDEX_SIZE_MAX];

static int read_whole(const char *path, char *buf, uint32_t cap, struct modindex_text *t)
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

static struct modindex_text alias_text, dep_text;
static bool alias_loaded, dep_loaded;

static int load_alias(void)
{
    if (alias_loaded)
        return 0;
    int rc = read_whole(INDEX_ALIAS, alias_buf, sizeof alias_buf, &alias_text);
    alias_loaded = rc == 0;
    return rc;
}

int index_resolve(const char *want, char *name, char *path)
{
    int rc = load_alias();
    if (rc < 0)
        return rc;
    return modindex_resolve(&alias_text, want, name, path) ? 0 : -ENOENT;
}

int index_lookup(const char *want, char *name, char *path, bool *via_alias)
{
    int rc = load_alias();
    if (rc < 0)
        return rc;
    return modindex_lookup(&alias_text, want, name, path, via_alias) ? 0 : -ENOENT;
}

int index_name_of(const char *path, char *name)
{
    char scratch[INDEX_FIELD_MAX];
    int rc = load_alias();
    if (rc < 0)
        return rc;
    return modindex_find_module(&alias_text, NULL, path, name, scratch) ? 0 : -ENOENT;
}

int index_deps(const char *path, int (*fn)(const char *dep_path, void *arg), void *arg)
{
    if (!dep_loaded) {
        int rc = read_whole(INDEX_DEP, dep_buf, sizeof dep_buf, &dep_text);
        if (rc < 0)
            return rc;
        dep_loaded = true;
    }
    return modindex_deps(&dep_text, path, fn, arg);
}
