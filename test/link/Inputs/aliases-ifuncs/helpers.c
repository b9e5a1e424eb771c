// Helpers defined through aliases and ifuncs (test/link/aliases-ifuncs.test).
// override.c gives the strong definition that wins over the weak alias.

int rih_impl(int x) { return x + 1; }
// A strong alias: inlined through its aliasee, the symbol stays.
int rust_helper_alias(int x) __attribute__((alias("rih_impl")));
// A weak alias: interposable, stays a call (positive control).
int rust_helper_weak_alias(int x) __attribute__((weak, alias("rih_impl")));
// A weak alias of a body whose result clang knows to be 0..7: override.c's
// definition returns 100, so nothing inferred from this body may reach the
// crate's declaration (found by scripts/fuzz, seed 2026 case 237).
int rih_low_bits(int x) { return x & 7; }
int rust_helper_weak_range(int x) __attribute__((weak, alias("rih_low_bits")));

// An ifunc: the resolver chooses at load time, stays a call (positive
// control).  The choice is volatile, so clang cannot resolve it itself.
static volatile int rih_choice = 1;
static int rih_ifunc_a(int x) { return x + 100; }
static int rih_ifunc_b(int x) { return x + 200; }
static int (*rih_resolve(void))(int) {
  return rih_choice ? rih_ifunc_a : rih_ifunc_b;
}
int rust_helper_ifunc(int x) __attribute__((ifunc("rih_resolve")));

// Helpers calling them: inlined, the calls they make stay calls.
int rust_helper_calls_weak_alias(int x) { return rust_helper_weak_alias(x) + 1; }
int rust_helper_calls_ifunc(int x) { return rust_helper_ifunc(x) + 1; }

// An alias of data: its address is the helper object's.
int rih_data = 5;
extern int rih_data_alias __attribute__((alias("rih_data")));
int rust_helper_data_alias(void) { return rih_data_alias++; }
int *rust_helper_data_alias_addr(void) { return &rih_data_alias; }
