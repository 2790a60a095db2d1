/* trap.c — where every interrupt lands: hardware IRQs go to their registered handlers, int 0x80 to
 * the system-call table, and CPU exceptions either kill the user process that caused them, are
 * contained when module code caused them (kmod_fault_recover), or, when the kernel itself
 * faulted, stop the machine with a panic report. */
#include "trap.h"
#include "cpu.h"
#include "proc.h"
#include "sched.h"
#include "exec_ctx.h"
#include "ark/kernel.h"

static const char *const exception_names[32] = {
    "divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow",
    "bound range exceeded", "invalid opcode", "device not available", "double fault",
    "coprocessor segment overrun", "invalid TSS", "segment not present", "stack-segment fault",
    "general protection fault", "page fault", "reserved", "x87 floating-point error",
    "alignment check", "machine check", "SIMD floating-point error", "virtualization exception",
    "control protection exception", "reserved", "reserved", "reserved", "reserved", "reserved",
    "reserved", "hypervisor injection", "VMM communication", "security exception", "reserved",
};

const char *trap_name(uint32_t vector)
{
    if (vector < 32)
        return exception_names[vector];
    if (vector >= IRQ_BASE_VECTOR && vector < IRQ_BASE_VECTOR + IRQ_LINES)
        return "hardware interrupt";
    if (vector == SYSCALL_VECTOR)
        return "system call";
    return "unexpected interrupt";
}

static void trap_irq(struct trap_frame *tf)
{
    int irq = (int)tf->vector - IRQ_BASE_VECTOR;
    if (pic_is_spurious(irq))
        return;
    sched_irq_enter();
    irq_dispatch(irq);
    pic_eoi(irq);
    sched_irq_exit_from(tf->eip, trap_from_user(tf));   /* a tick may have ended the time slice */
}

/* A fault in ring 3 is the process's own doing: report it and end the process. */
static void trap_user_fault(struct trap_frame *tf)
{
    struct process *p = proc_current();
    if (tf->vector == 14 && !(tf->error & 1) && proc_demand_fault(p, read_cr2()))
        return;                        /* first touch of bss or stack: now mapped */
    if (tf->vector == 14)
        printk(KERN_ERR "ark: pid %d (%s): %s at address 0x%08x, eip 0x%08x (error 0x%x): killed\n",
               p->pid, p->name, exception_names[14], read_cr2(), tf->eip, tf->error);
    else
        printk(KERN_ERR "ark: pid %d (%s): %s (vector %u), eip 0x%08x: killed\n",
               p->pid, p->name, trap_name(tf->vector), tf->vector, tf->eip);
    cpu_sti();
    proc_exit(PROC_EXIT_KILLED_BASE + (int)tf->vector);
}

/* A module faulted while serving this process's system call (kmod_call): the call has returned
 * an error, and the process dies now, before it runs user code again. */
static void trap_kill_after_module_fault(void)
{
    struct exec_ctx *c = exec_ctx_current();
    struct process *p = proc_current();
    if (!c->kill_pending || !p)
        return;
    c->kill_pending = false;
    printk(KERN_ERR "ark: pid %d (%s): killed: a module faulted during its system call\n", p->pid,
           p->name);
    proc_exit(PROC_EXIT_KILLED_BASE + (int)c->kill_vector);
}

static void trap_dispatch_inner(struct trap_frame *tf)
{
    if (tf->vector >= IRQ_BASE_VECTOR && tf->vector < IRQ_BASE_VECTOR + IRQ_LINES) {
        trap_irq(tf);
        return;
    }
    if (tf->vector == SYSCALL_VECTOR) {
        syscall_dispatch(tf);
        trap_kill_after_module_fault();
        return;
    }
    if (trap_from_user(tf) && proc_current()) {
        trap_user_fault(tf);
        return;
    }
    if (!trap_from_user(tf) && kmod_fault_recover &&
        kmod_fault_recover(tf, trap_kernel_esp(tf), read_cr2()))
        return;                        /* resumes at the module call's recovery point */
    panic_trap(tf);
}

void trap_dispatch(struct trap_frame *tf)
{
    trap_dispatch_inner(tf);
    if (trap_from_user(tf))
        proc_check_signals();          /* a killed process dies before it runs user code again */
}
