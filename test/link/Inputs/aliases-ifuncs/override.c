// The strong definitions that win over helpers.c's weak aliases.
int rust_helper_weak_alias(int x) { return x - 1000; }
int rust_helper_weak_range(int x) { return 100; }
