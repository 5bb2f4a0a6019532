#ifndef CSTORAGESHIMS_H
#define CSTORAGESHIMS_H
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

/// Sets glibc's M_TOP_PAD (the extra bytes by which a malloc heap grows) with mallopt(3); returns its result
/// (1 on success), 0 where there is no glibc. For the executable's start-up only.
int deltactl_set_malloc_top_pad(int bytes);

/// copy_file_range(2) on Linux (in-kernel copy, reflink where the file system can); returns -1 with
/// errno ENOSYS elsewhere.
ssize_t deltactl_copy_file_range(int fd_in, int fd_out, size_t len);

/// syncfs(2) on Linux (flushes the file system holding fd); sync(2) and 0 elsewhere.
int deltactl_syncfs(int fd);

/// Starts writing fd's dirty pages to the device without waiting (sync_file_range(2) SYNC_FILE_RANGE_WRITE on
/// Linux; nothing elsewhere). Not a durability guarantee (no metadata, no device cache flush): it lets the disk work
/// while the caller goes on, so that a later syncfs or fsync has less left to wait for.
int deltactl_start_writeback(int fd);

/// Renames `from` to `to` only if `to` does not exist (renameat2 RENAME_NOREPLACE): atomic and exclusive, fails
/// with EEXIST otherwise. -1 with EINVAL or ENOSYS where the file system or the platform cannot (callers then
/// use link(2) and unlink(2)).
int deltactl_rename_noreplace(const char *from, const char *to);

/// Makes fd_out share fd_in's extents (ioctl FICLONE: a reflink on btrfs, XFS, bcachefs...): 0 on success,
/// -1 with errno (EOPNOTSUPP, EXDEV, EINVAL...) when the file system cannot; -1 with ENOSYS off Linux.
int deltactl_clone_file(int fd_in, int fd_out);

/// Creates an unnamed regular file in `folder` (open(2) with O_TMPFILE, mode 0644) for reading and writing: it has
/// no name until deltactl_link_anonymous gives it one, and vanishes when closed without one (also when the process
/// is killed). Returns the descriptor, or -1 with errno (EOPNOTSUPP, EISDIR or EINVAL where the file system or the
/// kernel cannot; ENOENT when the folder is missing).
int deltactl_open_anonymous(const char *folder);

/// Gives the unnamed file `fd` the name `to` (linkat(2) with AT_EMPTY_PATH, or through /proc/self/fd where that is
/// refused);
/// fails with EEXIST instead of replacing an existing file. Returns 0, or -1 with errno.
int deltactl_link_anonymous(int fd, const char *to);

/// Continues a CRC-32C (Castagnoli, as in iSCSI, ext4, S3 and GCS checksums) over `len` bytes: pass 0 to start,
/// the previous result to continue. Uses the SSE4.2 or ARMv8 CRC instructions when the CPU has them.
uint32_t deltactl_crc32c(uint32_t crc, const void *data, size_t len);

/// The same CRC-32C computed without CPU instructions (a test hook, so both paths are checked).
uint32_t deltactl_crc32c_portable(uint32_t crc, const void *data, size_t len);

#endif
