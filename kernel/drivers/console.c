/* console.c — the serial console (console.h). Received bytes go from the UART's interrupt into a
 * buffer that readers drain. Input is never dropped: when the buffer is full the receive interrupt
 * is switched off and the next byte stays in the UART, which makes QEMU hold back the rest;
 * the reader switches it back on once it has made room. A carriage return (what a terminal sends
 * for Enter) is delivered as '\n', and CR LF as a single '\n'. Echo is the reader's business.
 * Readers sleep on a wait queue that the receive interrupt wakes. While a foreground process is
 * set (the shell sets it around a foreground job), Ctrl-C is not input: it kills that process,
 * through a work item because the interrupt handler cannot take the kernel lock. */
#include "console.h"
#include "serial.h"
#include "cpu.h"
#include "kapi.h"
#include "proc.h"
#include "ark/errno.h"
#include "ark/irq.h"
#include "ark/kernel.h"
#include "ark/sync.h"
#include "ark/syscall.h"
#include "ark/workqueue.h"

#define KEY_CTRL_C 0x03

#define CONSOLE_RX_SIZE 4096u

static char rx_buf[CONSOLE_RX_SIZE];
static uint32_t rx_head, rx_tail;         /* free-running; count = head - tail */
static bool rx_paused;                     /* receive interrupt off because the buffer is full */
static bool rx_last_was_cr;
static struct ark_wait_queue rx_wait = ARK_WAIT_QUEUE_INIT(rx_wait);
static volatile ark_pid_t fg_pid;          /* Ctrl-C kills this group; 0: it is an ordinary byte */
static volatile ark_uid_t fg_uid;          /* who set it: the kill is sent as that user */
static volatile ark_pid_t sigint_target;
static void console_sigint_work(struct ark_work *w);
static struct ark_work sigint_work = ARK_WORK_INIT(sigint_work, console_sigint_work);

static void console_sigint_work(struct ark_work *w)
{
    (void)w;
    ark_pid_t pid = sigint_target;
    if (pid)
        proc_kill(-pid, ARK_SIGINT, fg_uid);
}

static uint32_t rx_count(void)
{
    return rx_head - rx_tail;
}

/* Stores one received byte; the caller made sure there is room. */
static void console_rx_store(char c)
{
    if (c == KEY_CTRL_C && fg_pid) {
        sigint_target = fg_pid;
        ark_work_queue(&sigint_work);
        return;
    }
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
    if (rx_count())
        ark_wake_up_all(&rx_wait);
}

int console_set_foreground(ark_pid_t pid)
{
    if (pid < 0)
        return -EINVAL;
    fg_uid = current_uid();
    fg_pid = pid;
    return 0;
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
        int rc = ark_wait_event_killable(&rx_wait, rx_count() > 0);
        if (rc)
            return rc;
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
        irq_restore(flags);                /* another reader took the bytes: sleep again */
    }
}
