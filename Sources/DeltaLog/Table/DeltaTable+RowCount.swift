import Parquet
import Storage

extension DeltaTable {
    /// The snapshot's live row count: each file's `numRecords` statistic, or its Parquet footer's row count when
    /// the statistic is missing, minus the rows its deletion vector removes (PROTOCOL.md: Per-file Statistics,
    /// Deletion Vectors). Throws `DeltaError.dataFile` when a footer is needed but unreadable.
    public func numRecords(_ snapshot: Snapshot) throws -> Int64 {
        var total: Int64 = 0
        let files = snapshot.activeFiles
        for i in files.indices {
            let rows: Int64
            if let n = files[i].numRecordsFromStats {
                rows = n
            } else {
                let f = files[i]
                let rel = try DataFilePath(uri: f.path).relativePath(version: snapshot.version)
                do {
                    rows = try dataFileFooter(rel, size: f.size).numRows
                } catch {
                    throw DeltaError.dataFile(path: rel, reason: "cannot read the Parquet footer for a row count (\(error))")
                }
            }
            total += rows - (files[i].deletionVector?.cardinality ?? 0)
        }
        return total
    }

    /// Opens the Parquet data file at `path` (table-relative, decoded) whose size is `size`, reading only its footer
    /// (ranged reads of the file's tail). Throws ``ParquetError`` (with the path) for a damaged footer and the
    /// storage's error for an unreadable file.
    public func dataFileFooter(_ path: String, size: Int64) throws -> ParquetFileReader {
        try ParquetFileReader(source: StorageByteSource(storage: storage, path: path, size: Int(size)), path: path)
    }
}
