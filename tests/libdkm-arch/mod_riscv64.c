/* mod_riscv64.c — a riscv64 module for test_riscv64.c: C code built -fPIC (GOT, calls, compressed
 * branches, .eh_frame label arithmetic) and, in asm, one labelled instruction or datum per
 * relocation type, so the test can decode each field the loader wrote. */
extern int printf(const char *fmt, ...);
int counter = 3;
static int local_data[4] = {1, 2, 3, 4};
static int twice(int x)
{
    return 2 * x;
}
int module_init(void)
{
    counter = twice(counter) + local_data[counter & 3];
    if (counter > 100)
        printf("counter %d\n", counter);
    return counter == 10 ? 0 : 1;
}

__asm__(
    "    .text\n"
    "    .p2align 2\n"
    "    .globl t_hi20, t_lo12_i, t_lo12_s, t_pcrel_hi, t_pcrel_lo_i, t_pcrel_lo_s, t_got_hi, t_got_lo\n"
    "    .globl t_call_far, t_call_near, t_jal, t_branch, t_rvc_branch, t_rvc_jump, t_target\n"
    "t_hi20: lui a0, %hi(counter + 0x7ff)\n"
    "t_lo12_i: addi a0, a0, %lo(counter + 0x7ff)\n"
    "t_lo12_s: sw a1, %lo(counter + 0x7ff)(a0)\n"
    "t_pcrel_hi: auipc a0, %pcrel_hi(counter + 0x800)\n"
    "t_pcrel_lo_i: addi a0, a0, %pcrel_lo(t_pcrel_hi)\n"
    "t_pcrel_lo_s: sd a1, %pcrel_lo(t_pcrel_hi)(a0)\n"
    "t_got_hi: auipc a0, %got_pcrel_hi(counter)\n"
    "t_got_lo: ld a0, %pcrel_lo(t_got_hi)(a0)\n"
    "t_call_far: call printf@plt\n"
    "t_call_near: call t_target\n"
    "t_jal: jal ra, t_target\n"
    "t_branch: beq a0, a1, t_target\n"
    "    .option push\n    .option norelax\n"
    "    .reloc t_rvc_branch, R_RISCV_RVC_BRANCH, t_target\n"
    "t_rvc_branch: c.beqz a0, 0\n"
    "    .reloc t_rvc_jump, R_RISCV_RVC_JUMP, t_target\n"
    "t_rvc_jump: c.j 0\n"
    "    .option pop\n"
    "t_target: ret\n"
    "    .data\n"
    "    .p2align 3\n"
    "    .globl d_64, d_32, d_diff32, d_32_pcrel, d_add64, d_add32, d_add16, d_add8, d_set6, d_sub6, d_set8, d_set16, d_set32\n"
    "d_64: .quad counter + 5\n"
    "d_32: .word counter\n"
    "d_diff32: .word counter - .\n"
    "    .reloc d_32_pcrel, R_RISCV_32_PCREL, counter\n"
    "d_32_pcrel: .word 0\n"
    "d_add64: .quad t_target - t_hi20\n"
    "d_add32: .word t_target - t_hi20\n"
    "d_add16: .half t_target - t_hi20\n"
    "d_add8: .byte t_target - t_jal\n"
    "d_set6: .byte 0xc0\n"
    "    .reloc d_set6, R_RISCV_SET6, t_target\n"
    "d_sub6: .byte 0xff\n"
    "    .reloc d_sub6, R_RISCV_SUB6, t_jal\n"
    "d_set8: .byte 0\n"
    "    .reloc d_set8, R_RISCV_SET8, t_target\n"
    "d_set16: .half 0\n"
    "    .reloc d_set16, R_RISCV_SET16, t_target\n"
    "d_set32: .word 0\n"
    "    .reloc d_set32, R_RISCV_SET32, t_target\n");
