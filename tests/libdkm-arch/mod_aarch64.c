/* mod_aarch64.c — a small AArch64 module for test_aarch64.c: ordinary C (calls, data, a GOT
 * reference under -fPIC) plus one labelled instruction per relocation type, so the test can decode
 * each relocated field and compare it with the address it must form. */
extern int puts(const char *s);
int counter = 3;
static int twice(int x)
{
    return 2 * x;
}
int module_init(void)
{
    counter = twice(counter);
    return counter == 6 ? 0 : 1;
}

/* site_NAME labels one instruction (or data word); reloc_data and reloc_near are its targets.
 * Only fields that reach across separately placed regions (±4 GiB) refer from code to data: the
 * test may run with its regions anywhere in the low 2 GiB. */
#define SITE(name, insn) ".globl site_" #name "\n.type site_" #name ",%function\nsite_" #name ": " insn "\n"
__asm__(".data\n.balign 16\n.globl reloc_data\nreloc_data: .quad 0, 0, 0, 0\n"
        ".text\n.balign 16\n"
        SITE(adrp, "adrp x0, reloc_data+16")
        SITE(add, "add x0, x0, :lo12:reloc_data+16")
        SITE(ldst8, "ldrb w1, [x0, :lo12:reloc_data+3]")
        SITE(ldst16, "ldrh w1, [x0, :lo12:reloc_data+6]")
        SITE(ldst32, "ldr w1, [x0, :lo12:reloc_data+12]")
        SITE(ldst64, "ldr x1, [x0, :lo12:reloc_data+8]")
        SITE(ldst128, "ldr q0, [x0, :lo12:reloc_data+16]")
        SITE(adr, "adr x2, reloc_near+1")
        SITE(ldlit, "ldr x3, reloc_near")
        SITE(tbz, "tbz x0, #3, reloc_near")
        SITE(bcond, "b.eq reloc_near")
        SITE(cbz, "cbz x0, reloc_near")
        SITE(bl, "bl reloc_near")
        SITE(b, "b reloc_near")
        SITE(bl_import, "bl puts")
        SITE(movw_g3, "movz x4, #:abs_g3:reloc_data+8")
        SITE(movw_g2, "movk x4, #:abs_g2_nc:reloc_data+8")
        SITE(movw_g1, "movk x4, #:abs_g1_nc:reloc_data+8")
        SITE(movw_g0, "movk x4, #:abs_g0_nc:reloc_data+8")
        SITE(prel_g1, "movz x5, #:prel_g1:reloc_data")
        SITE(prel_g0, "movk x5, #:prel_g0_nc:reloc_data")
        SITE(got_page, "adrp x8, :got:counter")
        SITE(got_lo12, "ldr x8, [x8, :got_lo12:counter]")
        SITE(gotpage_lo15, "ldr x10, [x11, #:gotpage_lo15:counter]")
        ".globl reloc_near\nreloc_near: ret\n"
        ".balign 8\n"
        SITE(abs64, ".xword reloc_data+4")
        SITE(prel64, ".xword reloc_data - .")
        SITE(prel32, ".word reloc_data - .")
        ".text\n");
