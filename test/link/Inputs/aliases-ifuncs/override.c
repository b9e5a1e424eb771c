// The strong definition that wins over helpers.c's weak alias.
int rust_helper_weak_alias(int x) { return x - 1000; }
