import Foundation

// Small helpers of LocalStorage's write path: recycled copy buffers, the reflink and rename memos (temporary file
// names are in TemporaryFiles.swift).

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

/// Remembers the source devices from which reflinks (FICLONE) into a root failed, so that a file system without
/// them costs one failed ioctl per run instead of one per file.
final class CloneMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var unsupported = Set<UInt64>()

    /// Whether a reflink from `device` may work (not known to fail).
    func mayClone(from device: UInt64) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return !unsupported.contains(device)
    }

    /// Records that reflinks from `device` fail.
    func markUnsupported(from device: UInt64) {
        lock.lock(); unsupported.insert(device); lock.unlock()
    }
}

/// A flag set once, read by many threads (e.g. "this root's file system refuses renameat2 RENAME_NOREPLACE").
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false

    /// Whether it was raised.
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return set }

    /// Raises it.
    func raise() { lock.lock(); set = true; lock.unlock() }
}
