// Calls for test/tools/helper-calls.test: rust_helper_get twice from
// caller_one and once from the helper rust_helper_self, rust_helper_put once,
// a bindgen-style wrapper (__extern) once, and a plain C function.
int rust_helper_get(int *p);
void rust_helper_put(int *p);
int other(int);
int wrap_x__extern(int);
int caller_one(int *p) { return rust_helper_get(p) + rust_helper_get(p) + other(1); }
void caller_two(int *p) { rust_helper_put(p); }
int caller_three(int x) { return wrap_x__extern(x); }
int rust_helper_self(int *p) { return rust_helper_get(p); }
