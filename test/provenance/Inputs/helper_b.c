int rust_helper_from_b(int x) { return x * 13; }
