/* <string.h> inside a module: there is no C library in the kernel. */
#error "<string.h> is a C library header; a module has no C library: use <linux/string.h> (or ark/kernel.h for ark's own modules)"
