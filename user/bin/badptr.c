/* badptr — checks that the kernel validates every pointer a process passes: each system call that
 * takes a pointer is given NULL, a kernel address, an unmapped user address, a buffer running off
 * the end of the mapped image, or read-only memory to write into. Each must fail with -EFAULT and
 * the process must live on. `badptr --dkm` also covers the SYS_DKM_* calls. Exits 0 when every
 * call returned -EFAULT. */
#include "ulib.h"

#define KERNEL_ADDR   ((void *)0xC0001000u)      /* inside the kernel's higher half */
#define UNMAPPED_ADDR ((void *)0x30000000u)      /* between the program image and its stack */
#define TOP_OF_USER   ((char *)0xBFFFFFF8u)      /* 8 bytes below the kernel: spans into it */

extern char _end[];                              /* end of this program's image (user.ld) */
extern char _start[];                            /* in the read-only text segment */

static int datafd = -1;                          /* a readable file with data: /bin/sh */
static char *image_tail;                         /* 8 bytes before the first unmapped page */

static struct ark_dirent dirent_ok;
static struct ark_stat stat_ok;
static char *argv_bad_elem[] = { "echo", (char *)0xC0001000u, NULL };
static char *argv_ok[] = { "sleep", "0", NULL };

struct probe {
    const char *what;
    long (*call)(void);
};

static long p_write_null(void)     { return write(STDOUT_FILENO, NULL, 10); }
static long p_write_kernel(void)   { return write(STDOUT_FILENO, KERNEL_ADDR, 10); }
static long p_write_unmapped(void) { return write(STDOUT_FILENO, UNMAPPED_ADDR, 10); }
static long p_write_span(void)     { return write(STDOUT_FILENO, TOP_OF_USER, 16); }
static long p_write_tail(void)     { return write(STDOUT_FILENO, image_tail, 16); }
static long p_read_null(void)      { return read(datafd, NULL, 16); }
static long p_read_kernel(void)    { return read(datafd, KERNEL_ADDR, 16); }
static long p_read_unmapped(void)  { return read(datafd, UNMAPPED_ADDR, 16); }
static long p_read_text(void)      { return read(datafd, _start, 16); }
static long p_open_null(void)      { return open(NULL, ARK_O_RDONLY); }
static long p_open_kernel(void)    { return open(KERNEL_ADDR, ARK_O_RDONLY); }
static long p_open_unmapped(void)  { return open(UNMAPPED_ADDR, ARK_O_RDONLY); }
static long p_open_unterminated(void) { return open(image_tail, ARK_O_RDONLY); }
static long p_stat_path(void)      { return stat(KERNEL_ADDR, &stat_ok); }
static long p_stat_out_null(void)  { return stat("/bin/sh", NULL); }
static long p_stat_out_kernel(void) { return stat("/bin/sh", KERNEL_ADDR); }
static long p_stat_out_text(void)  { return stat("/bin/sh", (struct ark_stat *)_start); }
static long p_readdir_path(void)   { return readdir(UNMAPPED_ADDR, 0, &dirent_ok); }
static long p_pslist_kernel(void)  { return pslist(KERNEL_ADDR, 4); }
static long p_pslist_unmapped(void) { return pslist(UNMAPPED_ADDR, 4); }
static long p_pslist_text(void)    { return pslist((struct ark_ps_record *)_start, 4); }
static long p_readdir_out(void)    { return readdir("/bin", 0, KERNEL_ADDR); }
static long p_readdir_out_null(void) { return readdir("/bin", 0, NULL); }
static long p_spawn_path(void)     { return spawn(NULL, argv_ok); }
static long p_spawn_path_kernel(void) { return spawn(KERNEL_ADDR, argv_ok); }
static long p_spawn_argv(void)     { return spawn("/bin/echo", KERNEL_ADDR); }
static long p_spawn_argv_unmapped(void) { return spawn("/bin/echo", UNMAPPED_ADDR); }
static long p_spawn_argv_elem(void) { return spawn("/bin/echo", argv_bad_elem); }

static long p_wait_status(void)
{
    ark_pid_t pid = spawn("/bin/sleep", argv_ok);
    if (pid < 0)
        return pid;        /* reported as an unexpected result: the test could not even start */
    long r = wait(pid, KERNEL_ADDR);
    int status;
    wait(pid, &status);    /* reap it if the bad call left it waiting; -ECHILD is fine */
    return r;
}

static long p_dkm_load_path(void)   { return dkm_load(KERNEL_ADDR, ""); }
static long p_dkm_load_args(void)   { return dkm_load("/ramdisk/none.elf", KERNEL_ADDR); }
static long p_dkm_unload_name(void) { return dkm_unload(UNMAPPED_ADDR, 0); }
static long p_dkm_list_buf(void)    { return dkm_list(KERNEL_ADDR, 4); }
static long p_dkm_info_name(void)   { return dkm_info(NULL, (char *)&dirent_ok, sizeof(dirent_ok)); }
static long p_dkm_info_buf(void)    { return dkm_info("none", KERNEL_ADDR, 64); }
static long p_dkm_lasterr_buf(void) { return dkm_lasterr(KERNEL_ADDR, 64); }

