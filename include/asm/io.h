/* asm/io.h — x86 port I/O for drivers (inb/outb and the word and long forms), and the physical
 * address of kernel memory and back. Memory-mapped I/O (ioremap, readl/writel) is not provided:
 * ark maps no device memory for modules. */
#ifndef _ASM_IO_H
#define _ASM_IO_H
#include <linux/types.h>

static inline void outb(u8 v, u16 port) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outw(u16 v, u16 port) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline u16 inw(u16 port) { u16 v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outl(u32 v, u16 port) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u32 inl(u16 port) { u32 v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
/* The physical address behind a mapped kernel address (0 if unmapped); any kernel memory, not
 * only the direct map as on Linux. */
unsigned long ark_linux_virt_to_phys(const volatile void *addr);
#define virt_to_phys(addr) ark_linux_virt_to_phys(addr)
/* The direct map's address of physical memory (RAM the kernel uses). */
static inline void *phys_to_virt(unsigned long phys) { return (void *)(phys + 0xC0000000UL); }
#define __pa(addr) virt_to_phys((const void *)(addr))
#define __va(phys) phys_to_virt((unsigned long)(phys))
#define outb_p(v, port) outb(v, port)
#define inb_p(port)     inb(port)
#endif
