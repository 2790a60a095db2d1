/* console.c — the serial console (console.h). Received bytes go from the UART's interrupt into a
 * buffer that readers drain. Input is never dropped: when the buffer is full the receive interrupt
 * is switched off and the next byte stays in the UART, which makes QEMU hold back the rest;
 * the reader switches it back on once it has made room. A carriage return (what a terminal sends
 * for Enter) is delivered as '\n', and CR LF as a single '\n'. Echo is the reader's business. */
#include "console.h"
#include "serial.h"
#include "cpu.h"
#include "ark/irq.h"
#include "ark/kernel.h"

#define CONSOLE_RX_SIZE 4096u

static char rx_buf[CONSOLE_RX_SIZE];
static uint32_t rx_head, rx_tail;         /* free-running; count = head - tail */
static bool rx_paused;                     /* receive interrupt off because the buffer is full */
static bool rx_last_was_cr;

static uint32_t rx_count(void)
{
    return rx_head - rx_tail;
}

/* Stores one received byte; the caller made sure there is room. */
static void console_rx_store(char c)
{
    if (c == '\n' && rx_last_was_cr) {
        rx_last_was_cr = false;
        return;
    }
    rx_last_was_cr = c == '\r';
    if (c == '\r')
        c = '\n';
    rx_buf[rx_head++ % CONSOLE_RX_SIZE] = c;
}

/* Moves bytes from the UART into the buffer; with interrupts off. */
static void console_rx_pull(void)
{
    while (serial_rx_ready()) {
        if (rx_count() == CONSOLE_RX_SIZE) {
            serial_rx_interrupt_enable(false);
            rx_paused = true;
            return;
        }
        console_rx_store(serial_getc());
    }
}

static void console_rx_interrupt(int irq, void *arg)
{
    (void)irq;
    (void)arg;
    console_rx_pull();
}

void console_init(void)
{
    serial_init();
}

/* Called once interrupts can be handled (after the heap exists, as irq_register allocates). */
void console_input_init(void)
{
    irq_register(SERIAL_COM1_IRQ, console_rx_interrupt, NULL);
    uint32_t flags = irq_save();
    console_rx_pull();                     /* anything typed before the interrupt was on */
    if (!rx_paused)
        serial_rx_interrupt_enable(true);
    irq_restore(flags);
}

void console_write(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        serial_putc(buf[i]);
}

long console_read(char *buf, size_t len)
{
    if (len == 0)
        return 0;
    for (;;) {
        uint32_t flags = irq_save();
        uint32_t n = rx_count();
        if (n) {
            if (n > len)
                n = (uint32_t)len;
            for (uint32_t i = 0; i < n; i++)
                buf[i] = rx_buf[rx_tail++ % CONSOLE_RX_SIZE];
            if (rx_paused) {
                console_rx_pull();         /* refill from the UART before re-enabling */
                if (rx_count() < CONSOLE_RX_SIZE) {
                    rx_paused = false;
                    serial_rx_interrupt_enable(true);
                }
            }
            irq_restore(flags);
            return (long)n;
        }
        cpu_sti_hlt();                     /* woken by the receive (or any) interrupt */
        irq_restore(flags);
    }
}
