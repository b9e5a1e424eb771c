int rust_helper_from_a(int x) { return x + 11; }
