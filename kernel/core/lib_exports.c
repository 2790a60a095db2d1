/* lib_exports.c — publishes to modules the string, memory and formatting functions of ark/kernel.h,
 * which the kernel compiles from the shared lib/ sources (lib/string.c, lib/format.c). */
#include "ark/kernel.h"
#include "export.h"

KERNEL_EXPORT(memcpy);
KERNEL_EXPORT(memmove);
KERNEL_EXPORT(memset);
KERNEL_EXPORT(memcmp);
KERNEL_EXPORT(strlen);
KERNEL_EXPORT(strnlen);
KERNEL_EXPORT(strcmp);
KERNEL_EXPORT(strncmp);
KERNEL_EXPORT(strchr);
KERNEL_EXPORT(strlcpy);
KERNEL_EXPORT(vsnprintf);
KERNEL_EXPORT(snprintf);
