int rust_helper_x(int x) { return x + 1; }
