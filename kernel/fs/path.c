/* path.c — path normalisation and component splitting for the VFS and the ramdisk builder.
 * Pure string work: no file system is consulted, so ".." is resolved lexically. */
#include "ark/kernel.h"
#include "fs_internal.h"

int fs_path_normalise(const char *path, char *out, size_t out_size, bool *dir_only)
{
    size_t limit = out_size < VFS_PATH_MAX ? out_size : VFS_PATH_MAX;
    size_t olen = 0;
    const char *p = path;
    bool trailing_dir = false;

    if (limit < 2)
        return -ENAMETOOLONG;
    if (!path || !*path)
        return -ENOENT;
    if (strnlen(path, VFS_PATH_MAX) >= VFS_PATH_MAX)
        return -ENAMETOOLONG;

    out[0] = '/';
    olen = 1;
    while (*p) {
        const char *name;
        size_t len;

        while (*p == '/')
            p++;
        if (!*p) {
            /* "a/" names a directory, but "/" alone is simply the root */
            trailing_dir = p != path && olen > 1;
            break;
        }
        name = p;
        while (*p && *p != '/')
            p++;
        len = (size_t)(p - name);
        trailing_dir = false;

        if (len == 1 && name[0] == '.') {
            trailing_dir = true;
            continue;
        }
        if (len == 2 && name[0] == '.' && name[1] == '.') {
            /* drop the last component; at the root ".." is the root itself */
            while (olen > 1 && out[olen - 1] != '/')
                olen--;
            if (olen > 1)
                olen--;
            trailing_dir = true;
            continue;
        }
        if (len >= ARK_NAME_MAX)
            return -ENAMETOOLONG;
        if (olen + (olen > 1) + len + 1 > limit)
            return -ENAMETOOLONG;
        if (olen > 1)
            out[olen++] = '/';
        memcpy(out + olen, name, len);
        olen += len;
    }
    out[olen] = '\0';
    if (dir_only)
        *dir_only = trailing_dir;
    return 0;
}

size_t fs_path_next(const char **rel, const char **name)
{
    const char *p = *rel;
    size_t len;

    while (*p == '/')
        p++;
    *name = p;
    while (*p && *p != '/')
        p++;
    len = (size_t)(p - *name);
    while (*p == '/')
        p++;
    *rel = p;
    return len;
}

bool fs_name_valid(const char *name, size_t len)
{
    if (len == 0 || len >= ARK_NAME_MAX)
        return false;
    if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
        return false;
    for (size_t i = 0; i < len; i++)
        if (name[i] == '/' || name[i] == '\0')
            return false;
    return true;
}
