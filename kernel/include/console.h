/* console.h — the serial console: interrupt-driven input into a line of buffered bytes, output to
 * the UART. Input is never dropped: when the buffer is full the UART's receive interrupt is masked
 * until the reader catches up, so QEMU holds the rest of the input back. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "ark/types.h"

void console_init(void);
void console_write(const char *buf, size_t len);
/* Sleeps until at least one byte is available; returns 1..len bytes, or -EINTR when killed. */
long console_read(char *buf, size_t len);
/* The process Ctrl-C kills (0: none, Ctrl-C is read as a byte). */
int console_set_foreground(ark_pid_t pid);
/* Turns on interrupt-driven input; needs the heap and the interrupt controller (kmain calls it). */
void console_input_init(void);

#endif
