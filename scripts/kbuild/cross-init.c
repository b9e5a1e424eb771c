/*
 * /init of scripts/kernel-e2e's arm64 and riscv64 initramfs: loads every
 * module in /lib/modules with finit_module(2), prints "E2E: init done" and
 * reboots (qemu runs with -no-reboot, so it exits).  The host's busybox is
 * an x86_64 binary; this is built with clang-22 --target=aarch64-linux-gnu
 * or riscv64-linux-gnu, freestanding, with raw system calls (both use the
 * generic system call table), so nothing but the compiler is needed.
 */
typedef unsigned long u64;

static long sys(long nr, long a, long b, long c, long d)
{
#ifdef __riscv
	register long a7 __asm__("a7") = nr;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2), "r"(a3) : "memory");
	return a0;
#else
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
	return x0;
#endif
}

enum { OPENAT = 56, CLOSE = 57, GETDENTS64 = 61, WRITE = 64, REBOOT = 142, FINIT_MODULE = 273 };
#define AT_FDCWD (-100)
/* arm64 has its own O_DIRECTORY; riscv64 has asm-generic's. */
#ifdef __riscv
#define O_DIRECTORY 0200000
#else
#define O_DIRECTORY 040000
#endif

static unsigned long len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void say(const char *a, const char *b)
{
	sys(WRITE, 1, (long)a, len(a), 0);
	sys(WRITE, 1, (long)b, len(b), 0);
	sys(WRITE, 1, (long)"\n", 1, 0);
}

struct dirent64 {
	u64 ino;
	long off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

void _start(void)
{
	static char buf[4096], path[512];
	long dir = sys(OPENAT, AT_FDCWD, (long)"/lib/modules", O_DIRECTORY, 0);
	long n;

	if (dir < 0)
		say("E2E: cannot open ", "/lib/modules");
	while (dir >= 0 && (n = sys(GETDENTS64, dir, (long)buf, sizeof(buf), 0)) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			unsigned long l = len(d->name);

			off += d->reclen;
			if (l < 4 || d->name[l - 3] != '.' || d->name[l - 2] != 'k' || d->name[l - 1] != 'o')
				continue;
			const char *prefix = "/lib/modules/";
			unsigned long p = len(prefix);
			for (unsigned long i = 0; i < p; i++)
				path[i] = prefix[i];
			for (unsigned long i = 0; i <= l && p + i < sizeof(path); i++)
				path[p + i] = d->name[i];
			long fd = sys(OPENAT, AT_FDCWD, (long)path, 0, 0);
			if (fd < 0 || sys(FINIT_MODULE, fd, (long)"", 0, 0) != 0)
				say("E2E: insmod failed: ", path);
			if (fd >= 0)
				sys(CLOSE, fd, 0, 0, 0);
		}
	}
	say("E2E: init done", "");
	/* LINUX_REBOOT_MAGIC1, MAGIC2, LINUX_REBOOT_CMD_RESTART */
	sys(REBOOT, 0xfee1dead, 672274793, 0x01234567, 0);
	for (;;)
		;
}
