// Prints what the Rust functions of crate.rs return.
#include <stdio.h>

extern int rih_data, rust_helper_alias(int);
extern int rs_alias(int), rs_weak_alias(int), rs_ifunc(int), rs_calls(int);
extern int rs_weak_range(int);
extern int rs_data_alias(void), *rs_data_alias_addr(void);
extern int *rs_data_alias_direct(void);
extern unsigned long rs_alias_addr(void);

int main(void) {
  printf("alias %d %d\n", rs_alias(5),
         rs_alias_addr() == (unsigned long)&rust_helper_alias);
  printf("weak alias %d %d\n", rs_weak_alias(5), rs_weak_range(5));
  printf("ifunc %d\n", rs_ifunc(5));
  printf("calls %d\n", rs_calls(5));
  rs_data_alias();
  printf("data alias %d %d %d %d\n", rs_data_alias(), rih_data,
         rs_data_alias_addr() == &rih_data, rs_data_alias_direct() == &rih_data);
  return 0;
}
