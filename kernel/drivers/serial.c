/* serial.c — the 16550 UART on COM1: 115200 baud 8N1, polled transmit, and the receive-data
 * interrupt switched on and off by the console (console.c).
 * The FIFO control register is deliberately never written. Enabling, disabling or clearing the FIFO
 * discards received bytes, and input may already be arriving when the kernel starts (a script piped
 * into QEMU): with the FIFO left as the firmware left it (off, on QEMU), the UART holds one byte and
 * QEMU delivers the next only once it has been read, so nothing is ever dropped. */
#include "serial.h"
#include "ark/irq.h"

#define COM1        0x3F8
#define UART_DATA   (COM1 + 0)
#define UART_IER    (COM1 + 1)
#define UART_DLL    (COM1 + 0)     /* with LCR.DLAB set */
#define UART_DLM    (COM1 + 1)
#define UART_LCR    (COM1 + 3)
#define UART_MCR    (COM1 + 4)
#define UART_LSR    (COM1 + 5)

#define IER_RX_DATA   0x01
#define LCR_DLAB      0x80
#define LCR_8N1       0x03
#define MCR_DTR_RTS_OUT2    0x0B   /* OUT2 gates the UART's interrupt line on PCs */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20
#define TX_SPIN_LIMIT  100000

static uint8_t ier_shadow;

void serial_init(void)
{
    outb(UART_IER, 0);
    outb(UART_LCR, LCR_DLAB);
    outb(UART_DLL, 1);             /* 115200 / 1 */
    outb(UART_DLM, 0);
    outb(UART_LCR, LCR_8N1);
    outb(UART_MCR, MCR_DTR_RTS_OUT2);
    ier_shadow = 0;
}

void serial_putc(char c)
{
    /* Bounded, so a machine without a UART cannot hang the kernel in printk. */
    for (int spin = 0; spin < TX_SPIN_LIMIT && !(inb(UART_LSR) & LSR_THR_EMPTY); spin++)
        ;
    outb(UART_DATA, (uint8_t)c);
}

bool serial_rx_ready(void)
{
    return inb(UART_LSR) & LSR_DATA_READY;
}

char serial_getc(void)
{
    return (char)inb(UART_DATA);
}

void serial_rx_interrupt_enable(bool on)
{
    uint8_t ier = on ? (uint8_t)(ier_shadow | IER_RX_DATA) : (uint8_t)(ier_shadow & ~IER_RX_DATA);
    if (ier != ier_shadow) {
        ier_shadow = ier;
        outb(UART_IER, ier);
    }
}
