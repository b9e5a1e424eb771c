/* Helpers with state and constant data (test/link/shared-state.test). */
int shared_count;           /* external mutable: stays in the helper object */
static int file_count;      /* file static: its users stay calls */
static const int table[4] = {10, 20, 30, 40};

int rust_helper_shared_bump(void) { return ++shared_count; }
int rust_helper_file_bump(void) { return ++file_count; }
int rust_helper_local_bump(void) {
  static int calls; /* a static local: same rule */
  return ++calls;
}
static int *counter_of(void) { return &file_count; }
int rust_helper_indirect_bump(void) { return ++*counter_of(); }
int rust_helper_table(unsigned i) { return table[i & 3]; }
const char *rust_helper_name(void) { return "state"; }

/* A helper that reaches the static only through another exported function:
   that function stays a call, and this helper inlines. */
__attribute__((noinline)) int c_bump_file(void) { return ++file_count; }
int rust_helper_bump_via(void) { return c_bump_file() + 100; }

/* Out-of-line readers, as C code elsewhere in the program would read. */
__attribute__((noinline)) int c_read_shared(void) { return shared_count; }
__attribute__((noinline)) int c_read_file(void) { return file_count; }
