typedef long long v2di __attribute__((__vector_size__(16)));
static inline unsigned q_put(void *const *table, unsigned n) { return table[0] ? n : 0; }
static inline int q_aligned(const void *const restrict p) { return ((unsigned long)p & 7) == 0; }
static inline const char *q_first(const char **names) { return names[0]; }
static inline int q_count(const int *const *rows) { return rows[0][0]; }
static inline long long q_low(v2di v) { return v[0]; }
