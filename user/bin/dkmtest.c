/* dkmtest — drives the module system from user space for the DKM system tests, faster than
 * typing commands:
 *   dkmtest stress PATH NAME COUNT   load and unload PATH COUNT times; DkmUsed must end where it began
 *   dkmtest soak COUNT PATH NAME...  COUNT rounds of loading and unloading each PATH NAME pair;
 *                                    DkmUsed, KernelHeap and MemFree must end where they began
 *   dkmtest loaddir DIR              load every .elf in DIR at once
 *   dkmtest unloaddir DIR            unload the modules named after the .elf files in DIR
 *   dkmtest hold FILE CMD [ARGS...]  run /bin/CMD while FILE is held open
 *   dkmtest badptr                   every SYS_DKM_* call with bad pointers must get -EFAULT
 * Exits 0 when everything it did succeeded. */
#include "ulib.h"

static int meminfo_value(const char *key, uint32_t *out)
{
    static char buf[2048];
    int fd = open("/proc/meminfo", ARK_O_RDONLY);
    if (fd < 0)
        return fd;
    long len = 0, n;
    while ((n = read(fd, buf + len, (uint32_t)(sizeof buf - 1 - len))) > 0)
        len += n;
    close(fd);
    buf[len] = '\0';
    const char *p = strstr(buf, key);
    if (!p)
        return -ENOENT;
    p += strlen(key);
    while (*p == ' ' || *p == ':')
        p++;
    char num[16];
    unsigned i = 0;
    while (*p >= '0' && *p <= '9' && i < sizeof num - 1)
        num[i++] = *p++;
    num[i] = '\0';
    return parse_u32(num, out) ? 0 : -EINVAL;
}

static int report_kernel_error(const char *what, long rc)
{
    char msg[256];
    if (dkm_lasterr(msg, sizeof msg) <= 0)
        strlcpy(msg, strerror((int)rc), sizeof msg);
    eprintf("dkmtest: %s: %s\n", what, msg);
    return 1;
}

static int cmd_stress(const char *path, const char *name, uint32_t count)
{
    uint32_t used0, used1, meta0, meta1;
    if (meminfo_value("DkmUsed", &used0) < 0 || meminfo_value("DkmMeta", &meta0) < 0) {
        eprintf("dkmtest: /proc/meminfo has no DkmUsed/DkmMeta lines\n");
        return 1;
    }
    uint32_t t0 = uptime_ms();
    for (uint32_t i = 0; i < count; i++) {
        int rc = dkm_load(path, NULL);
        if (rc < 0)
            return report_kernel_error("load", rc);
        rc = dkm_unload(name, 0);
        if (rc < 0)
            return report_kernel_error("unload", rc);
    }
    uint32_t ms = uptime_ms() - t0;
    meminfo_value("DkmUsed", &used1);
    meminfo_value("DkmMeta", &meta1);
    printf("dkmtest: %u cycles in %u ms; DkmUsed before=%u after=%u; DkmMeta before=%u after=%u\n",
           count, ms, used0, used1, meta0, meta1);
    return used0 == used1 ? 0 : 1;
}

static int cmd_soak(uint32_t count, int npairs, char **pairs)
{
    static const char *const keys[3] = { "DkmUsed", "KernelHeap", "MemFree" };
    uint32_t before[3], after[3];
    for (int k = 0; k < 3; k++) {
        if (meminfo_value(keys[k], &before[k]) < 0) {
            eprintf("dkmtest: /proc/meminfo has no %s line\n", keys[k]);
            return 1;
        }
    }
    uint32_t t0 = uptime_ms();
    for (uint32_t i = 0; i < count; i++) {
        for (int m = 0; m < npairs; m++) {
            int rc = dkm_load(pairs[2 * m], NULL);
            if (rc < 0)
                return report_kernel_error(pairs[2 * m], rc);
            rc = dkm_unload(pairs[2 * m + 1], 0);
            if (rc < 0)
                return report_kernel_error(pairs[2 * m + 1], rc);
        }
    }
    uint32_t ms = uptime_ms() - t0;
    int same = 1;
    for (int k = 0; k < 3; k++) {
        meminfo_value(keys[k], &after[k]);
        same &= before[k] == after[k];
    }
    printf("dkmtest: soak %u rounds of %d module%s in %u ms; DkmUsed %u->%u KernelHeap %u->%u "
           "MemFree %u->%u\n", count, npairs, npairs == 1 ? "" : "s", ms, before[0], after[0],
           before[1], after[1], before[2], after[2]);
    return same ? 0 : 1;
}

/* NAME.elf entries of DIR, one at a time. */
static bool next_module(const char *dir, uint32_t *index, char *path, size_t cap, char *name)
{
    struct ark_dirent d;
    while (readdir(dir, (*index)++, &d) == 0) {
        size_t len = strlen(d.name);
        if (d.type != ARK_DT_FILE || len < 5 || strcmp(d.name + len - 4, ".elf") != 0)
            continue;
        snprintf(path, cap, "%s/%s", dir, d.name);
        memcpy(name, d.name, len - 4);
        name[len - 4] = '\0';
        return true;
    }
    return false;
}

