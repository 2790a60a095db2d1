/* multiboot.c — reads the multiboot v1 information structure: the memory map, the modules (the
 * ramdisk) and the command line. Runs under the boot mapping, where the first 256 MiB of physical
 * memory are visible at KERNEL_BASE. */
#include "boot.h"
#include "mm.h"
#include "ark/errno.h"
#include "ark/kernel.h"

#define MULTIBOOT_LOADER_MAGIC 0x2BADB002u
#define MBI_FLAG_MEM     (1u << 0)
#define MBI_FLAG_CMDLINE (1u << 2)
#define MBI_FLAG_MODS    (1u << 3)
#define MBI_FLAG_MMAP    (1u << 6)
#define MMAP_TYPE_RAM    1u
#define BOOT_MAP_LIMIT   0x10000000u   /* what boot.S maps */

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_mmap_entry {
    uint32_t size;                 /* of the rest of the entry, not counting this field */
    uint64_t addr, len;
    uint32_t type;
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end;
    uint32_t string, reserved;
} __attribute__((packed));

static const void *boot_phys(uint32_t phys, uint32_t len)
{
    if (phys >= BOOT_MAP_LIMIT || len > BOOT_MAP_LIMIT - phys)
        return NULL;
    return PHYS_TO_VIRT(phys);
}

static void add_ram(struct boot_info *out, uint64_t start, uint64_t end)
{
    if (end <= start || out->ram_count >= BOOT_MAX_REGIONS)
        return;
    out->ram[out->ram_count].start = start;
    out->ram[out->ram_count].end = end;
    out->ram_count++;
}

int multiboot_parse(uint32_t magic, uint32_t info_phys, struct boot_info *out)
{
    memset(out, 0, sizeof(*out));
    if (magic != MULTIBOOT_LOADER_MAGIC)
        return -EINVAL;
    const struct multiboot_info *mbi = boot_phys(info_phys, sizeof(*mbi));
    if (!mbi)
        return -EINVAL;

    if (mbi->flags & MBI_FLAG_MMAP) {
        const uint8_t *p = boot_phys(mbi->mmap_addr, mbi->mmap_length);
        const uint8_t *end = p ? p + mbi->mmap_length : NULL;
        while (p && p + sizeof(struct multiboot_mmap_entry) <= end) {
            const struct multiboot_mmap_entry *e = (const void *)p;
            if (e->type == MMAP_TYPE_RAM)
                add_ram(out, e->addr, e->addr + e->len);
            p += e->size + sizeof(e->size);
        }
    } else if (mbi->flags & MBI_FLAG_MEM) {
        /* Old loaders: conventional memory and the contiguous block above 1 MiB, in KiB. */
        add_ram(out, 0, (uint64_t)mbi->mem_lower * 1024);
        add_ram(out, 0x100000, 0x100000 + (uint64_t)mbi->mem_upper * 1024);
    }

    if ((mbi->flags & MBI_FLAG_MODS) && mbi->mods_count) {
        const struct multiboot_module *mods =
            boot_phys(mbi->mods_addr, mbi->mods_count * sizeof(struct multiboot_module));
        for (uint32_t i = 0; mods && i < mbi->mods_count && i < BOOT_MAX_MODULES; i++) {
            if (mods[i].end < mods[i].start)
                continue;
            out->modules[out->module_count].start = mods[i].start;
            out->modules[out->module_count].end = mods[i].end;
            out->module_count++;
        }
    }

    if (mbi->flags & MBI_FLAG_CMDLINE) {
        const char *cmd = boot_phys(mbi->cmdline, 1);
        if (cmd) {
            size_t room = BOOT_MAP_LIMIT - mbi->cmdline;
            size_t max = sizeof(out->cmdline) - 1;
            size_t n = strnlen(cmd, room < max ? room : max);
            memcpy(out->cmdline, cmd, n);
            out->cmdline[n] = '\0';
            out->cmdline_truncated = n == max && n < room && cmd[n] != '\0';
        }
    }
    return 0;
}
