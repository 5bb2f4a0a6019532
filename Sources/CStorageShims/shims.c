#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/ioctl.h>
#include <linux/fs.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include "CStorageShims.h"

int deltactl_set_malloc_top_pad(int bytes) {
#if defined(__GLIBC__)
    return mallopt(M_TOP_PAD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}

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

int deltactl_start_writeback(int fd) {
#if defined(__linux__)
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    return 0;
#endif
}

int deltactl_rename_noreplace(const char *from, const char *to) {
#if defined(__linux__) && defined(RENAME_NOREPLACE)
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
#else
    (void)from; (void)to;
    errno = ENOSYS;
    return -1;
#endif
}

int deltactl_clone_file(int fd_in, int fd_out) {
#if defined(__linux__) && defined(FICLONE)
    return ioctl(fd_out, FICLONE, fd_in);
#else
    (void)fd_in; (void)fd_out;
    errno = ENOSYS;
    return -1;
#endif
}

int deltactl_open_anonymous(const char *folder) {
#if defined(__linux__) && defined(O_TMPFILE)
    return open(folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
#else
    (void)folder;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

int deltactl_link_anonymous(int fd, const char *to) {
#if defined(__linux__) && defined(AT_EMPTY_PATH)
    // AT_EMPTY_PATH first (no path lookup; allowed with CAP_DAC_READ_SEARCH, or since Linux 6.10 for a file the
    // caller opened), else through /proc (one lookup more).
    if (linkat(fd, "", AT_FDCWD, to, AT_EMPTY_PATH) == 0) return 0;
    if (errno != ENOENT && errno != EPERM) return -1;
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, proc, AT_FDCWD, to, AT_SYMLINK_FOLLOW);
#else
    (void)fd; (void)to;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

// MARK: - CRC-32C

// Portable path: slicing-by-8 over tables built once (reflected polynomial 0x82F63B78).
static uint32_t crc32c_table[8][256];
static pthread_once_t crc32c_table_once = PTHREAD_ONCE_INIT;

static void crc32c_build_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        crc32c_table[0][n] = c;
    }
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = crc32c_table[0][n];
        for (int t = 1; t < 8; t++) {
            c = crc32c_table[0][c & 0xFF] ^ (c >> 8);
            crc32c_table[t][n] = c;
        }
    }
}

static uint32_t crc32c_portable(uint32_t crc, const unsigned char *p, size_t len) {
    pthread_once(&crc32c_table_once, crc32c_build_table);
    while (len >= 8) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + 4, 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        lo = __builtin_bswap32(lo);
        hi = __builtin_bswap32(hi);
#endif
        lo ^= crc;
        crc = crc32c_table[7][lo & 0xFF] ^ crc32c_table[6][(lo >> 8) & 0xFF] ^ crc32c_table[5][(lo >> 16) & 0xFF]
            ^ crc32c_table[4][lo >> 24] ^ crc32c_table[3][hi & 0xFF] ^ crc32c_table[2][(hi >> 8) & 0xFF]
            ^ crc32c_table[1][(hi >> 16) & 0xFF] ^ crc32c_table[0][hi >> 24];
        p += 8;
        len -= 8;
    }
    while (len--) crc = crc32c_table[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return crc;
}

// Combining CRCs (for the three interleaved streams below): the CRC register is linear over GF(2), so the state
// after a block B that started from state s is shift(s, |B|) ^ (the state after B started from 0), where
// shift(s, n) multiplies s by x^(8n) modulo the polynomial (reflected bit order, as in zlib's crc32_combine).
static uint32_t crc32c_multmodp(uint32_t a, uint32_t b) {
    uint32_t m = (uint32_t)1 << 31, p = 0;
    for (;;) {
        if (a & m) {
            p ^= b;
            if ((a & (m - 1)) == 0) break;
        }
        m >>= 1;
        b = b & 1 ? (b >> 1) ^ 0x82F63B78u : b >> 1;
    }
    return p;
}

