/* backtrace.c — walks a kernel stack along its saved frame pointers, for the panic report, the
 * report of a fault in module code and dump_stack: each return address symbolised (kernel
 * symbols, or module symbols through the DKM resolver). */
#include "backtrace.h"
#include "cpu.h"
#include "kapi.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "exec_ctx.h"
#include "taint.h"
#include "ark/kernel.h"
#include "export.h"

bool backtrace_frame_readable(uint32_t ebp)
{
    if (ebp < KERNEL_BASE || (ebp & 3) || ebp > 0xFFFFFFF0u)
        return false;
    uint32_t *pgdir = vmm_kernel_pgdir();
    if (!pgdir)                        /* before vmm_init: only the boot mapping exists */
        return ebp < KERNEL_BASE + 0x10000000u;
    uint32_t flags;
    return vmm_translate(pgdir, ebp, &flags) != 0 && vmm_translate(pgdir, ebp + 7, &flags) != 0;
}

void backtrace_walk(uint32_t ebp, int depth, int max, void (*emit)(int depth, uint32_t ret, const char *sym))
{
    char sym[128];
    for (; depth < max && backtrace_frame_readable(ebp); depth++) {
        const uint32_t *frame = (const uint32_t *)(uintptr_t)ebp;
        uint32_t ret = frame[1];
        if (ret < KERNEL_BASE)
            break;
        /* ret follows a call, which may be its function's last instruction (a noreturn callee):
         * the symbol is the one holding ret - 1. */
        if (ksym_format_return(ret, sym, sizeof(sym)) != 0)
            strlcpy(sym, "?", sizeof(sym));
        emit(depth, ret, sym);
        if (frame[0] <= ebp)           /* callers' frames lie above: anything else is garbage */
            break;
        ebp = frame[0];
    }
}

static void emit_warning(int depth, uint32_t ret, const char *sym)
{
    printk(KERN_WARNING "    #%-2d 0x%08x %s\n", depth, (unsigned)ret, sym);
}

/* Who is running, then the calls from the frame at ebp outwards: the function that frame
 * returns to first. */
static void dump_stack_at(uint32_t ebp)
{
    const struct exec_ctx *c = exec_ctx_of(read_esp());
    struct process *p = proc_current();
    struct ark_thread *t = sched_current();
    if (c->irq_depth > 0)
        printk(KERN_WARNING "stack: interrupt (IRQ %d)\n", c->irq_line);
    else if (p)
        printk(KERN_WARNING "stack: process pid %d (%s)\n", p->pid, p->name);
    else if (t)
        printk(KERN_WARNING "stack: kernel thread [%s]\n", t->name);
    else
        printk(KERN_WARNING "stack: kernel start-up\n");
    printk(KERN_WARNING "  backtrace:\n");
    backtrace_walk(ebp, 0, BACKTRACE_MAX, emit_warning);
}

/* Linux's dump_stack: its caller comes first. */
void __attribute__((noinline)) dump_stack(void)
{
    dump_stack_at(read_ebp());
}
KERNEL_EXPORT(dump_stack);

void __attribute__((noinline)) ark_linux_warn(const char *file, int line, const char *fmt, ...)
{
    char msg[192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = strlen(msg);
    printk(KERN_WARNING "WARNING: %s:%d: %s%s", file, line, msg, n && msg[n - 1] == '\n' ? "" : "\n");
    taint_add(TAINT_WARN);
    dump_stack_at(read_ebp());         /* from the code that warned */
}
KERNEL_EXPORT(ark_linux_warn);
