/* ark/abi.h — the ark module ABI version. A module records the version it was built against
 * (".modinfo" key "abi"); the kernel loads it only if the major numbers match and the module's
 * minor is not newer than the kernel's. Bump the minor for additions, the major for breaks. */
#ifndef ARK_ABI_H
#define ARK_ABI_H

#define ARK_ABI_MAJOR 1
#define ARK_ABI_MINOR 0
#define ARK_ABI_VERSION(major, minor) (((major) << 16) | (minor))
#define ARK_ABI_CURRENT ARK_ABI_VERSION(ARK_ABI_MAJOR, ARK_ABI_MINOR)

#endif
