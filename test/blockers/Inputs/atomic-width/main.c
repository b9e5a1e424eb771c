#include <stdio.h>
extern int rs_cas16(__int128 *, long, long);
extern long rs_add8(long *, long);
int main(void) {
  static __int128 v __attribute__((aligned(16))) = 3;
  static long w = 40;
  int a = rs_cas16(&v, 3, 4), b = rs_cas16(&v, 3, 5);
  long c = rs_add8(&w, 2);
  printf("cas16 %d %d %d add8 %ld %ld\n", a, b, (int)v, c, w);
  return 0;
}
