/// Log replay as a pure function of actions (PROTOCOL.md: Action Reconciliation). Feed the segment's files
/// newest first (the newest commit, then older commits, then the checkpoint last); the first action seen for a
/// key wins:
/// - `add`/`remove` are keyed by (path, deletion vector unique id): the first seen decides whether the file is
///   active (add) or a tombstone (remove);
/// - `txn` per appId, `domainMetadata` per domain (a `removed` one hides the domain), and the newest `protocol`
///   and `metaData` win.
/// Memory stays proportional to the live file set plus the keys seen in commits after the checkpoint.
public struct LogReplay: Sendable {
    struct FileKey: Hashable, Sendable {
        var path: String
        var dv: String?
    }

    private var seen: Set<FileKey> = []
    /// Active files, in the order met (newest commit first).
    public private(set) var activeFiles: [AddFile] = []
    /// Tombstones (removes not superseded by a newer add).
    public private(set) var tombstones: [RemoveFile] = []
    /// The newest protocol.
    public private(set) var protocolAction: ProtocolAction?
    /// The newest metadata.
    public private(set) var metadata: Metadata?
    /// The newest txn per appId.
    public private(set) var transactions: [String: TransactionAction] = [:]
    private var domainsSeen: [String: DomainMetadata] = [:]

    /// An empty replay; `expectedFileActions` (e.g. commit bytes / 300) pre-sizes the key set.
    public init(expectedFileActions: Int = 0) {
        if expectedFileActions > 0 {
            seen.reserveCapacity(expectedFileActions)
            activeFiles.reserveCapacity(expectedFileActions)
        }
    }

    /// The domain metadata in effect (removed domains excluded).
    public var domainMetadata: [String: DomainMetadata] { domainsSeen.filter { !$0.value.removed } }

    /// Applies the actions of one file. Files must come newest first; `isCheckpoint` marks the last (oldest) ones,
    /// whose keys need not be remembered.
    public mutating func apply(_ actions: [Action], isCheckpoint: Bool = false) {
        for action in actions {
            switch action {
            case .add(let add):
                let key = FileKey(path: add.path, dv: add.deletionVector?.uniqueID)
                if isCheckpoint {
                    if seen.isEmpty || !seen.contains(key) { activeFiles.append(add) }
                } else if seen.insert(key).inserted {
                    activeFiles.append(add)
                }
            case .remove(let remove):
                let key = FileKey(path: remove.path, dv: remove.deletionVector?.uniqueID)
                if isCheckpoint {
                    if seen.isEmpty || !seen.contains(key) { tombstones.append(remove) }
                } else if seen.insert(key).inserted {
                    tombstones.append(remove)
                }
            case .protocol(let p): if protocolAction == nil { protocolAction = p }
            case .metaData(let m): if metadata == nil { metadata = m }
            case .txn(let t): if transactions[t.appId] == nil { transactions[t.appId] = t }
            case .domainMetadata(let d): if domainsSeen[d.domain] == nil { domainsSeen[d.domain] = d }
            case .cdc, .commitInfo, .checkpointMetadata, .sidecar, .unknown: break
            }
        }
    }

    /// Applies one checkpoint file (after every commit of the segment). When no commit after the checkpoint
    /// touched a file (no keys seen), its adds become active as they are: the array is taken over, not copied
    /// file by file.
    mutating func applyCheckpoint(_ batch: consuming CheckpointBatch) {
        apply(batch.others, isCheckpoint: true)
        if seen.isEmpty {
            if activeFiles.isEmpty {
                activeFiles = batch.adds
            } else {
                activeFiles.append(contentsOf: batch.adds)
            }
            return
        }
        let adds = batch.adds
        for i in adds.indices where !seen.contains(FileKey(path: adds[i].path, dv: adds[i].deletionVector?.uniqueID)) {
            activeFiles.append(adds[i])
        }
    }
}
