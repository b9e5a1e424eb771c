/*
 * No-builtin row (-fno-builtin-wcslen -fshort-wchar, in the kernel's C
 * flags): a wide-string length loop that must not become a wcslen call.
 */
typedef __WCHAR_TYPE__ wchar_t;
typedef __SIZE_TYPE__ size_t;

size_t rust_helper_wcs_len(const wchar_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
