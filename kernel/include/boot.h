/* boot.h — what the boot loader told the kernel, copied out of the multiboot information structure
 * before any memory is allocated (so that structure may be overwritten afterwards). */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include "ark/types.h"

#define BOOT_MAX_REGIONS  32
#define BOOT_MAX_MODULES  8
#define BOOT_CMDLINE_MAX  16384   /* room for hundreds of dkm.load= paths */

struct boot_region {            /* usable RAM, [start, end) physical */
    uint64_t start, end;
};

struct boot_module {            /* a multiboot module, [start, end) physical */
    uintptr_t start, end;
};

struct boot_info {
    struct boot_region ram[BOOT_MAX_REGIONS];
    unsigned ram_count;
    struct boot_module modules[BOOT_MAX_MODULES];
    unsigned module_count;
    char cmdline[BOOT_CMDLINE_MAX];
    bool cmdline_truncated;     /* the loader's line did not fit; the kernel says so at boot */
};

/* multiboot.c: fills *out from the loader's magic and information structure (physical address).
 * Returns 0, or -EINVAL when the kernel was not started by a multiboot v1 loader. */
int multiboot_parse(uint32_t magic, uint32_t info_phys, struct boot_info *out);

/* Bounds of the kernel image, from the linker script (virtual addresses). */
extern char __kernel_start[], __kernel_end[];
extern char __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __ro_after_init_start[], __ro_after_init_end[];
extern char __ksyms_start[];

/* cmdline.c */
void cmdline_init(const char *raw);
/* Pure parser, shared with the unit tests: finds key=value (or a bare key) in a command line. */
bool cmdline_find(const char *cmdline, const char *key, char *buf, size_t len);
/* Skips the boot loader's leading kernel path ("/boot/ark.elf dkm.load=..."), if there is one. */
const char *cmdline_skip_image_path(const char *raw);

#endif
