/* modfile.c — reads a module file for `strapper info PATH` without loading it: the whole file
 * goes into a static buffer and elfinfo validates it before anything is read from it. */
#include "strapper.h"

#define MODFILE_MAX (2u * 1024 * 1024)

static uint8_t file_buf[MODFILE_MAX];

int modfile_open(const char *what, const char *path, struct elfinfo *ei)
{
    struct ark_stat st;
    int rc = stat(path, &st);
    if (rc < 0)
        return fail(what, "%s", rc == -ENOENT ? "no such file" : strerror(rc));
    if (st.type != ARK_DT_FILE)
        return fail(what, "not a regular file");
    if (st.size > MODFILE_MAX)
        return fail(what, "file too large to inspect (%u bytes, limit %u)", st.size, MODFILE_MAX);
    int fd = open(path, ARK_O_RDONLY);
    if (fd < 0)
        return fail(what, "%s", strerror(fd));
    uint32_t len = 0;
    for (;;) {
        long n = read(fd, file_buf + len, MODFILE_MAX - len);
        if (n < 0) {
            close(fd);
            return fail(what, "read error: %s", strerror((int)n));
        }
        if (n == 0 || (len += (uint32_t)n) == MODFILE_MAX)
            break;
    }
    close(fd);
    const char *why = "";
    if (elfinfo_parse(file_buf, len, ei, &why) < 0)
        return fail(what, "%s", why);
    return 0;
}
