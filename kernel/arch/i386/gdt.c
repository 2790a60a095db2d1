/* gdt.c — the global descriptor table (flat kernel and user segments) and two task state segments:
 * the main one gives the CPU the kernel stack to switch to on an interrupt from ring 3; the second is
 * the double-fault task, which runs on a stack of its own because a double fault usually means the
 * kernel stack is unusable (overflowed into its guard page). */
#include "trap.h"
#include "cpu.h"
#include "ark/kernel.h"

struct gdt_entry {
    uint16_t limit_low;
    uint16_t base_low;
    uint8_t base_mid;
    uint8_t access;
    uint8_t flags_limit_high;
    uint8_t base_high;
} __attribute__((packed));

struct gdt_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

struct tss {
    uint32_t prev, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

#define GDT_ACCESS_KERNEL_CODE 0x9A   /* present, ring 0, code, readable */
#define GDT_ACCESS_KERNEL_DATA 0x92   /* present, ring 0, data, writable */
#define GDT_ACCESS_USER_CODE   0xFA
#define GDT_ACCESS_USER_DATA   0xF2
#define GDT_ACCESS_TSS         0x89   /* present, ring 0, 32-bit available TSS */
#define GDT_FLAGS_4K_32BIT     0xC0

#define EFLAGS_RESERVED 0x2u

static struct gdt_entry gdt[7];
static struct tss tss;
static struct tss df_tss;
static uint8_t df_stack[8192] __attribute__((aligned(16)));

/* Entered by a task switch (IDT vector 8 is a task gate): the CPU saved the faulting context in the
 * main TSS. It is turned into a trap frame; a fault the DKM glue contains (a module's stack
 * overflow inside a module call) resumes the faulting task at the call's recovery point, by
 * rewriting the saved context and returning with iret (a task switch back, double_fault_entry).
 * Anything else ends in the ordinary panic report. */
static void __attribute__((used)) double_fault_task(void)
{
    struct trap_frame tf;
    memset(&tf, 0, sizeof(tf));
    tf.vector = 8;
    tf.eip = tss.eip;
    tf.cs = tss.cs;
    tf.eflags = tss.eflags;
    tf.eax = tss.eax;
    tf.ebx = tss.ebx;
    tf.ecx = tss.ecx;
    tf.edx = tss.edx;
    tf.esi = tss.esi;
    tf.edi = tss.edi;
    tf.ebp = tss.ebp;
    tf.esp_at_pusha = tss.esp - TRAP_KERNEL_ESP_OFFSET;   /* see trap_kernel_esp() */
    tf.ds = tss.ds;
    tf.es = tss.es;
    tf.fs = tss.fs;
    tf.gs = tss.gs;
    tf.user_esp = tss.esp;
    tf.user_ss = tss.ss;
    if (!trap_from_user(&tf) && kmod_fault_recover && kmod_fault_resume_esp &&
        kmod_fault_recover(&tf, tss.esp, read_cr2())) {
        tss.eip = tf.eip;
        tss.eax = tf.eax;
        tss.eflags = tf.eflags;
        tss.esp = kmod_fault_resume_esp(&tf);
        return;
    }
    panic_trap(&tf);
}

/* The double-fault task's code: the iret returns to the faulting task; the next double fault
 * resumes here, just after it, with the same stack pointer, and loops back. */
__asm__(".text\n"
        "double_fault_entry:\n"
        "1:  call double_fault_task\n"
        "    iret\n"
        "    jmp 1b\n");
extern const char double_fault_entry[];

static void gdt_set(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[i].limit_low = limit & 0xFFFF;
    gdt[i].base_low = base & 0xFFFF;
    gdt[i].base_mid = (base >> 16) & 0xFF;
    gdt[i].access = access;
    gdt[i].flags_limit_high = (uint8_t)(flags | ((limit >> 16) & 0x0F));
    gdt[i].base_high = (base >> 24) & 0xFF;
}

void gdt_init(void)
{
    gdt_set(0, 0, 0, 0, 0);
    gdt_set(1, 0, 0xFFFFF, GDT_ACCESS_KERNEL_CODE, GDT_FLAGS_4K_32BIT);
    gdt_set(2, 0, 0xFFFFF, GDT_ACCESS_KERNEL_DATA, GDT_FLAGS_4K_32BIT);
    gdt_set(3, 0, 0xFFFFF, GDT_ACCESS_USER_CODE, GDT_FLAGS_4K_32BIT);
    gdt_set(4, 0, 0xFFFFF, GDT_ACCESS_USER_DATA, GDT_FLAGS_4K_32BIT);

    memset(&tss, 0, sizeof(tss));
    tss.ss0 = SEL_KERNEL_DATA;
    tss.iomap_base = sizeof(tss);     /* no I/O permission bitmap: ring 3 gets no port access */
    gdt_set(5, (uint32_t)(uintptr_t)&tss, sizeof(tss) - 1, GDT_ACCESS_TSS, 0);

    memset(&df_tss, 0, sizeof(df_tss));
    df_tss.esp = df_tss.esp0 = (uint32_t)(uintptr_t)(df_stack + sizeof(df_stack));
    df_tss.ss = df_tss.ss0 = SEL_KERNEL_DATA;
    df_tss.ds = df_tss.es = df_tss.fs = df_tss.gs = SEL_KERNEL_DATA;
    df_tss.cs = SEL_KERNEL_CODE;
    df_tss.eip = (uint32_t)(uintptr_t)double_fault_entry;
    df_tss.eflags = EFLAGS_RESERVED;         /* interrupts off */
    df_tss.cr3 = read_cr3();
    df_tss.iomap_base = sizeof(df_tss);
    gdt_set(6, (uint32_t)(uintptr_t)&df_tss, sizeof(df_tss) - 1, GDT_ACCESS_TSS, 0);

    struct gdt_pointer ptr = { sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt };
    __asm__ volatile(
        "lgdt %0\n\t"
        "movw %1, %%ax\n\t"
        "movw %%ax, %%ds\n\t"
        "movw %%ax, %%es\n\t"
        "movw %%ax, %%fs\n\t"
        "movw %%ax, %%gs\n\t"
        "movw %%ax, %%ss\n\t"
        "ljmp %2, $1f\n"
        "1:\n\t"
        "movw %3, %%ax\n\t"
        "ltr %%ax"
        :
        : "m"(ptr), "i"(SEL_KERNEL_DATA), "i"(SEL_KERNEL_CODE), "i"(SEL_TSS)
        : "eax", "memory");
}

void tss_set_kernel_stack(uint32_t esp0)
{
    tss.esp0 = esp0;
}

void tss_double_fault_set_cr3(uint32_t cr3)
{
    df_tss.cr3 = cr3;
}

void tss_note_cr3(uint32_t cr3)
{
    tss.cr3 = cr3;
}
