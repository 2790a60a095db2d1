/* hint_float.c — a common mistake: floating point in a module (needs soft-float helpers). */
#include "ark/module.h"

volatile double hint_scale = 1.5;

int module_init(void)
{
    return (int)(hint_scale * 2.0) - 3;
}
