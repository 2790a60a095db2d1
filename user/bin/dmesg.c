/* dmesg — prints the kernel log (the printk ring buffer, read through /proc/kmsg). */
#include "ulib.h"

int main(void)
{
    static char buf[2048];
    int fd = open("/proc/kmsg", ARK_O_RDONLY);
    if (fd < 0) {
        eprintf("dmesg: /proc/kmsg: %s\n", strerror(fd));
        return 1;
    }
    for (;;) {
        long n = read(fd, buf, sizeof(buf));
        if (n == 0)
            break;
        if (n < 0) {
            eprintf("dmesg: /proc/kmsg: %s\n", strerror((int)n));
            close(fd);
            return 1;
        }
        write_all(STDOUT_FILENO, buf, (uint32_t)n);
    }
    close(fd);
    return 0;
}
