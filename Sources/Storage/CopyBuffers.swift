import Foundation

/// Reusable page-aligned buffers for copies and comparisons. A fresh 256 KiB allocation per file is served by
/// mmap and returned with munmap, so every copy would fault its buffer in again (64 page faults a file);
/// recycling keeps one warm buffer per concurrent copy.
enum CopyBuffers {
    /// Bytes per buffer (fits the L2 cache, so a checksum and a write of the bytes just read find them there).
    static let size = 256 << 10
    /// Buffers kept for reuse at most (more concurrent users allocate and free their own).
    static let keep = 16

    private static let lock = NSLock()
    nonisolated(unsafe) private static var free: [UnsafeMutableRawBufferPointer] = []

    /// Runs `body` with a buffer of ``size`` bytes, valid only during the call.
    static func with<T>(_ body: (UnsafeMutableRawBufferPointer) throws -> T) rethrows -> T {
        lock.lock()
        let buffer = free.popLast() ?? UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
        lock.unlock()
        defer {
            lock.lock()
            if free.count < keep { free.append(buffer) } else { buffer.deallocate() }
            lock.unlock()
        }
        return try body(buffer)
    }
}
