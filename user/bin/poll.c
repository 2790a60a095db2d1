/* poll [-t MS] [-w] [-r] FILE... — opens each FILE and waits (poll(2)) until one is readable, or
 * writable with -w, for at most MS milliseconds (default: no limit). Prints one line per file
 * that has events ("FILE: in out err hup"), and with -r what a read of each readable one gives.
 * Exit status 0 when some file was ready, 1 on timeout, 2 on errors. */
#include "ulib.h"

#define POLL_FILES_MAX 8

static void print_events(const char *path, int ev)
{
    printf("%s:%s%s%s%s%s%s\n", path, (ev & POLLIN) ? " in" : "", (ev & POLLPRI) ? " pri" : "",
           (ev & POLLOUT) ? " out" : "", (ev & POLLERR) ? " err" : "",
           (ev & POLLHUP) ? " hup" : "", (ev & POLLNVAL) ? " nval" : "");
}

int main(int argc, char **argv)
{
    int32_t timeout = -1;
    bool want_write = false, do_read = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-t") && i + 1 < argc && parse_i32(argv[i + 1], &timeout) && timeout >= -1)
            i++;
        else if (!strcmp(argv[i], "-w"))
            want_write = true;
        else if (!strcmp(argv[i], "-r"))
            do_read = true;
        else
            return usage_error("poll", "[-t MS] [-w] [-r] FILE...");
    }
    int nfiles = argc - i;
    if (nfiles < 1 || nfiles > POLL_FILES_MAX)
        return usage_error("poll", "[-t MS] [-w] [-r] FILE...  (1 to 8 files)");
    struct ark_pollfd fds[POLL_FILES_MAX];
    for (int k = 0; k < nfiles; k++) {
        int fd = open(argv[i + k], want_write ? ARK_O_WRONLY : ARK_O_RDONLY);
        if (fd < 0) {
            eprintf("poll: %s: %s\n", argv[i + k], strerror(fd));
            return 2;
        }
        fds[k].fd = fd;
        fds[k].events = want_write ? POLLOUT : POLLIN;
        fds[k].revents = 0;
    }
    uint32_t start = uptime_ms();
    int n = poll(fds, (uint32_t)nfiles, timeout);
    if (n < 0) {
        eprintf("poll: %s\n", strerror(n));
        return 2;
    }
    if (n == 0) {
        printf("poll: timeout after %u ms\n", (unsigned)(uptime_ms() - start));
        return 1;
    }
    for (int k = 0; k < nfiles; k++) {
        if (!fds[k].revents)
            continue;
        print_events(argv[i + k], fds[k].revents);
        if (do_read && (fds[k].revents & POLLIN)) {
            char buf[256];
            long got = read(fds[k].fd, buf, sizeof buf - 1);
            if (got < 0) {
                eprintf("poll: read %s: %s\n", argv[i + k], strerror((int)got));
                return 2;
            }
            buf[got] = '\0';
            printf("%s: read %ld bytes: %s\n", argv[i + k], got, buf);
        }
    }
    return 0;
}
