struct bad_flags { unsigned ready : 1, count : 7; };
static inline int bad_add(int a, int b) { return a + b; }
static inline unsigned bad_count(struct bad_flags f) { return f.count; }
static inline double bad_real(_Complex double z) { return __real__ z; }
static inline int bad_printf(const char *format, ...) { return 0; }
static inline int bad_call(int (*f)(int), int x) { return f(x); }
