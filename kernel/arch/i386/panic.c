/* panic.c — the panic report: why the kernel stopped, the CPU state, the current process and a
 * backtrace along the saved frame pointers, every code address symbolised (kernel symbols, or module
 * symbols through the DKM resolver). Ends by asking QEMU's isa-debug-exit device for a non-zero exit. */
#include "trap.h"
#include "backtrace.h"
#include "cpu.h"
#include "mm.h"
#include "kapi.h"
#include "proc.h"
#include "sched.h"
#include "exec_ctx.h"
#include "ark/irq.h"
#include "ark/kernel.h"
#include "export.h"
#include "taint.h"

#define DEBUG_EXIT_PORT   0xF4
#define DEBUG_EXIT_FAILED 0x01       /* QEMU exits with (value << 1) | 1 */

static volatile int panic_depth;

static void __attribute__((noreturn)) panic_stop(void)
{
    printk(KERN_EMERG "ark: end of panic report\n");
    outb(DEBUG_EXIT_PORT, DEBUG_EXIT_FAILED);
    cpu_halt_forever();
}

/* A second panic while reporting the first must not recurse: leave at once. */
static void panic_enter(void)
{
    cpu_cli();
    if (panic_depth++ > 0) {
        outb(DEBUG_EXIT_PORT, DEBUG_EXIT_FAILED);
        cpu_halt_forever();
    }
}

static void format_symbol(uint32_t addr, char *buf, size_t len)
{
    if (ksym_format(addr, buf, len) != 0)
        strlcpy(buf, "?", len);
}

static void emit_emergency(int depth, uint32_t ret, const char *sym)
{
    printk(KERN_EMERG "    #%-2d 0x%08x %s\n", depth, ret, sym);
}

/* Like Linux's "Tainted: P E" line: whoever reads the report knows what ran before. */
static void print_taint(void)
{
    uint32_t mask = taint_mask();
    char letters[24];
    taint_letters(mask, letters, sizeof letters);
    if (mask)
        printk(KERN_EMERG "  tainted: %s (%u)\n", letters, (unsigned)mask);
    else
        printk(KERN_EMERG "  tainted: no\n");
}

/* Which context was running at esp: an interrupt handler (and what it interrupted), a process's
 * system call or fault, a kernel thread, or start-up; and the taint flags. */
static void print_process(uint32_t esp)
{
    print_taint();
    struct process *p = proc_current();
    const struct exec_ctx *c = exec_ctx_of(esp);
    if (c->irq_depth > 0)
        printk(KERN_EMERG "  context: interrupt (IRQ %d), not the process below\n", c->irq_line);
    else
        printk(KERN_EMERG "  context: %s\n", exec_ctx_kind(c));
    if (p)
        printk(KERN_EMERG "  process: pid %d (%s), uid %d%s\n", p->pid, p->name, p->uid,
               c->irq_depth > 0 ? " (interrupted)" : "");
    else if (sched_current())
        printk(KERN_EMERG "  process: none (kernel thread [%s])%s\n", sched_current()->name,
               c->irq_depth > 0 ? " (interrupted)" : "");
    else
        printk(KERN_EMERG "  process: none (kernel start-up)\n");
}

void panic(const char *fmt, ...)
{
    panic_enter();
    char reason[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    size_t n = strlen(reason);
    if (n > 0 && reason[n - 1] == '\n')
        reason[n - 1] = '\0';

    printk(KERN_EMERG "ark: kernel panic: %s\n", reason);
    print_process(read_esp());
    printk(KERN_EMERG "  backtrace:\n");
    backtrace_walk(read_ebp(), 0, BACKTRACE_MAX, emit_emergency);
    panic_stop();
}
KERNEL_EXPORT(panic);

static void describe_page_fault(uint32_t error, char *buf, size_t len)
{
    snprintf(buf, len, "%s %s page, %s mode",
             (error & 2) ? "write to a" : (error & 16) ? "instruction fetch from a" : "read from a",
             (error & 1) ? "protected" : "non-present", (error & 4) ? "user" : "kernel");
}

void panic_trap(const struct trap_frame *tf)
{
    panic_enter();
    char sym[128], what[96];
    uint32_t cr2 = read_cr2();
    bool user = trap_from_user(tf);
    uint32_t esp = user ? tf->user_esp : trap_kernel_esp(tf);
    uint32_t ss = user ? tf->user_ss : SEL_KERNEL_DATA;

    format_symbol(tf->eip, sym, sizeof(sym));
    if (tf->vector == 14) {
        describe_page_fault(tf->error, what, sizeof(what));
        printk(KERN_EMERG "ark: kernel panic: page fault at address 0x%08x (%s) in %s\n",
               cr2, what, sym);
    } else if (tf->vector == 8 && kstack_in_guard(esp)) {
        printk(KERN_EMERG "ark: kernel panic: kernel stack overflow (double fault) in %s\n", sym);
    } else {
        printk(KERN_EMERG "ark: kernel panic: %s in %s\n", trap_name(tf->vector), sym);
    }
    printk(KERN_EMERG "  vector %u (%s), error code 0x%08x\n", tf->vector, trap_name(tf->vector),
           tf->error);
    printk(KERN_EMERG "  eip 0x%08x %s\n", tf->eip, sym);
    printk(KERN_EMERG "  cr2 0x%08x  cr3 0x%08x  cr0 0x%08x  eflags 0x%08x\n", cr2, read_cr3(),
           read_cr0(), tf->eflags);
    printk(KERN_EMERG "  eax 0x%08x  ebx 0x%08x  ecx 0x%08x  edx 0x%08x\n", tf->eax, tf->ebx,
           tf->ecx, tf->edx);
    printk(KERN_EMERG "  esi 0x%08x  edi 0x%08x  ebp 0x%08x  esp 0x%08x\n", tf->esi, tf->edi,
           tf->ebp, esp);
    printk(KERN_EMERG "  cs 0x%04x  ds 0x%04x  es 0x%04x  fs 0x%04x  gs 0x%04x  ss 0x%04x\n",
           tf->cs & 0xFFFF, tf->ds & 0xFFFF, tf->es & 0xFFFF, tf->fs & 0xFFFF, tf->gs & 0xFFFF,
           ss & 0xFFFF);
    print_process(user ? read_esp() : esp);
    printk(KERN_EMERG "  backtrace:\n");
    printk(KERN_EMERG "    #0  0x%08x %s\n", tf->eip, sym);
    /* The faulting function's caller is at [ebp + 4]; the walk below starts there. */
    if (!user)
        backtrace_walk(tf->ebp, 1, BACKTRACE_MAX, emit_emergency);
    panic_stop();
}
