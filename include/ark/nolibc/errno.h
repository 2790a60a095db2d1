/* <errno.h> inside a module: there is no C library in the kernel. */
#error "<errno.h> is a C library header; a module has no C library: use <linux/errno.h> (or ark/errno.h); errors are returned as -ENOMEM etc."
