/* <time.h> inside a module: there is no C library in the kernel. */
#error "<time.h> is a C library header; a module has no C library: use ark_uptime_ms() from ark/kernel.h"
