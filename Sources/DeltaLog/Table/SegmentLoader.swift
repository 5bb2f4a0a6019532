import Dispatch
import Storage

/// Reads the files of a ``LogSegment`` and replays them into a ``Snapshot``: commits newest first, parsed in
/// parallel in chunks (memory stays bounded by the chunk plus the live file set), then the checkpoint.
struct SegmentLoader {
    let storage: Storage
    let parallelism: Int
    static let chunkSize = 512

    func load(_ segment: LogSegment, listing: LogListing) throws -> Snapshot {
        let commitBytes = segment.commits.reduce(Int64(0)) { $0 + $1.size }
        var replay = LogReplay(expectedFileActions: Int(min(commitBytes / 300, 50_000_000)))
        var index = segment.commits.count
        while index > 0 {
            let lower = max(0, index - Self.chunkSize)
            let chunk = Array(segment.commits[lower..<index])
            // commitInfo lines are checked but not kept: only the newest one matters, read below when needed.
            let parsed = try parseFiles(chunk, commitInfo: .validateOnly)
            for actions in parsed.reversed() {
                replay.apply(actions)
            }
            index = lower
        }
        if let cp = segment.checkpoint {
            try CheckpointActions(storage: storage).forEachBatch(of: cp) { replay.applyCheckpoint($0) }
        }
        let timestamp = try commitTimestamp(segment, listing: listing, replay: replay)
        return try Snapshot(segment: segment, replay: replay, timestamp: timestamp)
    }

    /// The snapshot's timestamp: the in-commit timestamp when enabled, else the commit file's modification time.
    private func commitTimestamp(_ segment: LogSegment, listing: LogListing, replay: LogReplay) throws -> Int64 {
        let ictOn = replay.metadata?.configuration["delta.enableInCommitTimestamps"]?.lowercased() == "true"
        if ictOn, let newest = segment.commits.last,
           let ict = try newestCommitInfo(newest)?["inCommitTimestamp"]?.int64Value {
            return ict
        }
        if let last = segment.commits.last { return last.modifiedMillis }
        if let c = listing.commits[segment.version] { return c.modifiedMillis }
        return segment.checkpoint?.files.first?.modifiedMillis ?? 0
    }

    /// The commitInfo of a commit file, if it has one.
    func newestCommitInfo(_ file: LogFile) throws -> JSONValue? {
        try parseFile(file).lazy.compactMap { a -> JSONValue? in
            if case .commitInfo(let c) = a { return c }
            return nil
        }.first
    }

    /// Reads and parses files, in parallel when there are several; results in input order.
    func parseFiles(_ files: [LogFile], commitInfo: CommitFileParser.CommitInfoHandling = .parse) throws -> [[Action]] {
        if parallelism <= 1 || files.count < 4 {
            return try files.map { try parseFile($0, commitInfo: commitInfo) }
        }
        let results = ParallelResults<[Action]>(count: files.count)
        let workers = min(parallelism, files.count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < files.count {
                results.set(i, Result { try parseFile(files[i], commitInfo: commitInfo) })
                i += workers
            }
        }
        return try (0..<files.count).map { try results.value($0) }
    }

    func parseFile(_ file: LogFile, commitInfo: CommitFileParser.CommitInfoHandling = .parse) throws -> [Action] {
        let bytes: [UInt8]
        do { bytes = try storage.read(file.path) } catch {
            throw DeltaError.malformedLog(file: file.path, line: nil, byteOffset: nil,
                                          reason: "listed but unreadable (\(error))")
        }
        return try CommitFileParser.parse(bytes, file: file.path, commitInfo: commitInfo)
    }
}
