static inline int bad_add(int a, int b) { return a + b; }
static inline int bad_broken(int a) { return a + ; }
