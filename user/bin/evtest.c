/* evtest [-t MS] [-g] [-a] DEVICE COUNT [PROG ARG...] — describes an input event device
 * (/dev/eventN) and prints its next COUNT events, one line each; with PROG, runs it once the
 * device is open (to make the events) and waits for it at the end, or with -a before reading
 * anything. -g grabs the device; -t gives up after MS ms without an event (default 2000). evtest -i DEVICE TYPE CODE VALUE writes one event and a
 * SYN_REPORT to the device. Exit status 0, 1 when events were missing, 2 on errors. */
#include "ulib.h"

/* The evdev ABI (the kernel's linux/input.h): 16-byte records, 'E' ioctls. */
struct input_event {
    uint32_t sec, usec;
    uint16_t type, code;
    int32_t value;
};
_Static_assert(sizeof(struct input_event) == 16, "the i386 evdev record");
struct input_id {
    uint16_t bustype, vendor, product, version;
};
#define EV_IOC(dir, nr, size) (((uint32_t)(dir) << 30) | ((uint32_t)(size) << 16) | ('E' << 8) | (nr))
#define EVIOCGVERSION     EV_IOC(2, 0x01, 4)
#define EVIOCGID          EV_IOC(2, 0x02, sizeof(struct input_id))
#define EVIOCGNAME(len)   EV_IOC(2, 0x06, len)
#define EVIOCGBIT(ev, len) EV_IOC(2, 0x20 + (ev), len)
#define EVIOCGRAB         EV_IOC(1, 0x90, 4)
#define EV_SYN 0
#define EV_CNT 32
#define KEY_CNT 0x300

static const char *const type_names[EV_CNT] = {
    [0x00] = "EV_SYN", [0x01] = "EV_KEY", [0x02] = "EV_REL", [0x03] = "EV_ABS",
    [0x04] = "EV_MSC", [0x05] = "EV_SW", [0x11] = "EV_LED", [0x12] = "EV_SND",
    [0x14] = "EV_REP", [0x15] = "EV_FF", [0x16] = "EV_PWR", [0x17] = "EV_FF_STATUS",
};
static const char *const syn_names[4] = { "SYN_REPORT", "SYN_CONFIG", "SYN_MT_REPORT", "SYN_DROPPED" };

static bool bit_set(const uint8_t *bits, unsigned int n)
{
    return bits[n / 8] & (1u << (n % 8));
}

static void describe(int fd)
{
    int version = 0;
    struct input_id id = { 0 };
    char name[64] = "";
    uint8_t types[EV_CNT / 8] = { 0 };

    if (ioctl(fd, EVIOCGVERSION, (uintptr_t)&version) == 0)
        printf("Input driver version is %d.%d.%d\n", version >> 16, (version >> 8) & 0xff,
               version & 0xff);
    if (ioctl(fd, EVIOCGID, (uintptr_t)&id) == 0)
        printf("Input device ID: bus 0x%x vendor 0x%x product 0x%x version 0x%x\n", id.bustype,
               id.vendor, id.product, id.version);
    if (ioctl(fd, EVIOCGNAME(sizeof(name)), (uintptr_t)name) >= 0)
        printf("Input device name: \"%s\"\n", name);
    if (ioctl(fd, EVIOCGBIT(0, sizeof(types)), (uintptr_t)types) < 0)
        return;
    printf("Supported events:\n");
    for (unsigned int t = 0; t < EV_CNT; t++) {
        uint8_t codes[KEY_CNT / 8] = { 0 };
        unsigned int count = 0, first = 0, last = 0;
        if (!bit_set(types, t))
            continue;
        printf("  Event type %u (%s)", t, type_names[t] ? type_names[t] : "?");
        if (t != EV_SYN && ioctl(fd, EVIOCGBIT(t, sizeof(codes)), (uintptr_t)codes) >= 0) {
            for (unsigned int c = 0; c < KEY_CNT; c++) {
                if (!bit_set(codes, c))
                    continue;
                if (!count++)
                    first = c;
                last = c;
            }
            if (count)
                printf(": %u codes, %u to %u", count, first, last);
        }
        printf("\n");
    }
}

