/* serial.h — the 16550 UART on COM1, polled for output; console.c owns its receive interrupt. */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

#include "ark/types.h"

#define SERIAL_COM1_IRQ 4

void serial_init(void);                /* 115200 8N1, FIFOs on, interrupts off */
void serial_putc(char c);
bool serial_rx_ready(void);
char serial_getc(void);                /* only when serial_rx_ready() */
void serial_rx_interrupt_enable(bool on);

#endif
