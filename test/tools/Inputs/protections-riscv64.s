# riscv64 functions for machine-code.test.
	.text
	.globl scs_kept, scs_push_only, fp_kept, ssp_kept
scs_kept:
	addi gp, gp, 8
	sd ra, -8(gp)
	ld ra, -8(gp)
	addi gp, gp, -8
	ret
scs_push_only:
	addi gp, gp, 8
	sd ra, -8(gp)
	ret
fp_kept:
	addi sp, sp, -16
	sd s0, 0(sp)
	addi s0, sp, 16
	ld s0, 0(sp)
	addi sp, sp, 16
	ret
ssp_kept:
	call __stack_chk_fail
	ret
