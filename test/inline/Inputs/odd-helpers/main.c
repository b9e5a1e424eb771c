/* Calls each function of crate.ll and crate-kcfi.ll and prints what they
 * return (test/inline/odd-helpers-exec.test).  Built with -fsanitize=kcfi,
 * so that the functions it passes by pointer carry a kCFI type hash. */
#include <stdio.h>
#include <string.h>

int rust_varargs(int);
int rust_setjmp(int);
int rust_setjmp_wrapper(void);
int rust_static_branch(void);
unsigned rust_bswap(unsigned);
int rust_vla_loop(int, int);
int rust_missing(int);
int rust_chain(int);
int rust_o0(int);
int rust_unwind(int);
int rust_no_personality(int);
int rust_apply(int (*)(int), int);

/* C defined elsewhere than in the helper files. */
int rust_helper_missing(int x) { return x * 10; }
static int cleanups;
int c_may_throw(int x) { return x ^ 0x55; }
void c_cleanup(void) { cleanups++; }
/* The crate's personality: nothing unwinds, so it is never called. */
int rust_eh_personality(void) { return 0; }

static int c_twice(int x) { return 2 * x; }
static long c_other_type(long x) { return x; }

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "kcfi-bad")) {
    /* Through a pointer of another type: the kCFI check must trap. */
    printf("%d\n", rust_apply((int (*)(int))(void *)c_other_type, 1));
    return 0;
  }
  printf("varargs %d\n", rust_varargs(1));
  printf("setjmp %d %d\n", rust_setjmp(5), rust_setjmp(-4));
  printf("setjmp_wrapper %d\n", rust_setjmp_wrapper());
  printf("static_branch %d\n", rust_static_branch());
  printf("bswap %#x\n", rust_bswap(0x11223344u));
  /* 4000 bytes a call: without the stackrestore after each inlined body,
   * 200001 iterations would need 800 MB of stack. */
  printf("vla %d %d\n", rust_vla_loop(200001, 1000), rust_vla_loop(3, 0));
  printf("missing %d\n", rust_missing(4));
  printf("chain %d\n", rust_chain(6));
  printf("o0 %d %d\n", rust_o0(2), rust_o0(7));
  printf("unwind %d %d cleanups %d\n", rust_unwind(1), rust_no_personality(2),
         cleanups);
  printf("kcfi %d\n", rust_apply(c_twice, 21));
  return 0;
}
