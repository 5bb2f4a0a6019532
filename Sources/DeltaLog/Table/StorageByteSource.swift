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

/// A Parquet byte source over a read-only mapping of a local file: reads lend the mapped bytes, no copy.
struct MappedByteSource: ParquetByteSource {
    let file: MappedFile

    var size: Int { file.count }

    func read(offset: Int, length: Int) throws -> [UInt8] {
        try withBytes(offset: offset, length: length) { Array($0) }
    }

    func withBytes<R>(offset: Int, length: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard offset >= 0, length >= 0, offset <= file.count - length else {
            throw ParquetError.truncated(needed: length, available: max(0, file.count - max(offset, 0)), byteOffset: offset)
        }
        return try file.withBytes { try body(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + length])) }
    }
}
