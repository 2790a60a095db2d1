/* sys_proc.c — process system calls: spawn/wait/exit, identity (pid, uid), time, and power-off. */
#include "syscalls.h"
#include "proc.h"
#include "vfs.h"
#include "power.h"
#include "cpu.h"
#include "ark/syscall.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"

long sys_exit(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    proc_exit((int)a1);
}

/* Copies a NULL-terminated user argv into args (PROC_ARG_BYTES of string space) and kargv. */
static long argv_from_user(uint32_t uargv, char *args, char *kargv[PROC_ARGV_MAX])
{
    size_t used = 0;
    int argc = 0;
    for (;; argc++) {
        uint32_t uptr;
        if (copy_from_user(&uptr, (const void *)(uintptr_t)(uargv + 4u * (uint32_t)argc), 4) != 0)
            return -EFAULT;
        if (!uptr)
            return argc;
        if (argc == PROC_ARGV_MAX || used == PROC_ARG_BYTES)
            return -E2BIG;
        long n = strncpy_from_user(args + used, (const char *)(uintptr_t)uptr, PROC_ARG_BYTES - used);
        if (n == -ENAMETOOLONG)
            return -E2BIG;
        if (n < 0)
            return n;
        kargv[argc] = args + used;
        used += (size_t)n + 1;
    }
}

long sys_spawn(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    char path[VFS_PATH_MAX];
    if (!a1)
        return -EFAULT;
    long rc = strncpy_from_user(path, (const char *)(uintptr_t)a1, sizeof(path));
    if (rc < 0)
        return rc;
    char *args = kmalloc(PROC_ARG_BYTES);
    char *kargv[PROC_ARGV_MAX];
    if (!args)
        return -ENOMEM;
    long argc = a2 ? argv_from_user(a2, args, kargv) : 0;
    if (argc == 0) {                     /* no arguments given: the program still gets its name */
        kargv[0] = path;
        argc = 1;
    }
    rc = argc < 0 ? argc : proc_spawn(path, kargv, (int)argc, NULL);
    kfree(args);
    return rc;
}

long sys_wait(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    int *ustatus = (int *)(uintptr_t)a2;
    if (ustatus && !user_access_ok(ustatus, sizeof(int), true))
        return -EFAULT;
    int status = 0;
    int rc = proc_wait((ark_pid_t)a1, &status);
    if (rc > 0 && ustatus && copy_to_user(ustatus, &status, sizeof(status)) != 0)
        return -EFAULT;
    return rc;
}

long sys_getuid(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    return current_uid();
}

long sys_setuid(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    ark_uid_t uid = (ark_uid_t)a1;
    struct process *p = proc_current();
    if (uid < 0)
        return -EINVAL;
    if (p->uid != 0 && uid != p->uid)
        return -EPERM;                   /* only root may become someone else */
    p->uid = uid;
    return 0;
}

long sys_getpid(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    return current_pid();
}

long sys_poweroff(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    if (current_uid() != 0)
        return -EPERM;
    machine_power_off();
}

long sys_uptime_ms(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    return (long)(uint32_t)ark_uptime_ms();
}

long sys_sleep_ms(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    uint64_t until = ark_uptime_ms() + a1;
    while (ark_uptime_ms() < until)
        cpu_sti_hlt();                   /* nothing else to run: wait for the next tick */
    return 0;
}

ark_uid_t current_uid(void)
{
    struct process *p = proc_current();
    return p ? p->uid : 0;               /* the kernel itself acts as root */
}
KERNEL_EXPORT(current_uid);

ark_pid_t current_pid(void)
{
    struct process *p = proc_current();
    return p ? p->pid : 0;
}
KERNEL_EXPORT(current_pid);
