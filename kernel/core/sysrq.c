/* sysrq.c — /proc/sysrq-trigger: writing a command letter makes the kernel act at once. 'c' crashes
 * the kernel on purpose (a NULL pointer write, two calls deep, so the panic report has a backtrace
 * to show) — the path the system tests use to check the panic report. Root only. */
#include "kapi.h"
#include "sysrq.h"
#include "power.h"
#include "ark/proc.h"
#include "ark/errno.h"
#include "ark/kernel.h"

static int *volatile sysrq_null_target;   /* volatile: the compiler must not see through it */

void sysrq_crash_write(int *where);   /* external, so it keeps the normal frame and convention */

void __attribute__((noinline, noclone)) sysrq_crash_write(int *where)
{
    *where = 0x5A5A;
}

static void __attribute__((noinline, noclone)) sysrq_crash(void)
{
    printk(KERN_EMERG "sysrq: trigger a crash\n");
    sysrq_crash_write(sysrq_null_target);
}

static long sysrq_write(void *priv, const char *buf, uint32_t len)
{
    (void)priv;
    if (current_uid() != 0)
        return -EPERM;
    for (uint32_t i = 0; i < len; i++) {
        switch (buf[i]) {
        case 'c':
            sysrq_crash();
            break;
        case 'o':
            machine_power_off();
        case '\n':
        case ' ':
            break;
        default:
            printk(KERN_WARNING "sysrq: unknown command '%c' (known: c = crash, o = power off)\n",
                   buf[i]);
            return -EINVAL;
        }
    }
    return (long)len;
}

void sysrq_init(void)
{
    int rc = proc_create_mode("sysrq-trigger", NULL, sysrq_write, NULL, 0, 0, 0200);
    if (rc)
        printk(KERN_ERR "sysrq: cannot create /proc/sysrq-trigger (%d)\n", rc);
}
