/* Built with clang -O0: optnone + noinline on every function. */
int rust_helper_o0(int x) {
  int a[4] = {1, 2, 3, 4};
  return a[x & 3] + x;
}
