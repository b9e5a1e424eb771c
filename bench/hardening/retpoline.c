/*
 * Retpoline row (-mretpoline-external-thunk, in the kernel's C flags): an
 * indirect call that must go through __x86_indirect_thunk_<reg>.  The
 * addition keeps it a call rather than a tail jump.
 */
long rust_helper_rp_apply(long (*op)(long), long x)
{
	return op(x) + 1;
}
