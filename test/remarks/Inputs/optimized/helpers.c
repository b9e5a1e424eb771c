/* Helpers for test/remarks/optimized-helper-file.test: a loop that clang
 * -O2 vectorizes for an unknown caller, and a helper without a loop. */
#include <stddef.h>
#include <stdint.h>

void rust_helper_xor_bytes(uint8_t *dst, const uint8_t *src, size_t n,
			   uint8_t key)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i] ^ key;
}

int rust_helper_add(int a, int b)
{
	return a + b;
}
