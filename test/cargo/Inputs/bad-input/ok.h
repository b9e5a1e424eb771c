static inline int bad_add(int a, int b) { return a + b; }
#define bad_twice(a) bad_add((a), (a))
