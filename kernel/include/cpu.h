/* cpu.h — i386 instructions the kernel needs (interrupt flag, control registers, TLB, halting),
 * wrapped as inline functions so C code never needs its own inline assembly. */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include "ark/types.h"

#define EFLAGS_IF 0x200u
#define CR0_WP    0x00010000u
#define CR0_PG    0x80000000u

static inline void cpu_cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void cpu_sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void cpu_hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
/* sti takes effect after the next instruction, so an interrupt arriving between the check and the
 * halt still wakes the CPU: the classic race-free "wait for interrupt". */
static inline void cpu_sti_hlt(void) { __asm__ volatile("sti; hlt" ::: "memory"); }

static inline uint32_t cpu_flags(void)
{
    uint32_t f;
    __asm__ volatile("pushfl; popl %0" : "=r"(f) :: "memory");
    return f;
}

/* Disables interrupts and returns the previous state for irq_restore. */
static inline uint32_t irq_save(void)
{
    uint32_t f = cpu_flags();
    cpu_cli();
    return f;
}

static inline void irq_restore(uint32_t flags)
{
    if (flags & EFLAGS_IF)
        cpu_sti();
}

static inline uint32_t read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint32_t v) { __asm__ volatile("mov %0, %%cr0" :: "r"(v) : "memory"); }
static inline void write_cr3(uint32_t v) { __asm__ volatile("mov %0, %%cr3" :: "r"(v) : "memory"); }
static inline void invlpg(uintptr_t va) { __asm__ volatile("invlpg (%0)" :: "r"(va) : "memory"); }

#define MSR_EFER     0xC0000080u
#define EFER_NXE     0x800u        /* execute-disable bit in PAE page entries is honoured */
#define CPUID_EXT_NX 0x00100000u   /* CPUID 0x80000001 EDX bit 20 */

static inline uint32_t cpuid_eax(uint32_t leaf)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(0));
    return a;
}
static inline uint32_t cpuid_edx(uint32_t leaf)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(0));
    return d;
}
static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint32_t read_esp(void) { uint32_t v; __asm__ volatile("mov %%esp, %0" : "=r"(v)); return v; }
static inline uint32_t read_ebp(void) { uint32_t v; __asm__ volatile("mov %%ebp, %0" : "=r"(v)); return v; }

static inline void __attribute__((noreturn)) cpu_halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

#endif
