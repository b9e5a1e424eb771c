/*
 * Straight-line speculation rows (-mharden-sls=all, in the kernel's C flags):
 * any small body will do; what matters is the int3 after the caller's ret.
 */
long rust_helper_sls_max(long a, long b)
{
	return a > b ? a : b;
}
