import Storage

/// The checksum `deltactl verify` compares data files by. Both catch accidental damage (a flipped bit, a truncated or
/// zero-filled block); CRC-32C costs a fraction of SHA-256's time (CPU instructions, several GB/s a core, against
/// about 1.8 GB/s), and SHA-256 also resists a file crafted to collide.
public enum VerificationChecksum: String, CaseIterable, Sendable {
    /// CRC-32C (Castagnoli), as in the lineage record and S3's `x-amz-checksum-crc32c`.
    case crc32c
    /// SHA-256.
    case sha256

    /// The name used in reports.
    public var label: String {
        switch self {
        case .crc32c: return "CRC-32C"
        case .sha256: return "SHA-256"
        }
    }

    /// The checksum of `path` in `storage` (`size` bytes) as lowercase hex, read in bounded chunks.
    public func of(_ storage: Storage, _ path: String, size: Int64) throws -> String {
        switch self {
        case .sha256:
            return try FileHasher.sha256(storage, path, size: size)
        case .crc32c:
            var crc = CRC32C()
            var offset: Int64 = 0
            while offset < size {
                let length = Int(min(Int64(FileHasher.chunkSize), size - offset))
                crc.update(try storage.readRange(path, offset: offset, length: length))
                offset += Int64(length)
            }
            return CRC32C.hex(crc.value)
        }
    }
}
