/*
 * Stack protector row (-fstack-protector-strong): the buffer's address
 * escapes to an external function, so the helper gets a canary.
 */
void ext_fill(char *buf, int n);

int rust_helper_ssp_fill(int n)
{
	char buf[32];

	ext_fill(buf, n);
	return buf[n & 31];
}
