#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Batch put-if-absent: stage temporary files (no flush each), then publish them in order with one flush of their
/// content before the first name appears and one flush of each folder after the last.
extension LocalStorage {
    /// Copies `sourcePath` into a temporary file beside `path` (`.deltactl-tmp-*`: never listed, not a name Delta
    /// readers look at), with `modifiedMillis` as its modification time, and does not flush it: ``publish(_:)`` does.
    public func stage(from source: Storage, sourcePath: String, to path: String, modifiedMillis: Int64?) throws -> StagedObject {
        let full = try absolutePath(path)
        var receipt = CopyReceipt(size: 0, crc32c: 0)
        let temp = try withSource(source, sourcePath) { src in
            try writeTemp(for: full, path: path, durable: false) { fd in
                receipt = try copyContent(src, into: fd, path: path)
                if let millis = modifiedMillis { try Self.setTimes(fd, millis: millis, path: path) }
            }
        }
        return StagedObject(path: path, receipt: receipt, content: .handle(temp))
    }

    /// Publishes staged files in order, each put in place only if its path is free (renameat2 RENAME_NOREPLACE, or
    /// link(2) where the file system lacks it: both fail with EEXIST instead of replacing).
    ///
    /// Crash safety, step by step:
    /// 1. syncfs(2) first: the staged files' content, and every `.deferred` copy made before (the data files the
    ///    commits name), is durable before any name below exists, so a published name never points at content a
    ///    crash could lose or tear.
    /// 2. One exclusive rename (or link) per object, in the order given. It is atomic and the file behind it
    ///    complete, so other processes see the names appear in this order: a reader sees commit k only with
    ///    everything published before it, and a process killed between two of them (SIGKILL) leaves a prefix of the
    ///    batch plus unlisted `.deltactl-tmp-*` files (the next replicate run removes them).
    /// 3. One fsync(2) of each folder that received a name, after the last one (also when a later object fails):
    ///    the names are durable when `publish` returns.
    ///
    /// A power loss before step 3 completes may lose names of this batch. Journaling file systems (ext4 with its
    /// journal, XFS) persist a folder's updates in order, which leaves a prefix again; one that does not (ext4
    /// without a journal) may keep a later name and lose an earlier one. Readers then find a version missing from the
    /// sequence, which Delta readers refuse rather than skip (no name survives without its content, so nothing wrong
    /// is ever read), and the next replicate run publishes the missing file. Keeping a strict prefix through a power
    /// loss on every file system would take one folder fsync per object, as ``putIfAbsent(_:_:)`` does.
    ///
    /// EEXIST: identical bytes at the path count as `.alreadyPresent`; different bytes throw `.alreadyExists`, after
    /// which the objects before stay published and the rest are discarded. ``FlushPolicy/never`` skips steps 1 and 3
    /// (ordering for other processes still holds; durability does not).
    public func publish(_ staged: [StagedObject]) throws -> [PublishOutcome] {
        var pending = staged[...]
        var folders: [String] = []
        defer {
            if flush == .always { for folder in folders { fsyncFolder(folder) } }
            discard(Array(pending))
        }
        try sync()
        var outcomes: [PublishOutcome] = []
        while let object = pending.first {
            let full = try absolutePath(object.path)
            switch object.content {
            case .bytes(let bytes):  // staged by the protocol's default: put-if-absent on its own (durable alone)
                outcomes.append(try publishBytes(object.path, bytes))
            case .handle(let temp):
                guard temp.hasPrefix(rootPath == "/" ? "/" : rootPath + "/") else {
                    throw StorageError.io(operation: "publish", path: object.path, errno: 0,
                                          message: "staged under another root (\(temp))")
                }
                if try placeExclusively(temp, at: full, object.path) {
                    let folder = Self.parent(of: full)
                    if !folders.contains(folder) { folders.append(folder) }
                    outcomes.append(.published)
                } else {
                    guard try Self.sameContent(temp, full, path: object.path) else {
                        throw StorageError.alreadyExists(path: object.path)
                    }
                    outcomes.append(.alreadyPresent)
                    unlink(temp)
                }
            }
            pending = pending.dropFirst()
        }
        return outcomes
    }

    /// Removes the temporary files of staged objects.
    public func discard(_ staged: [StagedObject]) {
        for object in staged {
            if case .handle(let temp) = object.content, temp.hasPrefix(rootPath == "/" ? "/" : rootPath + "/") {
                unlink(temp)
            }
        }
    }

    /// Whether two files hold the same bytes (compared in bounded chunks).
    static func sameContent(_ a: String, _ b: String, path: String) throws -> Bool {
        let fa = open(a, O_RDONLY | O_CLOEXEC)
        if fa < 0 { throw error("open", path, errno) }
        defer { close(fa) }
        let fb = open(b, O_RDONLY | O_CLOEXEC)
        if fb < 0 { throw error("open", path, errno) }
        defer { close(fb) }
        var sa = stat(), sb = stat()
        if fstat(fa, &sa) != 0 || fstat(fb, &sb) != 0 { throw error("stat", path, errno) }
        if sa.st_size != sb.st_size { return false }
        return try CopyBuffers.with { x in
            try CopyBuffers.with { y in
                var offset: off_t = 0
                while offset < sa.st_size {
                    let want = Int(min(off_t(x.count), sa.st_size - offset))
                    let n = try preadFully(fa, x, want, offset, path), m = try preadFully(fb, y, want, offset, path)
                    if n != want || m != want || memcmp(x.baseAddress!, y.baseAddress!, want) != 0 { return false }
                    offset += off_t(want)
                }
                return true
            }
        }
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; fewer only at end of file.
    private static func preadFully(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, _ count: Int, _ offset: off_t,
                                   _ path: String) throws -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, buffer.baseAddress! + done, count - done, offset + off_t(done))
            if n < 0 { if errno == EINTR { continue }; throw error("read", path, errno) }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Sets an open file's modification and access times (milliseconds since the epoch).
    static func setTimes(_ fd: Int32, millis: Int64, path: String) throws {
        let t = timespec(tv_sec: time_t(millis / 1000), tv_nsec: Int((millis % 1000) * 1_000_000))
        var times = [t, t]
        if futimens(fd, &times) != 0 { throw error("futimens", path, errno) }
    }
}
