/* C helpers of the rih-c-helpers crate: small static inline functions that
 * the crate calls through bindgen-style wrappers (build.rs).  The tests edit
 * rih_version's constant and check that `cargo build` brings the new value
 * into the Rust binary. */
#ifndef RIH_C_HELPERS_H
#define RIH_C_HELPERS_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t rih_version(void) { return 1; }

/* Fletcher-32 over bytes, 16-bit sums as in RFC 1146's appendix. */
static inline uint32_t rih_fletcher32(const uint8_t *p, size_t n) {
  uint32_t a = 0xffff, b = 0xffff;
  for (size_t i = 0; i < n; i++) {
    a = (a + p[i]) % 65535;
    b = (b + a) % 65535;
  }
  return (b << 16) | a;
}

#endif
