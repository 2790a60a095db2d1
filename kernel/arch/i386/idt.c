/* idt.c — the interrupt descriptor table: CPU exceptions, the 16 remapped PIC lines, and the
 * int 0x80 system-call gate, the only one user code may invoke (DPL 3). */
#include "trap.h"
#include "ro_after_init.h"
#include "ark/kernel.h"

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t zero;
    uint8_t type_attr;
    uint16_t offset_high;
} __attribute__((packed));

struct idt_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

/* Interrupt gates clear IF on entry, so handlers start with interrupts off; the system-call path
 * turns them back on itself (syscall.c) because a call may wait for input. */
#define IDT_INTERRUPT_GATE_KERNEL 0x8E
#define IDT_INTERRUPT_GATE_USER   0xEE
#define IDT_TASK_GATE             0x85
#define VECTOR_DOUBLE_FAULT       8

extern const uint32_t isr_stub_table[48];
extern const uint32_t isr_syscall_stub;

static struct idt_gate idt[256] __ro_after_init;   /* the CPU never writes gates */

static void idt_set(int vector, uint32_t handler, uint8_t type_attr)
{
    idt[vector].offset_low = handler & 0xFFFF;
    idt[vector].selector = SEL_KERNEL_CODE;
    idt[vector].zero = 0;
    idt[vector].type_attr = type_attr;
    idt[vector].offset_high = handler >> 16;
}

void idt_init(void)
{
    for (int v = 0; v < 48; v++)
        idt_set(v, isr_stub_table[v], IDT_INTERRUPT_GATE_KERNEL);
    idt_set(SYSCALL_VECTOR, isr_syscall_stub, IDT_INTERRUPT_GATE_USER);
    /* A double fault switches to its own task, and so to a known-good stack (gdt.c). */
    idt_set(VECTOR_DOUBLE_FAULT, 0, IDT_TASK_GATE);
    idt[VECTOR_DOUBLE_FAULT].selector = SEL_DF_TSS;

    struct idt_pointer ptr = { sizeof(idt) - 1, (uint32_t)(uintptr_t)idt };
    __asm__ volatile("lidt %0" : : "m"(ptr) : "memory");
}
