/* Helper files the split keeps whole (test/link/split-cache.test): built
 * with -DRIH_ALIAS, an alias and a used variable; with -g, debug info. */
int rust_helper_base(int x)
{
	return x + 41;
}
#ifdef RIH_ALIAS
int rust_helper_alias(int x) __attribute__((alias("rust_helper_base")));
__attribute__((used)) static int rih_keep = 3;
#else
int rust_helper_alias(int x)
{
	return x - 41;
}
#endif
