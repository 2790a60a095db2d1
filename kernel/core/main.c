/* main.c — kmain: brings the machine up in dependency order, mounts the ramdisk and starts the
 * scheduler; its first thread, [init], starts the work queue, lets the DKM glue start and runs
 * /bin/sh as the first process on the console. When the shell ends, so does ark. */
#include "boot.h"
#include "console.h"
#include "cpu.h"
#include "kapi.h"
#include "klog.h"
#include "kptr.h"
#include "mm.h"
#include "ro_after_init.h"
#include "power.h"
#include "proc.h"
#include "sched.h"
#include "sysrq.h"
#include "taint.h"
#include "trap.h"
#include "vfs.h"
#include "ark/abi.h"
#include "ark/errno.h"
#include "ark/kernel.h"

#define INIT_PATH "/bin/sh"

void kmain(uint32_t magic, uint32_t info_phys);

static struct boot_info boot_info;
static size_t ramdisk_bytes;

static void apply_loglevel(void)
{
    char value[8];
    if (!cmdline_get("loglevel", value, sizeof(value)))
        return;
    if (value[0] >= '0' && value[0] <= '8' && value[1] == '\0')
        printk_set_console_level(value[0] - '0');
    else
        printk(KERN_WARNING "ark: ignoring loglevel=%s (expected 0-8)\n", value);
}

static size_t mount_ramdisk(void)
{
    if (boot_info.module_count == 0) {
        printk(KERN_ERR "ark: no ramdisk: the boot loader passed no module (QEMU: -initrd FILE)\n");
        return 0;
    }
    const struct boot_module *m = &boot_info.modules[0];
    size_t size = m->end - m->start;
    if (m->end > pmm_ram_top()) {
        printk(KERN_ERR "ark: ramdisk at 0x%08x..0x%08x lies outside usable RAM\n",
               (unsigned)m->start, (unsigned)m->end);
        return 0;
    }
    int rc = ramdisk_mount(PHYS_TO_VIRT(m->start), size);
    if (rc < 0)
        printk(KERN_ERR "ark: cannot mount the ramdisk (%d)\n", rc);
    return size;
}

/* The first process: /bin/sh with descriptors 0, 1 and 2 on /dev/console. */
static void run_init(void)
{
    struct file *console;
    int rc = vfs_open("/dev/console", ARK_O_RDWR, &console);
    if (rc < 0) {
        printk(KERN_EMERG "ark: cannot open /dev/console (%d); stopping\n", rc);
        machine_fail_exit();
    }
    struct file *stdio[3] = { console, console, console };
    char *argv[] = { "sh" };
    int pid = proc_spawn(INIT_PATH, argv, 1, stdio, 0);
    vfs_close(console);
    if (pid < 0) {
        printk(KERN_EMERG "ark: cannot start %s: %s (%d); stopping\n", INIT_PATH,
               pid == -ENOENT ? "no such file in the ramdisk" :
               pid == -ENOEXEC ? "not a valid executable" : "error", pid);
        machine_fail_exit();
    }
    int status = 0;
    while (proc_wait(pid, &status, 0) == -EINTR)
        ;                               /* the kernel is never killed: cannot happen */
    if (status == 0) {
        printk(KERN_NOTICE "ark: %s exited\n", INIT_PATH);
        if (linux_power_off_notify)
            linux_power_off_notify();
        machine_power_off();
    }
    printk(KERN_EMERG "ark: %s exited with status %d; stopping\n", INIT_PATH, status);
    machine_fail_exit();
}

/* The first thread: holds the kernel lock like every thread body. */
static void init_main(struct ark_thread *self)
{
    (void)self;
    cpu_sti();
    klock_acquire();
    workqueue_init();
    sched_proc_init();
    if (dkm_kernel_init)
        dkm_kernel_init();
    ro_after_init_seal();       /* every start-up table is filled: no more writes */

    printk(KERN_INFO "ark: ABI %d.%d, %u MiB RAM (%u pages free), ramdisk %u KiB, up in %u ms%s%s\n",
           ARK_ABI_MAJOR, ARK_ABI_MINOR, (unsigned)(pmm_total_pages() / 256), pmm_free_pages(),
           (unsigned)(ramdisk_bytes / 1024), (unsigned)ark_uptime_ms(),
           kernel_cmdline()[0] ? ", cmdline: " : "", kernel_cmdline());
    run_init();
}

void kmain(uint32_t magic, uint32_t info_phys)
{
    console_init();
    if (multiboot_parse(magic, info_phys, &boot_info) != 0) {
        printk(KERN_EMERG "ark: not started by a multiboot loader (magic 0x%08x); stopping\n", magic);
        machine_fail_exit();
    }
    gdt_init();
    idt_init();
    pic_init();
    cmdline_init(boot_info.cmdline);
    if (boot_info.cmdline_truncated)
        printk(KERN_WARNING "ark: kernel command line longer than %u bytes; the rest is ignored\n",
               BOOT_CMDLINE_MAX - 1);
    apply_loglevel();

    pmm_init(&boot_info);
    vmm_init();
    tss_double_fault_set_cr3(VIRT_TO_PHYS(vmm_kernel_pgdir()));
    kheap_init();
    pit_init();                 /* the tick and console input register handlers: need the heap */
    console_input_init();
    cpu_sti();

    vfs_init();
    ramdisk_bytes = mount_ramdisk();
    sysrq_init();
    taint_proc_init();
    kptr_init();
    kptr_proc_init();
    sched_start(init_main);
}
