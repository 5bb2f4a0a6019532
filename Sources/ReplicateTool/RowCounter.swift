#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import DeltaLog

/// Counts a snapshot's live rows for `info`: statistics where present, Parquet footers otherwise. A table whose
/// data files are missing still gets its other facts printed, with the count unknown (nil) and a warning.
enum RowCounter {
    static func numRecords(_ snap: Snapshot, table: DeltaTable) -> Int64? {
        do { return try table.numRecords(snap) } catch {
            FileHandleStderr.write("warning: numRecords unknown: \(error)\n")
            return nil
        }
    }
}

/// Minimal stderr writer (no Foundation).
enum FileHandleStderr {
    static func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = fwrite(buf.baseAddress, 1, buf.count, stderr) }
    }
}
