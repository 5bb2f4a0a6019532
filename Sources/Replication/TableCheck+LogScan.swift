import DeltaLog
import Storage

/// One pass over the JSON commits that `check` keeps (from its starting version to its target): which version
/// last added each live file, the change-data files the commits name, and every path that is absolute or escapes
/// the table root (reported, never followed).
struct LogScan {
    /// A change-data file named by a `cdc` action.
    struct ChangeDataFile { var path: String; var size: Int64; var version: Int64 }

    /// The version of the newest `add` of each live file (by decoded path); files from the starting checkpoint are
    /// absent.
    private(set) var addedAt: [String: Int64] = [:]
    /// Change-data files, by storage path (the first commit naming each).
    private(set) var changeData: [String: ChangeDataFile] = [:]
    /// Log paths already reported as unsafe.
    private(set) var unsafe: Set<String> = []

    /// Scans commits `versions` (those present); `live` are the decoded paths of the files live at the target.
    /// Commits that cannot be parsed are reported as `log` problems unless already reported.
    init(storage: Storage, inventory: LogInventory, versions: ClosedRange<Int64>, live: Set<String>,
         report: inout TableCheckReport) {
        for v in versions {
            guard let commit = inventory.commit(v) else { continue }
            let actions: [Action]
            do {
                actions = try LogActions.parse(try wrapStorage { try storage.read(commit.path) }, file: commit.path)
            } catch {
                if !report.problems.contains(where: { $0.kind == .log && $0.path == commit.path }) {
                    report.problems.append(.init(.log, path: commit.path, version: v, "cannot be parsed: \(error)"))
                }
                continue
            }
            report.commitsChecked += 1
            for action in actions {
                switch action {
                case .add(let a):
                    if let path = safePath(a.path, v, commit.path, &report), live.contains(path) { addedAt[path] = v }
                    checkDeletionVector(a.deletionVector, v, commit.path, &report)
                case .remove(let r):
                    _ = safePath(r.path, v, commit.path, &report)
                    checkDeletionVector(r.deletionVector, v, commit.path, &report)
                case .cdc(let c):
                    if let path = safePath(c.path, v, commit.path, &report), changeData[path] == nil {
                        changeData[path] = ChangeDataFile(path: path, size: c.size, version: v)
                    }
                default: break
                }
            }
        }
    }

    /// The storage path of a log path, or nil (reported once) when it is unsafe.
    mutating func safePath(_ logPath: String, _ version: Int64?, _ file: String, _ report: inout TableCheckReport) -> String? {
        do { return try TablePath.resolve(logPath, version: version, file: file) } catch {
            reportUnsafe(logPath, version, file, &report)
            return nil
        }
    }

    /// The storage path of a deletion vector's file (nil for inline vectors and, reported once, unsafe ones).
    @discardableResult
    mutating func checkDeletionVector(_ dv: DeletionVectorDescriptor?, _ version: Int64?, _ file: String,
                                      _ report: inout TableCheckReport) -> String? {
        guard let dv else { return nil }
        do { return try TablePath.deletionVectorFile(dv, version: version, file: file) } catch {
            if case ReplicationError.unsafePath = error {
                reportUnsafe(dv.pathOrInlineDv, version, file, &report)
            } else if !unsafe.contains(dv.pathOrInlineDv) {
                unsafe.insert(dv.pathOrInlineDv)
                report.problems.append(.init(.deletionVector, path: file, version: version, "\(error)"))
            }
            return nil
        }
    }

    private mutating func reportUnsafe(_ logPath: String, _ version: Int64?, _ file: String, _ report: inout TableCheckReport) {
        guard unsafe.insert(logPath).inserted else { return }
        report.problems.append(.init(.unsafePath, path: logPath, version: version,
                                     "named in \(file): absolute or escapes the table root; not followed"))
    }
}
