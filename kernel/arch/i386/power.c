/* power.c — power-off through the ACPI PM1a control port QEMU's PIIX4 exposes (0x604; 0xB004 on
 * older QEMU/Bochs), and the isa-debug-exit port (0xf4) for exiting with a failure status. */
#include "power.h"
#include "cpu.h"
#include "ark/irq.h"
#include "ark/kernel.h"

#define ACPI_PM1A_QEMU   0x604
#define ACPI_PM1A_BOCHS  0xB004
#define ACPI_SLP_EN_S5   0x2000
#define DEBUG_EXIT_PORT  0xF4
#define DEBUG_EXIT_FAILED 0x01

void machine_power_off(void)
{
    printk(KERN_EMERG "ark: power off\n");
    cpu_cli();
    outw(ACPI_PM1A_QEMU, ACPI_SLP_EN_S5);
    outw(ACPI_PM1A_BOCHS, ACPI_SLP_EN_S5);
    /* QEMU acts on the request asynchronously: wait for it with interrupts off. */
    cpu_halt_forever();
}

void machine_fail_exit(void)
{
    cpu_cli();
    outb(DEBUG_EXIT_PORT, DEBUG_EXIT_FAILED);
    cpu_halt_forever();
}
