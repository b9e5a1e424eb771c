# Functions for machine-code.test, one protection each, with a control
# that lacks it.  Assembled with --save-temp-labels, so .Lmid is a symbol
# that llvm-objdump prints as a label in the middle of ssp_after_label,
# as are the numeric labels (1:), e.g. before zcr_one_path's second ret.
	.text
	.globl zcr_kept, zcr_lost, zcr_one_path, zcr_return_zero, zcr_thunk
	.globl sls_kept, sls_lost, rethunk_kept, retpoline_kept, retpoline_lost
	.globl ssp_after_label, helper_left, fp_kept, endbr_kept, kcfi_kept
zcr_kept:
	movq %rdi, %rax
	xorl %edi, %edi
	xorl %esi, %esi
	retq
zcr_lost:
	movq %rdi, %rax
	retq
zcr_one_path:
	testq %rdi, %rdi
	je 1f
	xorl %edi, %edi
	retq
1:	movq %rsi, %rax
	retq
zcr_return_zero:
	xorl %eax, %eax
	retq
zcr_thunk:
	xorl %edx, %edx
	jmp __x86_return_thunk
sls_kept:
	retq
	int3
sls_lost:
	retq
rethunk_kept:
	movq %rdi, %rax
	jmp __x86_return_thunk
retpoline_kept:
	movq %rdi, %r11
	jmp __x86_indirect_thunk_r11
retpoline_lost:
	notrack jmpq *%rdi
ssp_after_label:
	testq %rdi, %rdi
.Lmid:
	je 1f
	callq __stack_chk_fail
1:	retq
helper_left:
	jmp rust_helper_refcount_inc
fp_kept:
	pushq %rbp
	movq %rsp, %rbp
	popq %rbp
	retq
endbr_kept:
	endbr64
	retq
kcfi_kept:
	movl $0x12345678, %r10d
	addl -0x4(%r11), %r10d
	je 1f
	ud2
1:	jmp *%r11
