#include <stdio.h>
struct packet { unsigned char head[12]; unsigned int tail; };
unsigned int rust_packet_sum(const struct packet *p);
int rust_control(int x);
int main(void)
{
	struct packet p = { "rust-helper", 7 };
	unsigned long total = 0;
	for (int i = 0; i < 1000; i++) {
		p.tail = i;
		total += rust_packet_sum(&p);
	}
	printf("%lu %d\n", total, rust_control(5));
	return 0;
}
