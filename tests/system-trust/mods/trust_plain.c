/* trust_plain.c — a GPL module whose file the trust tests sign, leave unsigned, tamper with or
 * sign with a foreign key; its init prints a marker the tamper test changes in the file. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("trust test: signing variants");

#ifndef TRUST_MARKER
#define TRUST_MARKER "marker=ORIGINAL"
#endif

static int trust_plain_init(void)
{
    printk("trust_plain: init " TRUST_MARKER "\n");
    return 0;
}
ark_module_init(trust_plain_init);
