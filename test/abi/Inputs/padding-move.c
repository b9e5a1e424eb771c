/* The C side of padding-move.test: struct tail has 6 bytes of tail padding,
 * so clang returns it as { i64, i16 }. */
struct tail {
	unsigned long a;
	short b;
};

struct tail rust_helper_make_tail(unsigned long a, short b)
{
	struct tail t = { a * 3, (short)(b + 1) };
	return t;
}

/* The positive control: never inlined, so it stays a call. */
__attribute__((noinline)) struct tail rust_helper_keep_tail(unsigned long a, short b)
{
	struct tail t = { a, b };
	return t;
}
