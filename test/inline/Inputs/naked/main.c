#include <stdio.h>
extern int rs_naked(int);
int main(void) {
  printf("naked %d\n", rs_naked(4));
  return 0;
}
