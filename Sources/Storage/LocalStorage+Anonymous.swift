import CStorageShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `.deferred` copies through unnamed files: the bytes go into a file created without a name (O_TMPFILE) in the
/// target's folder, which gets its name with linkat(2) once complete.
///
/// Against a named temporary file and rename(2), this saves a step and a hazard: creating a named file allocates its
/// inode while holding the folder's lock (so parallel copies into one folder queue behind each other's inode
/// allocation, which ext4 makes slow right after many deletions), while an unnamed file is allocated without it, and
/// the link is one short folder update instead of a create plus a rename; and a process killed mid-copy leaves
/// nothing behind (an unnamed file vanishes with its last descriptor). The link fails with EEXIST instead of
/// replacing, so a file already at the path is replaced the classic way (link to a temporary name, then rename).
///
/// Only for `.deferred` copies: after a link the inode's link count is dirty, and only a later ``sync()``
/// (syncfs(2), which writes every dirty inode) makes both durable, as that contract allows; an `.immediate` copy
/// keeps fsync of a named temporary file, rename and fsync of its folder.
extension LocalStorage {
    /// Copies like ``copy(from:sourcePath:to:durability:)`` with `.deferred` durability into an unnamed file; nil
    /// (nothing written) when the file system or the kernel offers no unnamed files or cannot link them, which is
    /// remembered for the root: the caller then copies through a named temporary file.
    func copyThroughUnnamedFile(from source: Storage, sourcePath: String, to full: String, path: String) throws -> CopyReceipt? {
        guard !noUnnamedFiles.isSet else { return nil }
        return try withSource(source, sourcePath) { src -> CopyReceipt? in
            let folder = Self.parent(of: full)
            guard let fd = try openUnnamed(in: folder, path: path) else { return nil }
            defer { close(fd) }
            let receipt = try copyContent(src, into: fd, path: path)
            if flush == .always { _ = deltactl_start_writeback(fd) }  // the later sync() waits for less
            if deltactl_link_anonymous(fd, full) == 0 { return receipt }
            var e = errno
            if e == EEXIST {  // replace what is there: a temporary name first, then an atomic rename over it
                let base = full.split(separator: "/").last.map(String.init) ?? "object"
                for _ in 0..<16 {
                    let temp = TemporaryName.make(in: folder, for: base)
                    if deltactl_link_anonymous(fd, temp) == 0 {
                        try renameTemp(temp, over: full, path, durable: false)
                        return receipt
                    }
                    e = errno
                    if e != EEXIST { break }
                }
            }
            guard Self.refusesUnnamedFiles(e) || e == ENOENT else { throw Self.error("link", path, e) }
            noUnnamedFiles.raise()  // no /proc and no CAP_DAC_READ_SEARCH, or a file system without linkat
            return nil
        }
    }

    /// Creates an unnamed file in `folder` (creating the folder if needed); nil, remembered for the root, where the
    /// file system or the kernel offers none.
    func openUnnamed(in folder: String, path: String) throws -> Int32? {
        guard !noUnnamedFiles.isSet else { return nil }
        var fd = deltactl_open_anonymous(folder)
        if fd < 0 && errno == ENOENT {  // the folder is new
            try Self.makeDirectories(folder, path: path)
            fd = deltactl_open_anonymous(folder)
        }
        if fd >= 0 { return fd }
        let e = errno
        guard Self.refusesUnnamedFiles(e) else { throw Self.error("create", path, e) }
        noUnnamedFiles.raise()
        return nil
    }

    /// Whether an errno from creating or linking an unnamed file means "not here" rather than a failure.
    static func refusesUnnamedFiles(_ e: Int32) -> Bool {
        e == EOPNOTSUPP || e == ENOTSUP || e == EISDIR || e == EINVAL || e == ENOSYS || e == EPERM || e == EACCES
    }
}
