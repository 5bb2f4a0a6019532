#ifndef CSTORAGESHIMS_H
#define CSTORAGESHIMS_H
#include <sys/types.h>
#include <stdint.h>

/// copy_file_range(2) on Linux (in-kernel copy, reflink where the file system can); returns -1 with
/// errno ENOSYS elsewhere.
ssize_t deltactl_copy_file_range(int fd_in, int fd_out, size_t len);

/// syncfs(2) on Linux (flushes the file system holding fd); sync(2) and 0 elsewhere.
int deltactl_syncfs(int fd);

#endif
