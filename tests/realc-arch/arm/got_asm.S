@ got_asm.S — GOT-relative data access as GNU as writes it for hand-written PIC code (and as gcc's
@ -fPIC output does): the GOT origin from _GLOBAL_OFFSET_TABLE_ (R_ARM_BASE_PREL), a GOT slot
@ (R_ARM_GOT_BREL), an offset from the GOT origin (R_ARM_GOTOFF32), and BX (R_ARM_V4BX). Both an
@ ARM and a Thumb-2 version.
	.syntax unified
	.text

@ int got_sum_arm(void): *shared_value + local_value
	.arm
	.globl got_sum_arm
	.type got_sum_arm, %function
got_sum_arm:
	ldr r0, .Larm_got
.Larm_pc:
	add r0, pc, r0
	ldr r1, .Larm_slot
	ldr r1, [r0, r1]
	ldr r2, .Larm_off
	ldr r2, [r0, r2]
	ldr r0, [r1]
	add r0, r0, r2
	bx lr
	.align 2
.Larm_got:
	.word _GLOBAL_OFFSET_TABLE_ - (.Larm_pc + 8)
.Larm_slot:
	.word shared_value(GOT)
.Larm_off:
	.word local_value(GOTOFF)
	.size got_sum_arm, . - got_sum_arm

@ int got_sum_thumb(void): the same from Thumb code (PC reads 4 ahead)
	.thumb
	.globl got_sum_thumb
	.type got_sum_thumb, %function
	.thumb_func
got_sum_thumb:
	ldr r0, .Lthm_got
.Lthm_pc:
	add r0, pc
	ldr r1, .Lthm_slot
	ldr r1, [r0, r1]
	ldr r2, .Lthm_off
	ldr r2, [r0, r2]
	ldr r0, [r1]
	add r0, r2
	bx lr
	.align 2
.Lthm_got:
	.word _GLOBAL_OFFSET_TABLE_ - (.Lthm_pc + 4)
.Lthm_slot:
	.word shared_value(GOT)
.Lthm_off:
	.word local_value(GOTOFF)
	.size got_sum_thumb, . - got_sum_thumb

	.data
	.align 2
local_value:
	.word 5
	.section .note.GNU-stack, "", %progbits
