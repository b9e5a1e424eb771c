#include <stdio.h>
void rust_identity(int x, int out[3]);
int main(void) {
  int out[3];
  rust_identity(21, out);
  printf("value=%d same_pointer=%d same_in_table=%d\n", out[0], out[1], out[2]);
  return 0;
}
