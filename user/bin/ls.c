/* ls [-l] [PATH...] — lists directories (default: /) one entry per line: type, size in bytes, name;
 * a file argument lists just that file. Directory names end in '/'. -l adds the permissions (as
 * Unix's ls -l writes them, 'c' for a device), the owner's uid and the group's gid. */
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

static bool long_format;

static void print_owner_and_mode(uint32_t type, uint32_t mode, ark_uid_t uid, ark_gid_t gid)
{
    static const char rwx[] = "rwxrwxrwx";
    char text[11];

    text[0] = type == ARK_DT_DIR ? 'd' : type == ARK_DT_DEV ? 'c' : '-';
    for (int i = 0; i < 9; i++)
        text[1 + i] = (mode & (0400u >> i)) ? rwx[i] : '-';
    text[10] = '\0';
    printf("%s %5d %5d ", text, uid, gid);
}

static void print_entry(uint32_t type, uint32_t size, const char *name, uint32_t mode,
                        ark_uid_t uid, ark_gid_t gid)
{
    if (long_format)
        print_owner_and_mode(type, mode, uid, gid);
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
        print_entry(st.type, st.size, path, st.mode, st.uid, st.gid);
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
        print_entry(d.type, d.size, d.name, d.mode, d.uid, d.gid);
    }
    if (i == 0 && heading)
        printf("(empty)\n");
    return 0;
}

int main(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-l") == 0) {
        long_format = true;
        first = 2;
    } else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
        return usage_error("ls", "[-l] [PATH...]");
    }
    if (argc <= first)
        return list("/", false);
    int status = 0;
    for (int i = first; i < argc; i++) {
        if (i > first)
            printf("\n");
        status |= list(argv[i], argc - first > 1);
    }
    return status;
}
