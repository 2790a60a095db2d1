/* <malloc.h> inside a module: there is no C library in the kernel. */
#error "<malloc.h> is a C library header; a module has no C library: use kmalloc()/kfree() from <linux/slab.h>"
