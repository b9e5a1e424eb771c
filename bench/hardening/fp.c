/*
 * Frame pointer row (-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer):
 * a non-leaf helper, so the frame chain matters to unwinders.
 */
void ext_log(long x);

long rust_helper_fp_log(long x)
{
	ext_log(x);
	return x * 2;
}
