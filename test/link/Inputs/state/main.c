#include <stdio.h>
extern int shared_count;
int c_read_file(void);
void rust_state(int out[7]);
int main(void) {
  int out[7];
  rust_state(out);
  printf("rust: shared=%d file=%d local=%d table=%d name=%c shared_after=%d "
         "via=%d\n",
         out[0], out[1], out[2], out[3], out[4], out[5], out[6]);
  /* The rest of the C program sees the same state. */
  printf("c: shared=%d file=%d\n", shared_count, c_read_file());
  return 0;
}
