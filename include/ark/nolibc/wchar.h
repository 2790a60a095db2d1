/* <wchar.h> inside a module: there is no C library in the kernel. */
#error "<wchar.h> is a C library header; a module has no C library: use the kernel's own services (see docs/linux-compat.md)"
