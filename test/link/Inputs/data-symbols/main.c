// Prints what the Rust functions of crate.rs return, and compares the
// addresses they give with the ones C sees.
#include <stdio.h>

extern const int rih_const_table[4];
extern int rih_counter_value(void);
extern const int *rust_helper_static_addr(void);
extern int rs_const_same(void), rs_const_load(int), rs_bump_via_ref(void);
extern int rs_bump_direct(void);
extern int rs_weak_const(void), rs_weak_var(void), rs_common(void);
extern int rs_extern_weak(void), rs_tls(void), rs_static_same(void);
extern int rs_static_load(int);
extern const int *rs_const_addr(void), *rs_static_addr(void);
extern const char *rs_string(void);

int main(void) {
  printf("const %d %d %d\n", rs_const_same(), rs_const_addr() == rih_const_table,
         rs_const_load(2));
  rs_bump_via_ref();
  printf("counter %d %d\n", rs_bump_via_ref(), rih_counter_value());
  printf("counter %d %d\n", rs_bump_direct(), rih_counter_value());
  printf("weak %d %d %d %d\n", rs_weak_const(), rs_weak_var(), rs_common(),
         rs_extern_weak());
  rs_tls();
  printf("tls %d\n", rs_tls());
  printf("static %d %d %d\n", rs_static_same(),
         rs_static_addr() == rust_helper_static_addr(), rs_static_load(1));
  printf("string %s\n", rs_string());
  return 0;
}
