import Foundation
import Testing

/// Every file (with its bytes) and folder under a root: taken before and after a failing command to prove that the
/// command left the table exactly as it was.
struct FolderSnapshot: Equatable, CustomStringConvertible {
    /// Relative path -> bytes, for files; folders map to nil.
    let entries: [String: [UInt8]?]
    /// Whether the root existed at all.
    let exists: Bool

    /// Reads everything under `root` (nothing when it does not exist).
    init(_ root: String) {
        var entries: [String: [UInt8]?] = [:]
        var isDir: ObjCBool = false
        exists = FileManager.default.fileExists(atPath: root, isDirectory: &isDir)
        if exists && isDir.boolValue, let walker = FileManager.default.enumerator(atPath: root) {
            while let rel = walker.nextObject() as? String {
                var d: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &d)
                entries[rel] = d.boolValue ? .some(nil) : .some(FileManager.default.contents(atPath: root + "/" + rel).map { Array($0) } ?? [])
            }
        } else if exists, let data = FileManager.default.contents(atPath: root) {
            entries[""] = .some(Array(data))
        }
        self.entries = entries
    }

    var description: String {
        entries.keys.sorted().map { k in "\(k) (\(entries[k]!.map { "\($0.count) bytes" } ?? "dir"))" }.joined(separator: ", ")
    }

    /// What differs from `other`: added, removed and changed paths.
    func difference(from other: FolderSnapshot) -> [String] {
        var out: [String] = []
        if exists != other.exists { out.append(exists ? "root created" : "root removed") }
        for (k, v) in entries where other.entries[k] == nil { out.append("added \(k)\(v == nil ? "/" : "")") }
        for k in other.entries.keys where entries[k] == nil { out.append("removed \(k)") }
        for (k, v) in entries where other.entries[k] != nil && other.entries[k]! != v { out.append("changed \(k)") }
        return out.sorted()
    }
}

/// Expects that `roots` are byte-for-byte as in `before` (same files, same bytes, no file added or removed).
func expectUnchanged(_ before: [String: FolderSnapshot], sourceLocation: SourceLocation = #_sourceLocation) {
    for (root, snap) in before {
        let diff = FolderSnapshot(root).difference(from: snap)
        #expect(diff.isEmpty, "\(root) changed: \(diff)", sourceLocation: sourceLocation)
    }
}

/// Snapshots of several roots.
func snapshots(_ roots: [String]) -> [String: FolderSnapshot] {
    Dictionary(uniqueKeysWithValues: roots.map { ($0, FolderSnapshot($0)) })
}
