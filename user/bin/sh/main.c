/* main.c — ark's shell: prompts (ark# for root, ark$ otherwise), reads a line, runs it, and
 * never gives up on bad input. It is the first process on the serial console. `sh -c COMMANDS`
 * runs COMMANDS instead (commands separated by ';', or by '&&' to stop at the first that
 * fails) and exits with the last one's status; modprobe runs install commands this way. */
#include "sh.h"

/* The kernel normally starts the first process with the console on descriptors 0, 1 and 2; if
 * they are missing, open it so the shell is usable anyway. */
static void ensure_console(void)
{
    if (write(STDOUT_FILENO, "", 0) != -EBADF)
        return;
    int fd = open("/dev/console", ARK_O_RDWR);
    if (fd < 0)
        exit(1);
    for (int i = 0; i < 3; i++)
        if (fd != i)
            dup2(fd, i);
    if (fd > 2)
        close(fd);
}

/* Runs a -c string: its commands one after another, split at ';' and '&&' outside quotes. */
static int run_commands(const char *s)
{
    static char line[SH_LINE_MAX + 1];
    static struct sh_command cmd;
    int status = 0;
    bool skip = false;                 /* after a failed command followed by && */
    while (*s) {
        size_t n = 0;
        char quote = 0;
        const char *p = s;
        for (; *p; p++) {
            if (quote) {
                if (*p == quote)
                    quote = 0;
            } else if (*p == '"' || *p == '\'') {
                quote = *p;
            } else if (*p == ';' || (p[0] == '&' && p[1] == '&')) {
                break;
            }
            if (n == SH_LINE_MAX) {
                eprintf("sh: -c: command longer than %d characters\n", SH_LINE_MAX);
                return 2;
            }
            line[n++] = *p;
        }
        line[n] = '\0';
        bool and_then = p[0] == '&';
        if (!skip) {
            if (sh_parse(line, &cmd) != 0)
                return 2;
            status = sh_run(&cmd);
        }
        skip = and_then && (skip || status != 0);
        s = *p ? p + (and_then ? 2 : 1) : p;
    }
    return status;
}

int main(int argc, char **argv)
{
    static char line[SH_LINE_MAX + 1];
    static struct sh_command cmd;

    if (argc > 1) {
        if (argc != 3 || strcmp(argv[1], "-c") != 0)
            return usage_error("sh", "[-c COMMANDS]");
        sh_batch = true;
        return run_commands(argv[2]);
    }
    ensure_console();
    for (;;) {
        sh_jobs_reap();
        puts_fd(STDOUT_FILENO, getuid() == 0 ? "ark# " : "ark$ ");
        enum sh_read_result r = sh_read_line(line);
        if (r == SH_LINE_EOF)
            return 0;
        if (r == SH_LINE_CANCELLED)
            continue;
        if (sh_parse(line, &cmd) == 0)
            sh_run(&cmd);
    }
}
