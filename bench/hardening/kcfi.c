/*
 * kCFI row (-fsanitize=kcfi): the indirect call is preceded by a check of
 * the target's type hash, which traps with ud2 on a mismatch.
 */
long rust_helper_kcfi_apply(long (*op)(long), long x)
{
	return op(x) + 1;
}