/// x^(8 * bytes) modulo the polynomial.
static uint32_t crc32c_x8nmodp(size_t bytes) {
    uint32_t square = (uint32_t)1 << 30;  // x^1
    uint32_t p = (uint32_t)1 << 31;       // x^0
    for (size_t n = bytes * 8; n; n >>= 1) {
        if (n & 1) p = crc32c_multmodp(square, p);
        square = crc32c_multmodp(square, square);
    }
    return p;
}

/// Bytes per stream in the interleaved loop, and the shift constants for one and two such blocks.
#define CRC32C_BLOCK 8192
static uint32_t crc32c_shift1, crc32c_shift2;
static pthread_once_t crc32c_shift_once = PTHREAD_ONCE_INIT;
static void crc32c_build_shifts(void) {
    crc32c_shift1 = crc32c_x8nmodp(CRC32C_BLOCK);
    crc32c_shift2 = crc32c_x8nmodp(2 * CRC32C_BLOCK);
}

#if defined(__x86_64__)
#include <nmmintrin.h>
// The crc32 instruction has a latency of 3 cycles and a throughput of 1: three independent streams keep it busy
// (about three times the speed of one stream), then the three results are combined.
__attribute__((target("sse4.2")))
static uint32_t crc32c_hardware(uint32_t crc, const unsigned char *p, size_t len) {
    if (len >= 3 * CRC32C_BLOCK) pthread_once(&crc32c_shift_once, crc32c_build_shifts);
    while (len >= 3 * CRC32C_BLOCK) {
        uint64_t c0 = crc, c1 = 0, c2 = 0;
        for (size_t i = 0; i < CRC32C_BLOCK; i += 8) {
            uint64_t v0, v1, v2;
            memcpy(&v0, p + i, 8);
            memcpy(&v1, p + CRC32C_BLOCK + i, 8);
            memcpy(&v2, p + 2 * CRC32C_BLOCK + i, 8);
            c0 = _mm_crc32_u64(c0, v0);
            c1 = _mm_crc32_u64(c1, v1);
            c2 = _mm_crc32_u64(c2, v2);
        }
        crc = crc32c_multmodp(crc32c_shift2, (uint32_t)c0) ^ crc32c_multmodp(crc32c_shift1, (uint32_t)c1) ^ (uint32_t)c2;
        p += 3 * CRC32C_BLOCK;
        len -= 3 * CRC32C_BLOCK;
    }
    uint64_t c = crc;
    while (len >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        c = _mm_crc32_u64(c, v);
        p += 8;
        len -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (len--) c32 = _mm_crc32_u8(c32, *p++);
    return c32;
}
static int crc32c_has_hardware(void) { return __builtin_cpu_supports("sse4.2"); }
#elif defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#include <asm/hwcap.h>
__attribute__((target("+crc")))
static uint32_t crc32c_hardware(uint32_t crc, const unsigned char *p, size_t len) {
    while (len >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        crc = __builtin_aarch64_crc32cx(crc, v);
        p += 8;
        len -= 8;
    }
    while (len--) crc = __builtin_aarch64_crc32cb(crc, *p++);
    return crc;
}
static int crc32c_has_hardware(void) { return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0; }
#else
static uint32_t crc32c_hardware(uint32_t crc, const unsigned char *p, size_t len) { return crc32c_portable(crc, p, len); }
static int crc32c_has_hardware(void) { return 0; }
#endif

/// 0 unknown, 1 hardware, 2 portable.
static int crc32c_mode;

uint32_t deltactl_crc32c(uint32_t crc, const void *data, size_t len) {
    int mode = __atomic_load_n(&crc32c_mode, __ATOMIC_RELAXED);
    if (mode == 0) {
        mode = crc32c_has_hardware() ? 1 : 2;
        __atomic_store_n(&crc32c_mode, mode, __ATOMIC_RELAXED);
    }
    const unsigned char *p = data;
    crc = ~crc;
    crc = mode == 1 ? crc32c_hardware(crc, p, len) : crc32c_portable(crc, p, len);
    return ~crc;
}

/// Test hook: the portable path, whatever the CPU (so that tests cover both).
uint32_t deltactl_crc32c_portable(uint32_t crc, const void *data, size_t len) {
    return ~crc32c_portable(~crc, data, len);
}
