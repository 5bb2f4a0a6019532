#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>
#include "CStorageShims.h"

ssize_t deltactl_copy_file_range(int fd_in, int fd_out, size_t len) {
#if defined(__linux__)
    return copy_file_range(fd_in, NULL, fd_out, NULL, len, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int deltactl_syncfs(int fd) {
#if defined(__linux__)
    return syncfs(fd);
#else
    (void)fd;
    sync();
    return 0;
#endif
}
