/// What a copy or a staged write put into the store: its size and the CRC-32C of exactly those bytes, computed
/// while they were written (no second read).
public struct CopyReceipt: Equatable, Sendable {
    /// Bytes written.
    public var size: Int64
    /// CRC-32C of the bytes written.
    public var crc32c: UInt32

    /// Creates a receipt.
    public init(size: Int64, crc32c: UInt32) {
        self.size = size
        self.crc32c = crc32c
    }

    /// The receipt of bytes in memory.
    public init(of bytes: [UInt8]) {
        self.init(size: Int64(bytes.count), crc32c: CRC32C.checksum(bytes))
    }

    /// Reads `path` from `storage` in bounded chunks and returns its size and checksum (for backends that cannot
    /// checksum while writing, and for files written earlier).
    public static func of(_ storage: Storage, _ path: String, chunkSize: Int = 4 << 20) throws -> CopyReceipt {
        let size = try storage.head(path).size
        var crc = CRC32C()
        var offset: Int64 = 0
        while offset < size {
            let length = Int(min(Int64(chunkSize), size - offset))
            crc.update(try storage.readRange(path, offset: offset, length: length))
            offset += Int64(length)
        }
        return CopyReceipt(size: size, crc32c: crc.value)
    }
}
