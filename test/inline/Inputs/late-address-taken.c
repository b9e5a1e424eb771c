unsigned long rust_helper_double(unsigned long x) { return x * 2; }
