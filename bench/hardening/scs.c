/*
 * arm64 shadow call stack row (-fsanitize=shadow-call-stack, with the
 * -ffixed-x18 both sides use): a non-leaf helper, so its return address is
 * also pushed to the shadow stack at x18.
 */
void ext_log(long x);

long rust_helper_scs_log(long x)
{
	ext_log(x);
	return x + 1;
}
