/* wx_probe.c — tries, in its init, one thing W^X forbids (chosen by what=): running code it wrote
 * into its own data, bss, stack or kmalloc memory, or writing its own text, its own read-only
 * data, the kernel's text or kernel data at addr= (the system-wx tests pass a __ro_after_init
 * table's address). Every attempt must fault; if one does not, init says so and fails. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("wx_probe");
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("W^X test: executes data, writes read-only memory");

static char what[16] = "none";
module_param_string(what, "data, bss, stack, kmalloc, text, rodata, ktext or kaddr");
static unsigned int addr;
module_param(addr, uint, "kernel address for what=kaddr");

/* mov $0x2a, %eax; ret — returns 42 if it ever runs. */
#define WX_CODE { 0xB8, 0x2A, 0x00, 0x00, 0x00, 0xC3 }

static unsigned char wx_data_code[16] = WX_CODE;
static unsigned char wx_bss_code[16];
static const int wx_constant = 7;

typedef int (*wx_fn)(void);

__attribute__((noinline)) static int wx_run(void *code)
{
    return ((wx_fn)code)();
}

__attribute__((noinline)) static void wx_poke(volatile unsigned char *p)
{
    *p = *p;
}

__attribute__((noinline)) static void wx_fill(unsigned char *dst)
{
    static const unsigned char code[] = WX_CODE;
    memcpy(dst, code, sizeof code);
}

static int wx_probe_init(void)
{
    printk("wx_probe: trying %s\n", what);
    int ran = 0;
    if (strcmp(what, "data") == 0) {
        ran = wx_run(wx_data_code);
    } else if (strcmp(what, "bss") == 0) {
        wx_fill(wx_bss_code);
        ran = wx_run(wx_bss_code);
    } else if (strcmp(what, "stack") == 0) {
        unsigned char buf[16];
        wx_fill(buf);
        ran = wx_run(buf);
    } else if (strcmp(what, "kmalloc") == 0) {
        unsigned char *buf = kmalloc(64);
        if (!buf)
            return -ENOMEM;
        wx_fill(buf);
        ran = wx_run(buf);
        kfree(buf);
    } else if (strcmp(what, "text") == 0) {
        wx_poke((volatile unsigned char *)(uintptr_t)wx_run);
    } else if (strcmp(what, "rodata") == 0) {
        wx_poke((volatile unsigned char *)&wx_constant);
    } else if (strcmp(what, "ktext") == 0) {
        wx_poke((volatile unsigned char *)(uintptr_t)printk);
    } else if (strcmp(what, "kaddr") == 0) {
        wx_poke((volatile unsigned char *)(uintptr_t)addr);
    } else {
        printk("wx_probe: nothing tried\n");
        return 0;
    }
    if (ran == 42)
        printk("wx_probe: %s: code in writable memory RAN\n", what);
    else
        printk("wx_probe: %s: the write went through\n", what);
    return -EPERM;
}
ark_module_init(wx_probe_init);
