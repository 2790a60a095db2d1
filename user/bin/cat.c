/* cat — copies files (or standard input, also for the name "-") to standard output. Reading the
 * console ends at Ctrl-D, since a console never reports end of input by itself. */
#include "ulib.h"

#define KEY_CTRL_D 0x04

static int copy_fd(int fd, const char *name, bool stop_at_ctrl_d)
{
    static char buf[1024];
    for (;;) {
        /* Standard input is read a byte at a time so that nothing past Ctrl-D is consumed. */
        long n = read(fd, buf, stop_at_ctrl_d ? 1 : sizeof(buf));
        if (n == 0)
            return 0;
        if (n < 0) {
            eprintf("cat: %s: %s\n", name, strerror((int)n));
            return 1;
        }
        if (stop_at_ctrl_d && buf[0] == KEY_CTRL_D)
            return 0;
        long w = write_all(STDOUT_FILENO, buf, (uint32_t)n);
        if (w < 0) {
            eprintf("cat: write error: %s\n", strerror((int)w));
            return 1;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return copy_fd(STDIN_FILENO, "standard input", true);
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            status |= copy_fd(STDIN_FILENO, "standard input", true);
            continue;
        }
        int fd = open(argv[i], ARK_O_RDONLY);
        if (fd < 0) {
            eprintf("cat: %s: %s\n", argv[i], strerror(fd));
            status = 1;
            continue;
        }
        status |= copy_fd(fd, argv[i], false);
        close(fd);
    }
    return status;
}
