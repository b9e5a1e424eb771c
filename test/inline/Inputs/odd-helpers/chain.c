/* Second helper file: the middle of the chain of helpers.c. */
int rust_helper_leaf(int x);
int rust_helper_middle(int x) { return rust_helper_leaf(x) - 2; }
