int rust_helper_add(int a, int b);
int caller(int x) { return rust_helper_add(x, 3); }
