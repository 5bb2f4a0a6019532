import Foundation

/// Names of LocalStorage's temporary files, and who wrote them.
///
/// `.deltactl-tmp-<name>.<counter>.<pid>@<host>`: `<name>` is the target's file name (for people looking at a
/// folder), `<counter>` a hex number unique in the process (a random base drawn once plus a counter: a random draw
/// per file costs a getrandom(2) each; collisions with other processes are still caught by O_EXCL), `<pid>` the
/// writing process and `<host>` 8 hex digits naming its host. Listings skip these names and Delta readers ignore
/// them (not a log file name). Names of older deltactl versions (`.deltactl-tmp-<name>.<counter>`) carry no writer.
public enum TemporaryName {
    /// The prefix of every temporary file name.
    public static let prefix = ".deltactl-tmp-"

    /// The process that wrote a temporary file.
    public struct Writer: Equatable, Sendable {
        /// Its process id.
        public var pid: Int32
        /// Its host's tag (``hostTag``).
        public var host: String

        /// Creates a writer.
        public init(pid: Int32, host: String) { self.pid = pid; self.host = host }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var counter = UInt64.random(in: 0...UInt64.max)

    /// This host's tag: FNV-1a (32 bits) of its name, in hex.
    public static let hostTag: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let name = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        var h: UInt32 = 0x811C_9DC5
        for b in name.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }()

    /// The full path of a new temporary file in `folder` for a target named `base`.
    static func make(in folder: String, for base: String) -> String {
        lock.lock()
        counter &+= 1
        let n = counter
        lock.unlock()
        return folder + "/" + prefix + base + "." + String(n, radix: 16) + "." + String(getpid()) + "@" + hostTag
    }

    /// Whether `name` is a temporary file name (of this version or an older one); nil when it is not, `.some(nil)`
    /// when it is one without a writer (older versions), else its writer.
    public static func parse(_ name: String) -> Writer?? {
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last else { return nil }
        func isHex(_ s: Substring, max: Int) -> Bool {
            !s.isEmpty && s.count <= max && s.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
        if isHex(last, max: 16) { return .some(nil) }  // `<name>.<counter>` (older versions)
        let writer = last.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count >= 3, writer.count == 2, isHex(parts[parts.count - 2], max: 16),
              let pid = Int32(writer[0]), pid > 0, isHex(writer[1], max: 8), writer[1].count == 8 else { return nil }
        return .some(Writer(pid: pid, host: String(writer[1])))
    }

    /// Whether `writer` is a process of this host that no longer exists (so its temporary files are abandoned).
    public static func isGone(_ writer: Writer) -> Bool {
        guard writer.host == hostTag, writer.pid != getpid() else { return false }
        return kill(writer.pid, 0) != 0 && errno == ESRCH
    }
}

/// Removing abandoned temporary files: what killed writers left (never published, never listed).
extension LocalStorage {
    /// Removes the temporary files in `folder` and every folder below it that are abandoned: written by a process of
    /// this host that no longer exists, or (whatever wrote them) unchanged for more than `seconds` (by their change
    /// time: staged files carry their source's modification time). Only names that parse as deltactl's temporary
    /// names (``TemporaryName``) are touched, never other files, and symbolic links are not followed. A writer still
    /// using one after `seconds` would fail cleanly (its link or rename finds no file), so callers pass a margin and
    /// call it only while they hold the table's lock. Returns how many were removed; errors are ignored (the files are
    /// invisible anyway).
    @discardableResult
    public func removeStaleTemporaryFiles(under folder: String, olderThan seconds: Double) -> Int {
        let resolved: String? = folder.isEmpty ? rootPath : try? absolutePath(folder)
        guard let full = resolved else { return 0 }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Self.removeStale(in: full, now: now, olderThan: seconds, recursive: true)
    }

    /// Like ``removeStaleTemporaryFiles(under:olderThan:)`` for the files directly in `folder` only.
    @discardableResult
    public func removeStaleTemporaryFiles(in folder: String, olderThan seconds: Double) -> Int {
        guard let full = try? absolutePath(folder) else { return 0 }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Self.removeStale(in: full, now: now, olderThan: seconds, recursive: false)
    }

    private static func removeStale(in full: String, now: timespec, olderThan seconds: Double, recursive: Bool) -> Int {
        guard let dir = opendir(full) else { return 0 }
        var removed = 0
        var folders: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            let type = Int(entry.pointee.d_type)
            if recursive && name != "." && name != ".." && (type == Int(DT_DIR) || type == Int(DT_UNKNOWN)) {
                var st = stat()
                if type == Int(DT_DIR) || (lstat(full + "/" + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR) {
                    folders.append(full + "/" + name)
                    continue
                }
            }
            guard let writer = TemporaryName.parse(name) else { continue }
            var st = stat()
            let path = full + "/" + name
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            let age = Double(now.tv_sec - st.st_ctim.tv_sec) + Double(now.tv_nsec - st.st_ctim.tv_nsec) / 1e9
            let abandoned = writer.map(TemporaryName.isGone) ?? false
            if (abandoned || age > seconds) && unlink(path) == 0 { removed += 1 }
        }
        closedir(dir)
        for folder in folders { removed += removeStale(in: folder, now: now, olderThan: seconds, recursive: true) }
        return removed
    }
}
