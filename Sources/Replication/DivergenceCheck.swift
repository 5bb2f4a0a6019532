import DeltaLog
import Storage

/// Refuses a replica whose log differs from the source's: any log file present on both sides must have identical
/// bytes, and the replica must not hold commits newer than the source's latest (as listed by the planner). Reads
/// only; writes nothing.
struct DivergenceCheck {
    let source: Storage
    let target: Storage
    /// Sizes of everything in the target, by path.
    let targetSizes: [String: Int64]

    func run(plan: ReplicationPlan) throws {
        let sourceLog = plan.sourceLogSizes
        for (path, size) in targetSizes.sorted(by: { $0.key < $1.key }) {
            let name = LogPath(path: path)
            guard path.hasPrefix(LogFolders.log), name != .lastCheckpoint, name != .unknown else { continue }
            if let sourceSize = sourceLog[path] {
                if sourceSize != size {
                    throw ReplicationError.diverged(version: name.version?.rawValue, file: path,
                                                    reason: "the replica's file has \(size) bytes, the source's \(sourceSize)")
                }
                let a = try wrapStorage { try source.read(path) }
                let b = try wrapStorage { try target.read(path) }
                if let offset = Self.firstDifference(a, b) {
                    throw ReplicationError.diverged(version: name.version?.rawValue, file: path,
                                                    reason: "its bytes differ from the source's from byte offset \(offset)")
                }
            } else if case .commit(let version) = name, version.rawValue > plan.latestVersion {
                let v = version.rawValue
                throw ReplicationError.diverged(version: v, file: path,
                                                reason: "the replica has version \(v) but the source ends at \(plan.latestVersion)")
            }
        }
    }

    /// The first offset at which two byte arrays differ, nil when equal.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return i }
        return a.count == b.count ? nil : n
    }
}
