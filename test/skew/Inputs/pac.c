/* Helpers for arm64 branch protection: built with -mbranch-protection. */
int rust_helper_add(int a, int b) { return a + b; }
