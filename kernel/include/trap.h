/* trap.h — the CPU side of interrupts: descriptor tables, the register frame every interrupt and
 * system call saves, the 8259 PIC and the 8253 PIT, and the entry points the assembly stubs call. */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include "ark/types.h"

/* Segment selectors (gdt.c lays the table out in this order). */
#define SEL_KERNEL_CODE 0x08
#define SEL_KERNEL_DATA 0x10
#define SEL_USER_CODE   0x1B   /* RPL 3 */
#define SEL_USER_DATA   0x23
#define SEL_TSS         0x28
#define SEL_DF_TSS      0x30   /* the double-fault task */

#define IRQ_BASE_VECTOR 32     /* the PIC delivers IRQ n as vector 32 + n */
#define IRQ_LINES       16
#define SYSCALL_VECTOR  0x80

/* Saved by isr.S, lowest address first. user_esp/user_ss exist only when the CPU came from ring 3. */
struct trap_frame {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
    uint32_t vector, error;
    uint32_t eip, cs, eflags;
    uint32_t user_esp, user_ss;
};

static inline bool trap_from_user(const struct trap_frame *tf) { return (tf->cs & 3) == 3; }

/* For a trap taken in the kernel there is no stack switch: pusha saved esp pointing at `vector`,
 * and the interrupted code's stack starts five words (vector, error, eip, cs, eflags) above. */
#define TRAP_KERNEL_ESP_OFFSET 20u
static inline uint32_t trap_kernel_esp(const struct trap_frame *tf)
{
    return tf->esp_at_pusha + TRAP_KERNEL_ESP_OFFSET;
}

/* gdt.c */
void gdt_init(void);
void tss_set_kernel_stack(uint32_t esp0);
/* The double-fault task runs on its own stack in the address space cr3 (set once paging is final),
 * so that a kernel stack overflow still produces a panic report. */
void tss_double_fault_set_cr3(uint32_t cr3);

/* idt.c */
void idt_init(void);

/* trap.c: called by isr.S for every vector. */
void trap_dispatch(struct trap_frame *tf);
/* isr.S: restores a trap frame and returns from the interrupt (used to enter user mode). */
extern void trap_return(void);

/* pic.c */
void pic_init(void);
void pic_mask(int irq);
void pic_unmask(int irq);
bool pic_is_spurious(int irq);          /* acknowledges the cascade for a spurious IRQ 15 */
void pic_eoi(int irq);

/* pit.c */
#define PIT_HZ 1000u
void pit_init(void);
uint64_t pit_ticks(void);

/* irq.c: runs the handlers registered for a line (ark/irq.h). */
void irq_dispatch(int irq);

/* timer.c: called by the PIT interrupt once per tick. */
void timer_tick(uint64_t now_ms);

/* syscall.c */
void syscall_dispatch(struct trap_frame *tf);

const char *trap_name(uint32_t vector);     /* "page fault", "hardware interrupt", ... */

/* kernel/dkm (dkm_fault.c), if linked in: contains an exception taken in module code (or in a
 * kernel function module code called) inside a kmod_call. esp is the faulting stack pointer, cr2
 * the fault address. True when contained: tf now resumes at the call's recovery point. */
bool kmod_fault_recover(struct trap_frame *tf, uint32_t esp, uint32_t cr2) __attribute__((weak));
uint32_t kmod_fault_resume_esp(const struct trap_frame *tf) __attribute__((weak));
/* Keeps the main TSS's CR3 field equal to the live CR3: a double fault that is contained returns
 * to the faulting context by a task switch, which loads CR3 from there. */
void tss_note_cr3(uint32_t cr3);

/* panic.c: the report for an exception the kernel cannot recover from. */
void panic_trap(const struct trap_frame *tf) __attribute__((noreturn));

#endif
