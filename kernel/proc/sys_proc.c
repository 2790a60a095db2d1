/* sys_proc.c — process system calls: spawn/wait/exit, kill, the process and thread list, identity
 * (pid, uid), time and sleeping, and power-off. */
#include "syscalls.h"
#include "proc.h"
#include "vfs.h"
#include "power.h"
#include "cpu.h"
#include "ark/syscall.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"
#include "kmod_weak.h"
#include "sched.h"

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
    const uint32_t known = ARK_SPAWN_NEWGROUP | ARK_SPAWN_FOREGROUND;
    if ((a3 & ~known) || ((a3 & ARK_SPAWN_FOREGROUND) && !(a3 & ARK_SPAWN_NEWGROUP)))
        return -EINVAL;
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
    rc = argc < 0 ? argc : proc_spawn(path, kargv, (int)argc, NULL, a3 & known);
    kfree(args);
    return rc;
}

long sys_wait(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    int *ustatus = (int *)(uintptr_t)a2;
    if (ustatus && !user_access_ok(ustatus, sizeof(int), true))
        return -EFAULT;
    if (a3 & ~(uint32_t)ARK_WAIT_NOHANG)
        return -EINVAL;
    int status = 0;
    int rc = proc_wait((ark_pid_t)a1, &status, a3);
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
    if (uid != p->uid)
        p->gid = uid;                    /* no group database: each user's group has its number */
    proc_set_uid(p, uid);
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
    if (linux_power_off_notify)
        linux_power_off_notify();
    machine_power_off();
}

long sys_uptime_ms(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    return (long)(uint32_t)ark_uptime_ms();
}

/* Sleeps on a queue nobody wakes: only the time running out or a kill ends it. */
long sys_sleep_ms(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    static struct ark_wait_queue sleepers = ARK_WAIT_QUEUE_INIT(sleepers);
    uint64_t until = ark_uptime_ms() + a1;
    for (;;) {
        uint64_t now = ark_uptime_ms();
        if (now >= until)
            return 0;
        struct ark_wait_entry e = { { &e.link, &e.link }, NULL, false };
        ark_wait_prepare(&sleepers, &e, ARK_WAIT_KILLABLE);
        long left = ark_fatal_signal_pending() ? 0 : ark_wait_sleep((long)(until - now));
        ark_wait_finish(&sleepers, &e);
        (void)left;
        if (ark_fatal_signal_pending())
            return -EINTR;
    }
}

long sys_kill(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    ark_pid_t pid = (ark_pid_t)a1;
    if (pid == 0 || pid == INT32_MIN)
        return -ESRCH;
    return proc_kill(pid, (int)a2, current_uid());
}

/* ---- the process and thread list ---- */

struct ps_fill {
    struct ark_ps_record *recs;        /* kernel buffer, max entries */
    uint32_t max, count;
};

static void ps_one(struct ark_thread *t, void *ctx)
{
    struct ps_fill *f = ctx;
    uint32_t i = f->count++;
    if (i >= f->max)
        return;
    struct ark_ps_record *r = &f->recs[i];
    memset(r, 0, sizeof(*r));
    r->pid = t->tid;
    if (t->proc) {
        r->ppid = t->proc->parent ? t->proc->parent->pid : 0;
        r->uid = t->proc->uid;
        r->state = t->proc->state == PROC_ZOMBIE ? 'Z' : t->state == THREAD_SLEEPING ? 'S' : 'R';
        strlcpy(r->name, t->proc->name, sizeof(r->name));
    } else {
        r->flags = ARK_PS_KTHREAD;
        r->state = t->state == THREAD_DEAD ? 'Z' : t->state == THREAD_SLEEPING ? 'S' : 'R';
        if (t->is_idle)
            r->state = 'R';
        if (t->owner && kmod_name)
            snprintf(r->name, sizeof(r->name), "[%s/%s]", t->name, kmod_name(t->owner));
        else
            snprintf(r->name, sizeof(r->name), "[%s]", t->name);
    }
}

long sys_pslist(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    uint32_t max = a2 > 4096 ? 4096 : a2;
    struct ark_ps_record *out = (struct ark_ps_record *)(uintptr_t)a1;
    if (max && !user_access_ok(out, max * sizeof(*out), true))
        return -EFAULT;
    struct ps_fill f = { NULL, max, 0 };
    if (max) {
        f.recs = kmalloc(max * sizeof(*f.recs));
        if (!f.recs)
            return -ENOMEM;
    }
    sched_for_each_thread(ps_one, &f);
    uint32_t n = f.count < max ? f.count : max;
    long rc = n ? copy_to_user(out, f.recs, n * sizeof(*out)) : 0;
    kfree(f.recs);
    return rc < 0 ? -EFAULT : (long)f.count;
}

ark_uid_t current_uid(void)
{
    struct process *p = proc_current();
    return p ? p->uid : 0;               /* the kernel itself acts as root */
}
KERNEL_EXPORT(current_uid);

ark_gid_t current_gid(void)
{
    struct process *p = proc_current();
    return p ? p->gid : 0;
}
KERNEL_EXPORT(current_gid);

ark_pid_t current_pid(void)
{
    struct process *p = proc_current();
    return p ? p->pid : 0;
}
KERNEL_EXPORT(current_pid);
