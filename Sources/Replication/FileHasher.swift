import Crypto
import Storage

/// Checksums and comparisons of stored objects, read in bounded chunks (memory stays at one chunk per thread).
public enum FileHasher {
    /// Chunk size for streaming reads.
    public static let chunkSize = 4 << 20

    /// The lowercase hex SHA-256 of `path` in `storage`, whose size is `size`.
    public static func sha256(_ storage: Storage, _ path: String, size: Int64) throws -> String {
        var hasher = SHA256()
        var offset: Int64 = 0
        while offset < size {
            let length = Int(min(Int64(chunkSize), size - offset))
            let chunk = try storage.readRange(path, offset: offset, length: length)
            hasher.update(data: chunk)
            offset += Int64(length)
        }
        return hex(hasher.finalize())
    }

    /// Compares `path` in two stores chunk by chunk (both `size` bytes); returns the CRC-32C of the content when
    /// it is identical, nil when it differs or either side is not `size` bytes long.
    public static func sameContent(_ a: Storage, _ b: Storage, _ path: String, size: Int64) throws -> UInt32? {
        var crc = CRC32C()
        var offset: Int64 = 0
        while offset < size {
            let length = Int(min(Int64(chunkSize), size - offset))
            let x = try a.readRange(path, offset: offset, length: length)
            let y: [UInt8]
            do { y = try b.readRange(path, offset: offset, length: length) } catch StorageError.outOfRange { return nil }
            guard x == y else { return nil }
            crc.update(x)
            offset += Int64(length)
        }
        return try b.head(path).size == size ? crc.value : nil
    }

    /// The lowercase hex SHA-256 of bytes in memory.
    public static func sha256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
