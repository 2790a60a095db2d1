/* spawnmany N — starts N short-lived children (/bin/sleep 0) without waiting for them, so that
 * they pile up as zombies, and reports how many the kernel allowed: a check of the per-user process
 * limit. Then it collects them all. Exits 0 when it could start all N. */
#include "ulib.h"

int main(int argc, char **argv)
{
    uint32_t n;
    if (argc != 2 || !parse_u32(argv[1], &n))
        return usage_error("spawnmany", "COUNT");
    static char *child_argv[] = { "sleep", "0", NULL };
    uint32_t started = 0;
    long rc = 0;
    for (; started < n; started++) {
        rc = spawn_flags("/bin/sleep", child_argv, 0);
        if (rc < 0)
            break;
    }
    if (started < n)
        printf("spawnmany: started %u of %u, then: %s\n", started, n, strerror((int)rc));
    else
        printf("spawnmany: started %u\n", started);
    int status;
    while (wait(-1, &status) > 0)
        ;
    return started < n;
}
