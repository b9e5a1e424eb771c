// Helpers whose data must keep its meaning when they are inlined into Rust
// (test/link/data-symbols.test).  Built with -fcommon; override.c gives the
// strong definitions that win over the weak and common ones at the link.

// Constant data with a symbol: the crate reads it, and its address is the
// helper object's.
const int rih_const_table[4] = {1, 2, 3, 4};
const int *rust_helper_const_addr(void) { return rih_const_table; }
int rust_helper_const_load(int i) { return rih_const_table[i & 3]; }

// A constant with a symbol pointing at a static, which the crate reads: it
// must not fold it to a copy of the static.  (clang folds the helper's own
// load, so the helper uses the static itself and stays a call.)
static int rih_counter;
struct rih_ref { int *p; };
const struct rih_ref rih_counter_ref = {&rih_counter};
int rust_helper_bump_via_ref(void) { return ++*rih_counter_ref.p; }
int rih_counter_value(void) { return rih_counter; }

// Weak and common data: a strong definition elsewhere wins.
__attribute__((weak)) const int rih_weak_const = 7;
int rust_helper_weak_const(void) { return rih_weak_const; }
__attribute__((weak)) int rih_weak_var = 5;
int rust_helper_weak_var(void) { return rih_weak_var; }
int rih_common_var;
int rust_helper_common(void) { return rih_common_var; }
extern int rih_maybe __attribute__((weak));
int rust_helper_extern_weak(void) { return &rih_maybe ? rih_maybe : -1; }

// Thread-local data, with and without a symbol.
_Thread_local int rih_tls = 11;
int rust_helper_tls(void) { return ++rih_tls; }
static _Thread_local int rih_tls_static = 20;
int rust_helper_tls_static(void) { return ++rih_tls_static; }

// Constant data without a symbol, whose address escapes: returned and
// compared.  Loads through it are fine.
static const int rih_static_table[4] = {5, 6, 7, 8};
const int *rust_helper_static_addr(void) { return rih_static_table; }
int rust_helper_is_static_table(const int *p) { return p == rih_static_table; }
int rust_helper_static_load(int i) { return rih_static_table[i & 3]; }

// A string literal (unnamed_addr): copied, its address is no promise.
const char *rust_helper_string(void) { return "hello"; }
