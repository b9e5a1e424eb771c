// A naked helper is a whole function, prologue and ret included: it must
// stay a call (test/inline/naked.test).  Built once at -O2 (clang adds
// noinline) and once at -O0 (noinline and optnone, which row OptNoneHelper
// would strip from an ordinary helper).  x86_64 System V: x in edi.
__attribute__((naked)) int rust_helper_naked_add1(int x) {
  __asm__("leal 1(%rdi), %eax\n\tret");
}

// An ordinary helper in the same file, inlined at either level.
int rust_helper_plain_add2(int x) { return x + 2; }
