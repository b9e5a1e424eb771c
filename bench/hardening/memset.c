/*
 * Freestanding row (-ffreestanding): a zeroing loop that must not become a
 * memset call.
 */
typedef __SIZE_TYPE__ size_t;

void rust_helper_zero_fill(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = 0;
}
