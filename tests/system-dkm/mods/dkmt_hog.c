/* dkmt_hog.c — 8 MiB of bss and no name of its own: copies under different file names fill
 * module memory until loads fail for want of it. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("MIT");

char dkmt_hog_area[8u << 20];          /* global, so the compiler keeps all of it */

int module_init(void)
{
    dkmt_hog_area[0] = 1;
    dkmt_hog_area[sizeof dkmt_hog_area - 1] = 1;
    return 0;
}
