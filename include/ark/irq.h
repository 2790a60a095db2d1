/* ark/irq.h — hardware interrupt handlers and port I/O for drivers. IRQ numbers 0–15 are ISA lines;
 * from ARK_IRQ_SOFT_BASE on, lines of interrupt controllers the kernel emulates (the simulated
 * GPIO controller's), raised with irq_soft_raise. Several handlers may share a line; each is
 * called in interrupt context. */
#ifndef ARK_IRQ_H
#define ARK_IRQ_H

#include "ark/types.h"

typedef void (*ark_irq_handler_t)(int irq, void *arg);

#define ARK_IRQ_SOFT_BASE  16
#define ARK_IRQ_SOFT_LINES 64

int irq_register(int irq, ark_irq_handler_t handler, void *arg);    /* unmasks the line */
int irq_unregister(int irq, ark_irq_handler_t handler, void *arg);  /* -ENOENT if not registered */
/* Masks the line until as many irq_line_enable calls have undone each irq_line_disable (its
 * handlers stay registered); -EINVAL for no such line, irq_line_enable -EPERM when unbalanced. */
int irq_line_disable(int irq);
int irq_line_enable(int irq);
/* Delivers an interrupt on a soft line now, in interrupt context, if it has handlers and is not
 * disabled; a disabled line delivers it when enabled again. -EINVAL for a line that is not soft. */
int irq_soft_raise(int irq);

/* Port I/O exists on x86 only; other architectures' builds of this header (hosted runners) skip it. */
#if defined(__i386__) || defined(__x86_64__)
static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint16_t inw(uint16_t port) { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
#endif

#endif
