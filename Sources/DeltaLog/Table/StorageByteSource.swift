import Parquet
import Storage

/// A Parquet byte source over one object of a ``Storage`` root: ranged reads, so that opening a file for its
/// footer reads only the tail.
struct StorageByteSource: ParquetByteSource {
    let storage: Storage
    let path: String
    let size: Int

    func read(offset: Int, length: Int) throws -> [UInt8] {
        try storage.readRange(path, offset: Int64(offset), length: length)
    }
}
