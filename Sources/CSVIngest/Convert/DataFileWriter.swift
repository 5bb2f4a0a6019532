import Parquet

/// The parsing side of one partition's output (or of an unpartitioned table): typed column builders fill a batch,
/// and each full batch is handed to the partition's ``DataFileSequence`` through the ``EncodeQueue``, which encodes
/// it on the other thread while the next batch is parsed.
final class DataFileWriter {
    /// Where the partition's files go (touched only by jobs on the queue).
    let files: DataFileSequence
    let options: ConvertOptions
    var builders: [ColumnBuilder]
    private let queue: EncodeQueue
    /// A batch is handed over once its values reach this size, so that small target sizes still roll files.
    var batchByteLimit: Int { Self.batchByteLimit(options) }
    /// Encoded-size estimate of the open batch.
    var batchBytesEstimate: Int { builders.reduce(0) { $0 + $1.approximateBytes } }

    /// The batch byte limit for `options`.
    static func batchByteLimit(_ options: ConvertOptions) -> Int { min(16 << 20, max(4096, options.targetFileSize / 8)) }

    init(files: DataFileSequence, options: ConvertOptions, queue: EncodeQueue) {
        self.files = files
        self.options = options
        self.queue = queue
        builders = files.dataColumns.map { ColumnBuilder(spec: $0.spec) }
    }

    /// The partition folder, relative to the table root ("" when unpartitioned).
    var folder: String { files.folder }

    /// Rows in the open batch.
    var batchCount: Int { builders.first?.count ?? 0 }

    /// Called after rows were appended to every builder: hands the batch over once it is full.
    func rowsAppended() throws {
        if batchCount >= options.batchRows || batchBytesEstimate >= batchByteLimit { try flushBatch() }
    }

    /// Removes rows at `positions` (ascending) from every builder (their values did not all parse).
    func removeRows(_ positions: [Int]) {
        for i in builders.indices { builders[i].removeRows(positions) }
    }

    /// Hands the open batch to the queue (the file side writes it and rolls files at the target size).
    func flushBatch() throws {
        guard batchCount > 0 else { return }
        let batch = builders.indices.map { builders[$0].takeBatch() }
        let files = self.files
        try queue.submit { try files.write(batch) }
    }

    /// Hands over the last batch and the closing of the open file.
    func finish() throws {
        try flushBatch()
        let files = self.files
        try queue.submit { try files.close() }
    }
}
