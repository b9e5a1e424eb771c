// arm64 functions for machine-code.test.
	.text
	.globl scs_kept, scs_push_only, pac_kept, pac_hints, pac_lost, bti_kept, ssp_kept
scs_kept:
	str x30, [x18], #8
	bl ext
	ldr x30, [x18, #-8]!
	ret
scs_push_only:
	str x30, [x18], #8
	ret
pac_kept:
	paciasp
	autiasp
	ret
pac_hints:
	hint #27
	retab
pac_lost:
	ret
bti_kept:
	bti c
	ret
ssp_kept:
	bl __stack_chk_fail
	ret
