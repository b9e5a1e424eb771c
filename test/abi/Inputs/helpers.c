// C helpers whose signatures clang and rustc lower differently on x86-64,
// AArch64 or RISC-V (test/abi): small aggregates returned in one register,
// float pairs, a 128-bit integer in a struct, extended integers, and
// aggregates passed in memory.  Built with clang for each target.
#include <stdbool.h>
#include <stdint.h>

typedef struct { int counter; } atomic_t;
typedef struct { atomic_t refs; } refcount_t;
struct byte1 { uint8_t a; };
struct mixed3 { uint8_t a; uint16_t b; };
struct half2 { int16_t a, b; };
union word { uint32_t u; float f; };
struct three16 { uint16_t a, b, c; };
struct float2 { float a, b; };
struct float_double { float a; double b; };
struct wide { unsigned __int128 v; };
struct int2 { int32_t a, b; };
struct big { uint64_t a, b, c; };

refcount_t rust_helper_REFCOUNT_INIT(int n) {
  refcount_t r = {{n}};
  return r;
}
struct byte1 rust_helper_byte1(uint8_t a) { return (struct byte1){a ^ 0x5a}; }
struct mixed3 rust_helper_mixed3(uint8_t a, uint16_t b) {
  return (struct mixed3){(uint8_t)(a + 1), (uint16_t)(b * 3)};
}
uint32_t rust_helper_mixed3_sum(struct mixed3 m) { return m.a + m.b; }
struct half2 rust_helper_half2(int16_t a) {
  return (struct half2){a, (int16_t)-a};
}
union word rust_helper_word(uint32_t u) {
  union word w;
  w.u = u;
  return w;
}
struct three16 rust_helper_three16(uint16_t a) {
  return (struct three16){a, (uint16_t)(a + 1), (uint16_t)~a};
}
struct float2 rust_helper_float2(struct float2 f) {
  return (struct float2){f.b * 2, f.a - 1};
}
struct float_double rust_helper_float_double(float a) {
  return (struct float_double){a * 3, (double)a / 4};
}
struct wide rust_helper_wide(struct wide w) {
  w.v = (w.v << 4) | (w.v >> 124);
  return w;
}
struct int2 rust_helper_int2(struct int2 p) {
  return (struct int2){p.b, p.a - p.b};
}
struct big rust_helper_big(struct big b) {
  return (struct big){b.c, b.a + b.b, ~b.a};
}
bool rust_helper_is_negative(int8_t x) { return x < 0; }
uint8_t rust_helper_low_byte(uint32_t x) { return (uint8_t)x; }
uint32_t rust_helper_u32_not(uint32_t x) { return ~x; }
int16_t rust_helper_i16_neg(int16_t x) { return (int16_t)-x; }
// Declared wrongly by wrong.rs.
int rust_helper_add3(int a, int b, int c) { return a + b + c; }
float rust_helper_halve(float f) { return f / 2; }
// The positive control: noinline is respected, so this one stays a call.
__attribute__((noinline)) uint32_t rust_helper_noinline_control(uint32_t x) {
  return x * 2654435761u;
}
