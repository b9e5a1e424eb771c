/*
 * The `rust_helper_*` wrappers of helpers.h, one real function per inline
 * function or macro, as the kernel's rust/helpers files write them.
 */
#include "helpers.h"

void *rust_helper_ERR_PTR(long err) { return ERR_PTR(err); }
bool rust_helper_IS_ERR(const void *ptr) { return IS_ERR(ptr); }
long rust_helper_PTR_ERR(const void *ptr) { return PTR_ERR(ptr); }

void rust_helper___set_bit(unsigned long nr, unsigned long *addr) { __set_bit(nr, addr); }
void rust_helper___clear_bit(unsigned long nr, unsigned long *addr) { __clear_bit(nr, addr); }
void rust_helper_set_bit(unsigned long nr, unsigned long *addr) { set_bit(nr, addr); }
void rust_helper_clear_bit(unsigned long nr, unsigned long *addr) { clear_bit(nr, addr); }
bool rust_helper_test_bit(unsigned long nr, const unsigned long *addr) { return test_bit(nr, addr); }

void rust_helper_INIT_LIST_HEAD(struct list_head *list) { INIT_LIST_HEAD(list); }
void rust_helper_list_add(struct list_head *entry, struct list_head *head) { list_add(entry, head); }
void rust_helper_list_add_tail(struct list_head *entry, struct list_head *head) { list_add_tail(entry, head); }
void rust_helper_list_del(struct list_head *entry) { list_del(entry); }
bool rust_helper_list_empty(const struct list_head *head) { return list_empty(head); }

void rust_helper_refcount_set(refcount_t *r, int n) { refcount_set(r, n); }
unsigned int rust_helper_refcount_read(const refcount_t *r) { return refcount_read(r); }
void rust_helper_refcount_inc(refcount_t *r) { refcount_inc(r); }
bool rust_helper_refcount_dec_and_test(refcount_t *r) { return refcount_dec_and_test(r); }

long rust_helper_min(long a, long b) { return min(a, b); }
long rust_helper_max(long a, long b) { return max(a, b); }
uint32_t rust_helper_bswap32(uint32_t x) { return bswap32(x); }

/*
 * Control: noinline in the C source, so it must stay a call.  A Fletcher-16
 * style checksum over a byte buffer.
 */
__attribute__((noinline)) uint32_t rust_helper_noinline_checksum(const unsigned char *data,
								  size_t len)
{
	uint32_t a = 1, b = 0;

	for (size_t i = 0; i < len; i++) {
		a = (a + data[i]) % 255;
		b = (b + a) % 255;
	}
	return (b << 8) | a;
}
