/* kill [-SIG] PID... — ends processes (SIG: INT, TERM, KILL or 2, 15, 9; TERM by default). The
 * shell's builtin kill also takes %N job numbers. */
#include "ulib.h"

int main(int argc, char **argv)
{
    int sig = ARK_SIGTERM, first = 1, status = 0;
    if (argc > 1 && argv[1][0] == '-') {
        const char *s = argv[1] + 1;
        uint32_t n;
        if (strcmp(s, "INT") == 0 || strcmp(s, "SIGINT") == 0)
            sig = ARK_SIGINT;
        else if (strcmp(s, "TERM") == 0 || strcmp(s, "SIGTERM") == 0)
            sig = ARK_SIGTERM;
        else if (strcmp(s, "KILL") == 0 || strcmp(s, "SIGKILL") == 0)
            sig = ARK_SIGKILL;
        else if (parse_u32(s, &n) && (n == 2 || n == 9 || n == 15))
            sig = (int)n;
        else {
            eprintf("kill: %s: unknown signal (INT, TERM or KILL)\n", s);
            return 2;
        }
        first = 2;
    }
    if (first >= argc)
        return usage_error("kill", "[-SIG] PID...");
    for (int i = first; i < argc; i++) {
        int32_t pid;
        if (!parse_i32(argv[i], &pid) || pid <= 0) {
            eprintf("kill: %s: not a process id\n", argv[i]);
            status = 1;
            continue;
        }
        int rc = kill(pid, sig);
        if (rc < 0) {
            eprintf("kill: %d: %s\n", pid, strerror(rc));
            status = 1;
        }
    }
    return status;
}
