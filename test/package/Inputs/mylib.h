/* A C header whose API is static inline functions (test/package). */
static inline int twice(int x) { return 2 * x; }
static inline unsigned long low_mask(unsigned int n) { return (1UL << n) - 1; }
