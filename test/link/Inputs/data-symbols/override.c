// The strong definitions that win over helpers.c's weak and common ones.
const int rih_weak_const = 99;
int rih_weak_var = 6;
int rih_common_var = 3;
int rih_maybe = 12;
