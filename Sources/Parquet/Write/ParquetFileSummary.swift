/// Statistics of one leaf column over a whole written file.
public struct ParquetColumnSummary: Sendable {
    /// The column (path, types, levels).
    public var column: ColumnDescriptor
    /// Null count, value count, min and max over all row groups.
    public var statistics: ColumnStatistics
}

/// What ``ParquetFileWriter/close()`` reports: enough for a Delta `add` action and its `stats`.
public struct ParquetFileSummary: Sendable {
    /// Number of rows (records) in the file (Delta `numRecords`).
    public var numRows: Int64
    /// Size of the file in bytes (Delta `size`).
    public var fileSize: Int64
    /// Number of row groups written.
    public var rowGroupCount: Int
    /// Per-leaf-column statistics, in schema column order.
    public var columns: [ParquetColumnSummary]
    /// The footer as written.
    public var metadata: FileMetaData

    /// The summary of the column at `path` (e.g. `["add", "size"]`), if any.
    public func column(_ path: [String]) -> ParquetColumnSummary? { columns.first { $0.column.path == path } }
}
