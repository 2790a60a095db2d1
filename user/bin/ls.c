/* ls — lists directories (default: /) one entry per line: type, size in bytes, name; a file
 * argument lists just that file. Directory names end in '/'. */
#include "ulib.h"

static const char *type_name(uint32_t type)
{
    switch (type) {
    case ARK_DT_FILE: return "file";
    case ARK_DT_DIR:  return "dir";
    case ARK_DT_DEV:  return "dev";
    default:          return "?";
    }
}

static void print_entry(uint32_t type, uint32_t size, const char *name)
{
    if (type == ARK_DT_FILE)
        printf("%-4s %9u  %s\n", type_name(type), size, name);
    else
        printf("%-4s %9s  %s%s\n", type_name(type), "-", name, type == ARK_DT_DIR ? "/" : "");
}

static int list(const char *path, bool heading)
{
    struct ark_stat st;
    int r = stat(path, &st);
    if (r < 0) {
        eprintf("ls: %s: %s\n", path, strerror(r));
        return 1;
    }
    if (st.type != ARK_DT_DIR) {
        print_entry(st.type, st.size, path);
        return 0;
    }
    if (heading)
        printf("%s:\n", path);
    struct ark_dirent d;
    uint32_t i = 0;
    for (;; i++) {
        r = readdir(path, i, &d);
        if (r == -ENOENT)
            break;
        if (r < 0) {
            eprintf("ls: %s: %s\n", path, strerror(r));
            return 1;
        }
        print_entry(d.type, d.size, d.name);
    }
    if (i == 0 && heading)
        printf("(empty)\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return list("/", false);
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            printf("\n");
        status |= list(argv[i], argc > 2);
    }
    return status;
}
