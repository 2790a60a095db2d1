/* main.c — ark's shell: prompts (ark# for root, ark$ otherwise), reads a line, runs it, and
 * never gives up on bad input. It is the first process on the serial console. */
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

int main(void)
{
    static char line[SH_LINE_MAX + 1];
    static struct sh_command cmd;

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
