/* Odd C helpers for test/inline/odd-helpers*.test, built at test time with
 * clang -O2 for x86_64.  Each is one kind of body that inlining has to
 * treat specially; the test says which are inlined and which stay calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>

/* Varargs read with va_start: LLVM cannot inline it (the va_list would
 * describe the caller's arguments). */
int rust_helper_sum(int n, ...) {
  va_list ap;
  int s = 0;
  va_start(ap, n);
  for (int i = 0; i < n; i++)
    s += va_arg(ap, int);
  va_end(ap);
  return s;
}

/* Variadic but never reads its varargs: nothing ties it to its own frame. */
int rust_helper_first(int n, ...) { return n + 1; }

/* Calls setjmp (returns_twice) on a jmp_buf of its own frame, and jumps
 * back once: inlined, setjmp would return twice into a caller that was not
 * optimized for it. */
int rust_helper_setjmp(int x) {
  jmp_buf b;
  volatile int v = x;
  if (setjmp(b) == 0) {
    v = v * 2;
    longjmp(b, 1);
  }
  return v + 1;
}

/* Itself returns_twice (a setjmp wrapper, like the kernel's arch helpers
 * would be): its caller already expects a second return. */
jmp_buf rust_demo_buf;
__attribute__((returns_twice)) int rust_helper_setjmp_wrapper(void) {
  return setjmp(rust_demo_buf);
}

/* A static key: asm goto (callbr) with a __jump_table entry, as the
 * kernel's arch_static_branch; the 5-byte nop falls through (false). */
bool rust_helper_static_branch(void) {
  asm goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
           ".pushsection __jump_table, \"aw\"\n\t"
           ".balign 8\n\t"
           ".long 1b - ., %l[l_yes] - .\n\t"
           ".quad 0\n\t"
           ".popsection\n\t"
           : : : : l_yes);
  return false;
l_yes:
  return true;
}

/* Plain inline asm. */
unsigned rust_helper_bswap(unsigned x) {
  asm("bswap %0" : "+r"(x));
  return x;
}

/* A VLA: a dynamic alloca.  At -O2 clang keeps no stacksave/stackrestore in
 * the helper (its return frees the stack); inlined into a loop, the caller
 * must free it at each iteration. */
int rust_helper_vla(int n) {
  volatile int a[n];
  for (int i = 0; i < n; i++)
    a[i] = i * i;
  int s = 0;
  for (int i = 0; i < n; i++)
    s += a[i];
  return s;
}

/* Declared here, defined in no helper file (C elsewhere provides it). */
int rust_helper_missing(int x);
int rust_helper_uses_missing(int x) { return rust_helper_missing(x) + 1; }

/* A chain across helper files: outer (here) -> middle (chain.c) -> leaf
 * (here again). */
int rust_helper_middle(int x);
int rust_helper_outer(int x) { return rust_helper_middle(x) + 1; }
int rust_helper_leaf(int x) { return x * 3; }
