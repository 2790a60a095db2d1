/* runas UID COMMAND [ARGS...] — runs a program from /bin (or a path) as another user. Only root
 * may change its uid; the child inherits the new one, and the group of the same number (ark has
 * no group database). Exits with the command's status. */
#include "ulib.h"

int main(int argc, char **argv)
{
    int32_t uid;
    if (argc < 3 || !parse_i32(argv[1], &uid) || uid < 0)
        return usage_error("runas", "UID COMMAND [ARGS...]");

    int r = setuid(uid);
    if (r < 0) {
        eprintf("runas: setuid %d: %s\n", uid, strerror(r));
        return 1;
    }
    char path[ARK_NAME_MAX + 8];
    const char *name = argv[2];
    if (strchr(name, '/'))
        strlcpy(path, name, sizeof(path));
    else
        snprintf(path, sizeof(path), "/bin/%s", name);

    ark_pid_t pid = spawn(path, argv + 2);
    if (pid < 0) {
        if (pid == -ENOENT)
            eprintf("runas: %s: not found\n", name);
        else
            eprintf("runas: %s: %s\n", name, strerror(pid));
        return 127;
    }
    int status = 0;
    long w = wait(pid, &status);
    if (w < 0) {
        eprintf("runas: wait: %s\n", strerror((int)w));
        return 1;
    }
    return status;
}
