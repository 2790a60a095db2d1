/* asm/io.h — x86 port I/O for drivers (inb/outb and the word and long forms). Memory-mapped I/O
 * (ioremap, readl/writel) is not provided: ark maps no device memory for modules. */
#ifndef _ASM_IO_H
#define _ASM_IO_H
#include <linux/types.h>

static inline void outb(u8 v, u16 port) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outw(u16 v, u16 port) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline u16 inw(u16 port) { u16 v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outl(u32 v, u16 port) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u32 inl(u16 port) { u32 v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
#define outb_p(v, port) outb(v, port)
#define inb_p(port)     inb(port)
#endif