static const struct probe core_probes[] = {
    { "write(1, NULL, 10)", p_write_null },
    { "write(1, 0xc0001000, 10)", p_write_kernel },
    { "write(1, unmapped 0x30000000, 10)", p_write_unmapped },
    { "write(1, 0xbffffff8, 16) spanning into the kernel", p_write_span },
    { "write(1, image end - 8, 16) spanning into an unmapped page", p_write_tail },
    { "read(fd, NULL, 16)", p_read_null },
    { "read(fd, 0xc0001000, 16)", p_read_kernel },
    { "read(fd, unmapped 0x30000000, 16)", p_read_unmapped },
    { "read(fd, read-only text, 16)", p_read_text },
    { "open(NULL)", p_open_null },
    { "open(0xc0001000)", p_open_kernel },
    { "open(unmapped 0x30000000)", p_open_unmapped },
    { "open(path running into an unmapped page)", p_open_unterminated },
    { "stat(0xc0001000, &st)", p_stat_path },
    { "stat(\"/bin/sh\", NULL)", p_stat_out_null },
    { "stat(\"/bin/sh\", 0xc0001000)", p_stat_out_kernel },
    { "stat(\"/bin/sh\", read-only text)", p_stat_out_text },
    { "readdir(unmapped 0x30000000, 0, &d)", p_readdir_path },
    { "readdir(\"/bin\", 0, 0xc0001000)", p_readdir_out },
    { "readdir(\"/bin\", 0, NULL)", p_readdir_out_null },
    { "spawn(NULL, argv)", p_spawn_path },
    { "spawn(0xc0001000, argv)", p_spawn_path_kernel },
    { "spawn(\"/bin/echo\", 0xc0001000)", p_spawn_argv },
    { "spawn(\"/bin/echo\", unmapped 0x30000000)", p_spawn_argv_unmapped },
    { "spawn(\"/bin/echo\", argv with a kernel pointer)", p_spawn_argv_elem },
    { "wait(child, 0xc0001000)", p_wait_status },
    { "pslist(0xc0001000, 4)", p_pslist_kernel },
    { "pslist(unmapped 0x30000000, 4)", p_pslist_unmapped },
    { "pslist(read-only text, 4)", p_pslist_text },
};

static const struct probe dkm_probes[] = {
    { "dkm_load(0xc0001000, \"\")", p_dkm_load_path },
    { "dkm_load(path, 0xc0001000)", p_dkm_load_args },
    { "dkm_unload(unmapped 0x30000000, 0)", p_dkm_unload_name },
    { "dkm_list(0xc0001000, 4)", p_dkm_list_buf },
    { "dkm_info(NULL, buf, size)", p_dkm_info_name },
    { "dkm_info(\"none\", 0xc0001000, 64)", p_dkm_info_buf },
    { "dkm_lasterr(0xc0001000, 64)", p_dkm_lasterr_buf },
};

static int run_probes(const struct probe *probes, size_t count, int *passed)
{
    for (size_t i = 0; i < count; i++) {
        long r = probes[i].call();
        bool ok = r == -EFAULT;
        if (r < 0)
            printf("badptr: %-58s = %ld (%s) %s\n", probes[i].what, r, errno_name((int)r),
                   ok ? "ok" : "UNEXPECTED");
        else
            printf("badptr: %-58s = %ld UNEXPECTED\n", probes[i].what, r);
        *passed += ok;
    }
    return (int)count;
}

int main(int argc, char **argv)
{
    bool with_dkm = argc == 2 && strcmp(argv[1], "--dkm") == 0;
    bool dkm_only = argc == 2 && strcmp(argv[1], "--dkm-only") == 0;
    if (argc > 2 || (argc == 2 && !with_dkm && !dkm_only))
        return usage_error("badptr", "[--dkm | --dkm-only]");

    datafd = open("/bin/sh", ARK_O_RDONLY);
    if (datafd < 0) {
        eprintf("badptr: /bin/sh: %s\n", strerror(datafd));
        return 1;
    }
    /* The page after the image is not mapped (ark has no heap growth), so the last 8 bytes of
     * the image's final page are followed by unmapped memory: filled with 'a' and no NUL, they
     * form a string the kernel must stop reading at the page boundary. */
    uintptr_t page_end = ((uintptr_t)_end + 0xfff) & ~(uintptr_t)0xfff;
    image_tail = (char *)(page_end - 8);
    memset(image_tail, 'a', 8);

    int passed = 0, total = 0;
    if (!dkm_only)
        total += run_probes(core_probes, ARK_ARRAY_SIZE(core_probes), &passed);
    if (with_dkm || dkm_only)
        total += run_probes(dkm_probes, ARK_ARRAY_SIZE(dkm_probes), &passed);
    close(datafd);
    printf("badptr: %d/%d calls returned EFAULT\n", passed, total);
    return passed == total ? 0 : 1;
}
