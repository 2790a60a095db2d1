/* ark/types.h — basic types shared by the kernel, modules and user programs.
 * Only the compiler's freestanding headers are used, so this works with -ffreestanding -nostdlib. */
#ifndef ARK_TYPES_H
#define ARK_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t ark_pid_t;
typedef int32_t ark_uid_t;
typedef int32_t ark_gid_t;

#define ARK_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
