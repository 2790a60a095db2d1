/* pic.c — the two cascaded 8259 interrupt controllers: remapped to vectors 32-47 (away from the CPU
 * exceptions), every line masked until a handler is registered. */
#include "trap.h"
#include "ark/irq.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1

#define ICW1_INIT_ICW4 0x11
#define ICW4_8086      0x01
#define OCW3_READ_ISR  0x0B
#define PIC_EOI        0x20
#define PIC_CASCADE_IRQ 2

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    outb(PIC1_DATA, IRQ_BASE_VECTOR);
    outb(PIC2_DATA, IRQ_BASE_VECTOR + 8);
    outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ);   /* slave on line 2 */
    outb(PIC2_DATA, PIC_CASCADE_IRQ);        /* slave identity */
    outb(PIC1_DATA, ICW4_8086);
    outb(PIC2_DATA, ICW4_8086);
    /* Everything masked except the cascade, so slave lines can be unmasked individually. */
    outb(PIC1_DATA, (uint8_t)~(1 << PIC_CASCADE_IRQ));
    outb(PIC2_DATA, 0xFF);
}

void pic_mask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) | (uint8_t)(1 << (irq & 7)));
}

void pic_unmask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) & (uint8_t)~(1 << (irq & 7)));
}

/* IRQ 7 and 15 are raised spuriously when a request disappears before it is acknowledged; the
 * in-service register tells the two apart. A spurious 15 still needs an EOI for the cascade. */
bool pic_is_spurious(int irq)
{
    if (irq != 7 && irq != 15)
        return false;
    uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
    outb(cmd, OCW3_READ_ISR);
    if (inb(cmd) & 0x80)
        return false;
    if (irq == 15)
        outb(PIC1_CMD, PIC_EOI);
    return true;
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}
