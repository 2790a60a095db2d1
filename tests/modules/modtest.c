/* modtest — a user program the module system tests run inside ark (built with `ark-gcc --user`):
 *   modtest ioctl PATH CMD      ioctl(PATH, CMD, &value); prints "ioctl CMD: rc R value V"
 *   modtest hold PATH PROG ARG...  keeps PATH open while PROG runs; prints PROG's exit status
 *   modtest read PATH           prints the file, like cat, but reports errors as numbers too */
#include "ulib.h"

static int cmd_ioctl(const char *path, const char *cmd_text)
{
    uint32_t cmd, value = 0xdeadbeef;
    if (!parse_u32(cmd_text, &cmd))
        return usage_error("modtest", "ioctl PATH CMD");
    int fd = open(path, ARK_O_RDWR);
    if (fd < 0) {
        printf("modtest: open %s: %s (%d)\n", path, strerror(fd), fd);
        return 1;
    }
    long rc = ioctl(fd, cmd, (uintptr_t)&value);
    printf("ioctl 0x%x: rc %ld value %u\n", (unsigned)cmd, rc, (unsigned)value);
    close(fd);
    return rc < 0 ? 1 : 0;
}

static int cmd_hold(const char *path, char **argv)
{
    int fd = open(path, ARK_O_RDONLY);
    if (fd < 0) {
        printf("modtest: open %s: %s (%d)\n", path, strerror(fd), fd);
        return 1;
    }
    printf("modtest: holding %s open\n", path);
    ark_pid_t pid = spawn(argv[0], argv);
    int status = -1;
    if (pid < 0)
        printf("modtest: spawn %s: %s\n", argv[0], strerror(pid));
    else
        wait(pid, &status);
    printf("modtest: %s exited with status %d while %s was open\n", argv[0], status, path);
    close(fd);
    printf("modtest: closed %s\n", path);
    return 0;
}

static int cmd_read(const char *path)
{
    int fd = open(path, ARK_O_RDONLY);
    if (fd < 0) {
        printf("modtest: open %s: %s (%d)\n", path, strerror(fd), fd);
        return 1;
    }
    char buf[256];
    long n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        write_all(STDOUT_FILENO, buf, (uint32_t)n);
    close(fd);
    if (n < 0)
        printf("modtest: read %s: %s (%ld)\n", path, strerror((int)n), n);
    return n < 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "ioctl") == 0)
        return cmd_ioctl(argv[2], argv[3]);
    if (argc >= 4 && strcmp(argv[1], "hold") == 0)
        return cmd_hold(argv[2], argv + 3);
    if (argc == 3 && strcmp(argv[1], "read") == 0)
        return cmd_read(argv[2]);
    return usage_error("modtest", "ioctl PATH CMD | hold PATH PROG [ARG...] | read PATH");
}