static void print_event(const struct input_event *e)
{
    if (e->type == EV_SYN && e->code < 4)
        printf("Event: time %u.%06u, -------------- %s ------------\n", e->sec, e->usec,
               syn_names[e->code]);
    else
        printf("Event: time %u.%06u, type %u (%s), code %u, value %d\n", e->sec, e->usec, e->type,
               e->type < EV_CNT && type_names[e->type] ? type_names[e->type] : "?", e->code,
               e->value);
}

static int inject(char **argv)
{
    uint32_t type, code;
    int32_t value;
    if (!parse_u32(argv[1], &type) || !parse_u32(argv[2], &code) || !parse_i32(argv[3], &value))
        return usage_error("evtest", "-i DEVICE TYPE CODE VALUE");
    int fd = open(argv[0], ARK_O_WRONLY);
    if (fd < 0) {
        eprintf("evtest: %s: %s\n", argv[0], strerror(fd));
        return 2;
    }
    struct input_event e[2] = { { 0, 0, (uint16_t)type, (uint16_t)code, value },
                                { 0, 0, EV_SYN, 0, 0 } };
    long n = write(fd, e, sizeof(e));
    close(fd);
    if (n != (long)sizeof(e)) {
        eprintf("evtest: write %s: %s\n", argv[0], n < 0 ? strerror((int)n) : "short write");
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int32_t timeout = 2000;
    bool grab = false, after = false;
    int i = 1;
    if (argc == 6 && !strcmp(argv[1], "-i"))
        return inject(argv + 2);
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-t") && i + 1 < argc && parse_i32(argv[i + 1], &timeout))
            i++;
        else if (!strcmp(argv[i], "-g"))
            grab = true;
        else if (!strcmp(argv[i], "-a"))
            after = true;
        else
            return usage_error("evtest", "[-t MS] [-g] [-a] DEVICE COUNT [PROG ARG...]");
    }
    uint32_t want;
    if (argc - i < 2 || !parse_u32(argv[i + 1], &want))
        return usage_error("evtest", "[-t MS] [-g] [-a] DEVICE COUNT [PROG ARG...]");
    int fd = open(argv[i], ARK_O_RDONLY);
    if (fd < 0) {
        eprintf("evtest: %s: %s\n", argv[i], strerror(fd));
        return 2;
    }
    describe(fd);
    if (grab) {
        long rc = ioctl(fd, EVIOCGRAB, 1);
        printf("evtest: grab: %s\n", rc ? strerror((int)rc) : "ok");
    }
    ark_pid_t pid = -1;
    if (argc - i > 2) {
        pid = spawn(argv[i + 2], argv + i + 2);
        if (pid < 0)
            eprintf("evtest: spawn %s: %s\n", argv[i + 2], strerror(pid));
    }
    uint32_t got = 0;
    int status = 0;
    if (pid >= 0 && after) {
        int pstatus = -1;
        wait(pid, &pstatus);
        printf("evtest: %s exited with status %d\n", argv[i + 2], pstatus);
        pid = -1;
    }
    while (got < want) {
        struct ark_pollfd p = { .fd = fd, .events = ARK_POLLIN };
        int ready = poll(&p, 1, timeout);
        if (ready == 0) {
            printf("evtest: no event within %d ms (%u of %u)\n", timeout, got, want);
            status = 1;
            break;
        }
        struct input_event ev[8];
        long n = ready < 0 ? ready : read(fd, ev, sizeof(ev));
        if (n < 0) {
            printf("evtest: read: %s\n", strerror((int)n));
            status = 2;
            break;
        }
        for (long k = 0; k < n / (long)sizeof(ev[0]) && got < want; k++, got++)
            print_event(&ev[k]);
    }
    if (pid >= 0) {
        int pstatus = -1;
        wait(pid, &pstatus);
        printf("evtest: %s exited with status %d\n", argv[i + 2], pstatus);
    }
    close(fd);
    return status;
}
