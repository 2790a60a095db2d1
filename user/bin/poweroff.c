/* poweroff — switches the machine off cleanly (root only); under QEMU, QEMU exits with status 0. */
#include "ulib.h"

int main(void)
{
    int r = poweroff();
    /* Only reached when the kernel refused. */
    eprintf("poweroff: %s\n", strerror(r));
    return 1;
}
