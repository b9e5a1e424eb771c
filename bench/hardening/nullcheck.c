/*
 * Null-check row (-fno-delete-null-pointer-checks, in the kernel's C flags):
 * the pointer is read before it is tested; without null_pointer_is_valid
 * the optimizer would conclude it is non-null and drop the test.
 */
int rust_helper_np_read(int *p)
{
	int v = *p;

	if (!p)
		return -22;
	return v;
}
