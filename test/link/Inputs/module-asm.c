/* A helper file with top-level asm (test/link/module-asm.test). */
__asm__(".globl rih_asm_marker\nrih_asm_marker:\n\tret\n");
int rust_helper_x(int x) { return x + 1; }
