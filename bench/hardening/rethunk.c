/*
 * Return thunk row (-mfunction-return=thunk-extern, in the kernel's C
 * flags): returns must go through __x86_return_thunk.
 */
long rust_helper_rethunk_sum(const long *p)
{
	return p[0] + p[1];
}
