import DeltaLog
import Foundation
import Parquet

/// The files of one partition (or of an unpartitioned table): batches go to an open ``ParquetFileWriter``, and a
/// file is closed (becoming an `add` action with stats) once its written plus buffered bytes reach the target
/// size. Used from one thread at a time (the ``EncodeQueue``'s); read ``adds`` and ``createdPaths`` only after the
/// queue finished.
final class DataFileSequence {
    let tableRoot: String
    let folder: String
    let partitionValues: [String: String?]
    let dataColumns: [ColumnLayout.Column]
    let options: ConvertOptions
    let fileNamer: () -> String
    private var writer: ParquetFileWriter?
    private var currentRelativePath: String?
    /// Files finished so far.
    private(set) var adds: [AddFile] = []
    /// Relative paths of every file created (finished or not), for clean-up after a failure.
    private(set) var createdPaths: [String] = []

    init(tableRoot: String, folder: String, partitionValues: [String: String?], dataColumns: [ColumnLayout.Column],
         options: ConvertOptions, fileNamer: @escaping () -> String) {
        self.tableRoot = tableRoot
        self.folder = folder
        self.partitionValues = partitionValues
        self.dataColumns = dataColumns
        self.options = options
        self.fileNamer = fileNamer
    }

    /// Writes one batch (one ``ColumnBatch`` per data column) and closes the file when it reached the target size.
    func write(_ batch: [ColumnBatch]) throws {
        let w = try openWriter()
        try w.write(batch: batch)
        if w.bytesWritten + Int64(w.bufferedBytes) >= Int64(options.targetFileSize) { try close() }
    }

    /// Closes the open file (if any), recording its `add` action.
    func close() throws {
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
        let fields = dataColumns.map { column in
            ColumnBuilder.parquetType(of: column.spec).node(column.physicalName, nullable: true, fieldId: column.fieldID)
        }
        createdPaths.append(relative)
        let w = try ParquetFileWriter(fields: fields, sink: try FileSink(path: absolute), options: parquetOptions)
        writer = w
        currentRelativePath = relative
        return w
    }
}
