/* A helper whose address the Rust side takes (test/link/symbol-identity.test). */
int rust_helper_twice(int x) { return 2 * x; }

/* What the C side calls the helper: its one symbol. */
__attribute__((noinline)) void *c_address_of_twice(void) {
  return (void *)rust_helper_twice;
}
