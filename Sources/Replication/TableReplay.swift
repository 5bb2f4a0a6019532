import DeltaLog

/// The state of a table at one version, as far as replication and verification compare it.
public struct VersionState: Equatable, Sendable {
    /// The version.
    public var version: Int64
    /// The protocol in force.
    public var protocolAction: ProtocolAction?
    /// The metadata in force.
    public var metadata: Metadata?
    /// Number of live logical files.
    public var fileCount: Int
    /// Rows of the snapshot (sum of `numRecords` minus deletion-vector cardinalities), nil when a live file has no stats.
    public var numRecords: Int64?
}

/// Replays file actions to follow the live set version by version (PROTOCOL.md: Action Reconciliation):
/// a logical file is keyed by path and deletion-vector id; within a commit removes apply before adds. Pure.
public struct TableReplay: Sendable {
    private struct Live { var path: String; var dv: DeletionVectorDescriptor?; var records: Int64?; var deleted: Int64 }
    private var live: [String: Live] = [:]
    private var recordsTotal: Int64 = 0
    private var unknownStats = 0
    /// The protocol in force.
    public private(set) var protocolAction: ProtocolAction?
    /// The metadata in force.
    public private(set) var metadata: Metadata?

    /// Creates an empty replay.
    public init() {}

    /// Applies the actions of one commit (or of a checkpoint).
    public mutating func apply(_ actions: [Action]) {
        for action in actions {
            switch action {
            case .remove(let r): remove(key(r.path, r.deletionVector))
            case .protocol(let p): protocolAction = p
            case .metaData(let m): metadata = m
            default: break
            }
        }
        for case .add(let a) in actions {
            let k = key(a.path, a.deletionVector)
            remove(k)
            let entry = Live(path: a.path, dv: a.deletionVector, records: a.stats.flatMap(Self.numRecords), deleted: a.deletionVector?.cardinality ?? 0)
            live[k] = entry
            if let r = entry.records { recordsTotal += r - entry.deleted } else { unknownStats += 1 }
        }
    }

    /// The live logical files: their log paths and deletion vectors.
    public var liveFiles: [(path: String, deletionVector: DeletionVectorDescriptor?)] {
        live.values.map { ($0.path, $0.dv) }
    }

    /// The state after the actions applied so far, labelled `version`.
    public func state(version: Int64) -> VersionState {
        VersionState(version: version, protocolAction: protocolAction, metadata: metadata, fileCount: live.count,
                     numRecords: unknownStats == 0 ? recordsTotal : nil)
    }

    private mutating func remove(_ k: String) {
        guard let old = live.removeValue(forKey: k) else { return }
        if let r = old.records { recordsTotal -= r - old.deleted } else { unknownStats -= 1 }
    }

    private func key(_ path: String, _ dv: DeletionVectorDescriptor?) -> String {
        guard let dv else { return path }
        return path + "\u{0}" + dv.uniqueID
    }

    /// Extracts `numRecords` from a stats JSON string without a full parse.
    static func numRecords(_ stats: String) -> Int64? {
        let u = Array(stats.utf8)
        let key = Array("\"numRecords\"".utf8)
        guard u.count > key.count else { return nil }
        var i = 0
        while i + key.count <= u.count {
            if u[i] == 34 && Array(u[i..<(i + key.count)]) == key {
                var j = i + key.count
                while j < u.count && (u[j] == 32 || u[j] == 58) { j += 1 }
                var value: Int64 = 0
                var digits = 0
                while j < u.count, u[j] >= 48, u[j] <= 57 {
                    value = value &* 10 &+ Int64(u[j] - 48); j += 1; digits += 1
                }
                return digits > 0 ? value : nil
            }
            i += 1
        }
        return nil
    }
}
