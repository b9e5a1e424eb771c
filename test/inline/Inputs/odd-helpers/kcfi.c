/* Built with -fsanitize=kcfi: the indirect call carries a "kcfi" operand
 * bundle with the type hash of int(int). */
int rust_helper_apply(int (*f)(int), int x) { return f(x) + 1; }
