/* syscall.c — the int 0x80 dispatcher: eax selects a handler from the table, which receives ebx,
 * ecx, edx, esi and edi and whose result goes back in eax. Built-in calls are listed here; other
 * subsystems (the DKM glue) add theirs with syscall_register. */
#include "syscalls.h"
#include "trap.h"
#include "cpu.h"
#include "sched.h"
#include "ro_after_init.h"
#include "ark/syscall.h"
#include "ark/errno.h"

#define SYSCALL_MAX 64

/* Filled at start-up (built-ins here, the DKM glue's with syscall_register), then read-only. */
static syscall_handler_t syscall_table[SYSCALL_MAX] __ro_after_init = {
    [SYS_EXIT] = sys_exit,
    [SYS_READ] = sys_read,
    [SYS_WRITE] = sys_write,
    [SYS_OPEN] = sys_open,
    [SYS_CLOSE] = sys_close,
    [SYS_IOCTL] = sys_ioctl,
    [SYS_SPAWN] = sys_spawn,
    [SYS_WAIT] = sys_wait,
    [SYS_GETUID] = sys_getuid,
    [SYS_SETUID] = sys_setuid,
    [SYS_READDIR] = sys_readdir,
    [SYS_STAT] = sys_stat,
    [SYS_POWEROFF] = sys_poweroff,
    [SYS_GETPID] = sys_getpid,
    [SYS_LSEEK] = sys_lseek,
    [SYS_DUP2] = sys_dup2,
    [SYS_UPTIME_MS] = sys_uptime_ms,
    [SYS_SLEEP_MS] = sys_sleep_ms,
    [SYS_KILL] = sys_kill,
    [SYS_PSLIST] = sys_pslist,
    [SYS_POLL] = sys_poll,
};

int syscall_register(unsigned nr, syscall_handler_t handler)
{
    if (nr == 0 || nr >= SYSCALL_MAX || !handler)
        return -EINVAL;
    if (syscall_table[nr])
        return -EEXIST;
    if (ro_after_init_sealed())
        return -EPERM;                  /* the table is read-only once start-up is over */
    syscall_table[nr] = handler;
    return 0;
}

void syscall_dispatch(struct trap_frame *tf)
{
    uint32_t nr = tf->eax;
    syscall_handler_t handler = nr < SYSCALL_MAX ? syscall_table[nr] : NULL;
    /* The gate cleared IF; calls may wait for input or time, which needs interrupts. Kernel
     * data is guarded by the kernel lock, which every sleep gives up (ark/sync.h, rule 5). */
    cpu_sti();
    klock_acquire();
    long result = handler ? handler(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi) : -ENOSYS;
    klock_release();
    cpu_cli();
    tf->eax = (uint32_t)result;
}
