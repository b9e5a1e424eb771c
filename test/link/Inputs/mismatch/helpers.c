/* C definitions that the Rust declarations of mismatch.rs get wrong
   (test/link/signature-mismatch.test). */
struct big { long a, b, c, d; };

int rust_helper_add(int a, int b) { return a + b; }
unsigned rust_helper_wide(unsigned x) { return x * 3; }
int rust_helper_byte(signed char x) { return x; }
long rust_helper_big(struct big s) { return s.a + s.d; }
__attribute__((preserve_most)) int rust_helper_cc(int x) { return x + 1; }
int rust_helper_ok(int x) { return x * 5; }

/* Agrees with the Rust side, though rustc spells the struct { i64, i64 }
   and clang two i64. */
struct pair { long a, b; };
long rust_helper_pair(struct pair p) { return p.a - p.b; }

/* rustc: { i64, i64 } (ret and parameter); clang: { i64, i16 } and i64, i16. */
struct mixed { unsigned long a; unsigned short b; };
struct mixed rust_helper_mixed(struct mixed m) {
  struct mixed r = {m.a + 1, (unsigned short)(m.b * 2)};
  return r;
}