static int cmd_dir(const char *dir, bool load)
{
    char path[160], name[ARK_NAME_MAX];
    uint32_t index = 0, done = 0;
    while (next_module(dir, &index, path, sizeof path, name)) {
        int rc = load ? dkm_load(path, NULL) : dkm_unload(name, 0);
        if (rc < 0)
            return report_kernel_error(load ? path : name, rc);
        done++;
    }
    int loaded = dkm_list(NULL, 0);
    printf("dkmtest: %s %u modules; %d loaded now\n", load ? "loaded" : "unloaded", done, loaded);
    return 0;
}

static int cmd_hold(const char *file, char **argv)
{
    int fd = open(file, ARK_O_RDONLY);
    if (fd < 0) {
        eprintf("dkmtest: open %s: %s\n", file, strerror(fd));
        return 1;
    }
    printf("dkmtest: holding %s open\n", file);
    char path[ARK_NAME_MAX + 8];
    snprintf(path, sizeof path, "/bin/%s", argv[0]);
    ark_pid_t pid = spawn(path, argv);
    int status = 0;
    if (pid < 0 || wait(pid, &status) < 0) {
        eprintf("dkmtest: cannot run %s\n", argv[0]);
        close(fd);
        return 1;
    }
    close(fd);
    printf("dkmtest: %s exited with status %d; %s closed\n", argv[0], status, file);
    return 0;
}

extern char _start[];   /* read-only text of this program */

/* Every SYS_DKM_* call with each kind of bad pointer: each must return -EFAULT. */
static int cmd_badptr(void)
{
    char *kernel = (char *)0xC0001000u, *unmapped = (char *)0x30000000u;
    char buf[64];
    struct {
        const char *what;
        long rc;
    } r[] = {
        { "load(NULL, NULL)", dkm_load(NULL, NULL) },
        { "load(kernel, NULL)", dkm_load(kernel, NULL) },
        { "load(path, unmapped)", dkm_load("/ramdisk/dkmt/dkmt_core.elf", unmapped) },
        { "unload(NULL)", dkm_unload(NULL, 0) },
        { "unload(unmapped)", dkm_unload(unmapped, 0) },
        { "list(kernel, 4)", dkm_list((struct ark_dkm_record *)kernel, 4) },
        { "list(unmapped, 1)", dkm_list((struct ark_dkm_record *)unmapped, 1) },
        { "list(text, 4)", dkm_list((struct ark_dkm_record *)_start, 4) },
        { "info(NULL, buf)", dkm_info(NULL, buf, sizeof buf) },
        { "info(name, kernel)", dkm_info("dkmt_core", kernel, 64) },
        { "info(name, text)", dkm_info("dkmt_core", _start, 64) },
        { "lasterr(NULL, 64)", dkm_lasterr(NULL, 64) },
        { "lasterr(kernel, 64)", dkm_lasterr(kernel, 64) },
        { "lasterr(text, 64)", dkm_lasterr(_start, 64) },
    };
    int bad = 0;
    for (unsigned i = 0; i < ARK_ARRAY_SIZE(r); i++) {
        bool ok = r[i].rc == -EFAULT;
        printf("dkmtest: %-24s = %ld %s\n", r[i].what, r[i].rc, ok ? "EFAULT ok" : "UNEXPECTED");
        bad += !ok;
    }
    printf("dkmtest: %d of %u bad-pointer calls did not return EFAULT\n", bad, (unsigned)ARK_ARRAY_SIZE(r));
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    static const char usage[] = "badptr | stress PATH NAME COUNT | soak COUNT PATH NAME... | "
                                "loaddir DIR | unloaddir DIR | hold FILE CMD [ARGS...]";
    uint32_t count;
    if (argc == 5 && strcmp(argv[1], "stress") == 0 && parse_u32(argv[4], &count))
        return cmd_stress(argv[2], argv[3], count);
    if (argc >= 5 && argc % 2 == 1 && strcmp(argv[1], "soak") == 0 && parse_u32(argv[2], &count))
        return cmd_soak(count, (argc - 3) / 2, argv + 3);
    if (argc == 2 && strcmp(argv[1], "badptr") == 0)
        return cmd_badptr();
    if (argc == 3 && strcmp(argv[1], "loaddir") == 0)
        return cmd_dir(argv[2], true);
    if (argc == 3 && strcmp(argv[1], "unloaddir") == 0)
        return cmd_dir(argv[2], false);
    if (argc >= 4 && strcmp(argv[1], "hold") == 0)
        return cmd_hold(argv[2], argv + 3);
    return usage_error("dkmtest", usage);
}
