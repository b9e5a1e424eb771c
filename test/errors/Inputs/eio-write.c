// LD_PRELOAD shim for write-failure.test: write(2) to a file whose path
// contains $RIH_EIO_MATCH writes at most 16 bytes, then fails with EIO, as a
// failing disk would part-way through a file.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real)
    real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  const char *match = getenv("RIH_EIO_MATCH");
  char link[64], path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t len = match ? readlink(link, path, sizeof path - 1) : -1;
  if (len > 0) {
    path[len] = 0;
    if (strstr(path, match)) {
      off_t at = lseek(fd, 0, SEEK_CUR);
      if (at < 16)
        return real(fd, buf, n < (size_t)(16 - at) ? n : (size_t)(16 - at));
      errno = EIO;
      return -1;
    }
  }
  return real(fd, buf, n);
}
