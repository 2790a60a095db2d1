/* <stdlib.h> inside a module: there is no C library in the kernel. */
#error "<stdlib.h> is a C library header; a module has no C library: use kmalloc()/kfree() from <linux/slab.h> (or ark/kernel.h), kstrtoint() from <linux/kernel.h>"
