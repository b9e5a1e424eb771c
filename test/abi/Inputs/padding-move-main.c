/* Drives padding-move.rs's functions for padding-move.test. */
#include <stdio.h>

unsigned long moved(unsigned long a, short b);
unsigned long rust_control(unsigned long a, short b);

int main(void)
{
	printf("moved %lu %lu control %lu\n", moved(5, 7), moved(1, -3), rust_control(9, 2));
	return 0;
}
