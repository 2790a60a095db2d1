/* <math.h> inside a module: there is no C library in the kernel. */
#error "<math.h> is a C library header; a module has no C library: use integer arithmetic: there is no floating point in modules (the kernel does not save FPU state)"
