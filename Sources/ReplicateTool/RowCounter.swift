import DeltaLog

/// Counts a snapshot's live rows: from statistics where present; files without a `numRecords` statistic need
/// their Parquet footers, which this build cannot read yet, so the count is then unknown (nil).
enum RowCounter {
    static func numRecords(_ snap: Snapshot, table: DeltaTable) throws -> Int64? {
        snap.numRecordsFromStats
    }
}
