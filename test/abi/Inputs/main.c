// Prints what the Rust callers (caller.rs) compute from the helpers, for
// edge values: upper bits set, negative values, 0xFFFFFFFF.  The plain
// build and the plugin's build must print the same lines.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int64_t rust_refcount(int32_t);
uint32_t rust_byte1(uint8_t);
uint32_t rust_mixed3(uint8_t, uint16_t);
uint32_t rust_mixed3_sum(uint8_t, uint16_t);
int64_t rust_half2(int16_t);
uint32_t rust_word(uint32_t);
uint64_t rust_three16(uint16_t);
uint64_t rust_float2(float, float);
uint64_t rust_float_double(float);
uint64_t rust_wide(uint64_t, uint64_t);
int64_t rust_int2(int32_t, int32_t);
uint64_t rust_big(uint64_t, uint64_t, uint64_t);
uint32_t rust_is_negative(int8_t);
uint32_t rust_low_byte(uint32_t);
uint64_t rust_u32_not(uint32_t);
int64_t rust_i16_neg(int16_t);
uint32_t rust_control(uint32_t);

int main(void) {
  static const uint32_t U32[] = {0, 1, 0x7f, 0x80, 0xff, 0x8000, 0xffff,
                                 0x7fffffff, 0x80000000, 0xffffffff};
  for (unsigned I = 0; I != sizeof(U32) / sizeof(U32[0]); ++I) {
    uint32_t U = U32[I];
    printf("%u: refcount %lld byte1 %u mixed3 %#x sum %u half2 %lld\n", U,
           (long long)rust_refcount((int32_t)U), rust_byte1((uint8_t)U),
           rust_mixed3((uint8_t)U, (uint16_t)(U >> 3)),
           rust_mixed3_sum((uint8_t)U, (uint16_t)U),
           (long long)rust_half2((int16_t)U));
    printf("%u: word %#x three16 %#llx wide %#llx int2 %#llx big %#llx\n", U,
           rust_word(U), (unsigned long long)rust_three16((uint16_t)U),
           (unsigned long long)rust_wide(0xfedcba9876543210ull ^ U,
                                         ~(uint64_t)U << 17),
           (unsigned long long)rust_int2((int32_t)U, (int32_t)~U),
           (unsigned long long)rust_big(U, (uint64_t)U << 40, ~(uint64_t)U));
    printf("%u: negative %u low %u not %#llx neg %lld control %u\n", U,
           rust_is_negative((int8_t)U), rust_low_byte(U),
           (unsigned long long)rust_u32_not(U),
           (long long)rust_i16_neg((int16_t)U), rust_control(U));
    float F;
    memcpy(&F, &U, sizeof F);
    printf("%u: float2 %#llx float_double %#llx\n", U,
           (unsigned long long)rust_float2(F, (float)U),
           (unsigned long long)rust_float_double((float)(int32_t)U));
  }
  return 0;
}
