/*
 * arm64 return address signing row (-mbranch-protection=pac-ret): a non-leaf
 * helper, so it saves its return address and signs it.
 */
void ext_log(long x);

long rust_helper_pac_log(long x)
{
	ext_log(x);
	return x + 1;
}
