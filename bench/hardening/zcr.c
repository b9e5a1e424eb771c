/*
 * Register zeroing row (-fzero-call-used-regs=used-gpr): enough arithmetic
 * to use scratch registers besides the return register.
 */
long rust_helper_zcr_mix(long a, long b, long c)
{
	return ((a * 3 + b) ^ (c >> 2)) + (a & b);
}
