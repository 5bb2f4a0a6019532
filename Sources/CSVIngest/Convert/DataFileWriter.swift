import DeltaLog
import Foundation
import Parquet

/// Writes the rows of one partition (at least one column must be a data column) (or of an unpartitioned table) into Parquet files near the target size:
/// typed column builders fill a batch, batches go to an open ``ParquetFileWriter``, and a file is closed (becoming
/// an `add` action with stats) once its written plus buffered bytes reach the target.
final class DataFileWriter {
    let tableRoot: String
    let folder: String
    let partitionValues: [String: String?]
    let dataColumns: [ColumnLayout.Column]
    let options: ConvertOptions
    let fileNamer: () -> String
    var builders: [ColumnBuilder]
    private var writer: ParquetFileWriter?
    private var currentRelativePath: String?
    /// Files finished so far.
    private(set) var adds: [AddFile] = []
    /// Relative paths of every file created (finished or not), for clean-up after a failure.
    private(set) var createdPaths: [String] = []
    /// A batch is handed over once its values reach this size, so that small target sizes still roll files.
    private var batchByteLimit: Int { min(16 << 20, max(4096, options.targetFileSize / 8)) }
    private var batchBytesEstimate: Int { builders.reduce(0) { $0 + $1.approximateBytes } }

    init(tableRoot: String, folder: String, partitionValues: [String: String?], dataColumns: [ColumnLayout.Column],
         options: ConvertOptions, fileNamer: @escaping () -> String) {
        self.tableRoot = tableRoot
        self.folder = folder
        self.partitionValues = partitionValues
        self.dataColumns = dataColumns
        self.options = options
        self.fileNamer = fileNamer
        builders = dataColumns.map { ColumnBuilder(spec: $0.spec) }
    }

    /// Rows in the open batch.
    var batchCount: Int { builders.first?.count ?? 0 }

    /// Called after a row was appended to every builder.
    func rowAppended() throws {
        if batchCount >= options.batchRows || (batchCount & 255 == 0 && batchBytesEstimate >= batchByteLimit) {
            try flushBatch()
        }
    }

    /// Undoes a partly appended row (a value in a later column did not parse).
    func truncate(to n: Int) {
        for i in builders.indices { builders[i].truncate(to: n) }
    }

    /// Hands the batch to the Parquet writer and closes the file when it reached the target size.
    func flushBatch() throws {
        guard batchCount > 0 else { return }
        let w = try openWriter()
        let batch = builders.indices.map { builders[$0].takeBatch() }
        try w.write(batch: batch)
        if w.bytesWritten + Int64(w.bufferedBytes) >= Int64(options.targetFileSize) { try closeFile() }
    }

    /// Flushes the last batch and closes the open file.
    func finish() throws {
        try flushBatch()
        try closeFile()
    }

    private func openWriter() throws -> ParquetFileWriter {
        if let writer { return writer }
        let name = fileNamer()
        let relative = folder.isEmpty ? name : folder + "/" + name
        let absolute = tableRoot + "/" + relative
        if !folder.isEmpty {
            try CSVError.creatingFolder(tableRoot + "/" + folder)
        }
        // Each open partition file buffers one row group: keep them smaller when many partitions may be open.
        let rowGroupCap = folder.isEmpty ? 128 << 20 : 16 << 20
        var parquetOptions = ParquetWriterOptions(codec: options.compression,
                                                  rowGroupSize: min(options.targetFileSize, rowGroupCap))
        parquetOptions.createdBy = "deltactl version 0.1.0"
        let fields = zip(dataColumns, builders).map { column, builder in
            builder.parquetType.node(column.physicalName, nullable: true, fieldId: column.fieldID)
        }
        createdPaths.append(relative)
        let w = try ParquetFileWriter(fields: fields, sink: try FileSink(path: absolute), options: parquetOptions)
        writer = w
        currentRelativePath = relative
        return w
    }

    private func closeFile() throws {
        guard let w = writer, let relative = currentRelativePath else { return }
        writer = nil
        currentRelativePath = nil
        let summary = try w.close()
        let stats = FileStats.json(numRecords: summary.numRows, columns: zip(dataColumns, summary.columns).map {
            ($0.physicalName, $0.spec.type, $1.statistics)
        })
        adds.append(AddFile(path: PartitionPath.uri(relative), partitionValues: partitionValues, size: summary.fileSize,
                            modificationTime: Int64(Date().timeIntervalSince1970 * 1000), dataChange: true,
                            stats: stats))
    }
}
