import Dispatch
import Storage

/// Reads the files of a ``LogSegment`` and replays them into a ``Snapshot``: commits newest first, parsed in
/// parallel in chunks (memory stays bounded by two chunks plus the live file set) while the previous chunk is
/// applied, then the checkpoint.
struct SegmentLoader {
    let storage: Storage
    let parallelism: Int
    static let chunkSize = 512

    func load(_ segment: LogSegment, listing: LogListing) throws -> Snapshot {
        let commitBytes = segment.commits.reduce(Int64(0)) { $0 + $1.size }
        var replay = LogReplay(expectedFileActions: Int(min(commitBytes / 300, 50_000_000)))
        // Newest chunk first; the first is small so that applying starts early.
        var chunks: [Range<Int>] = []
        var upper = segment.commits.count
        while upper > 0 {
            let lower = max(0, upper - (chunks.isEmpty ? Self.chunkSize / 8 : Self.chunkSize))
            chunks.append(lower..<upper)
            upper = lower
        }
        // commitInfo lines are checked but not kept: only the newest one matters, read below when needed.
        if parallelism <= 1 || chunks.count < 2 {
            for range in chunks {
                for actions in try parseFiles(Array(segment.commits[range]), commitInfo: .validateOnly).reversed() {
                    replay.apply(actions)
                }
            }
        } else {
            // Pipelined: chunk k+1 is read and parsed on the workers while chunk k is applied here.
            var next: ParsedChunk? = ParsedChunk(start: Array(segment.commits[chunks[0]]), loader: self)
            for k in chunks.indices {
                let current = next!
                current.done.wait()
                next = k + 1 < chunks.count ? ParsedChunk(start: Array(segment.commits[chunks[k + 1]]), loader: self) : nil
                let parsed: [[Action]]
                do { parsed = try current.result.get() } catch {
                    next?.done.wait()
                    throw error
                }
                for actions in parsed.reversed() { replay.apply(actions) }
            }
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
           let ict = try commitInfo(of: newest)?["inCommitTimestamp"]?.int64Value {
            return ict
        }
        if let last = segment.commits.last { return last.modifiedMillis }
        if let c = listing.commits[segment.version] { return c.modifiedMillis }
        return segment.checkpoint?.files.first?.modifiedMillis ?? 0
    }

    /// One chunk of commit files being read and parsed in the background; `done` is signalled when `result` is set.
    final class ParsedChunk: @unchecked Sendable {
        var result: Result<[[Action]], Error> = .success([])
        let done = DispatchSemaphore(value: 0)

        init(start files: [LogFile], loader: SegmentLoader) {
            DispatchQueue.global().async {
                self.result = Result { try loader.parseFiles(files, commitInfo: .validateOnly) }
                self.done.signal()
            }
        }
    }

    /// The commitInfo of a commit file, if it has one.
    func commitInfo(of file: LogFile) throws -> JSONValue? {
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
