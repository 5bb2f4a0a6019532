import Storage

/// Loads the deleted row indexes of a deletion vector (PROTOCOL.md: Deletion Vectors, Deletion Vector File
/// Storage Format): inline (`i`, Z85 bytes), relative (`u`, `<prefix><Z85 UUID>` naming
/// `<prefix>/deletion_vector_<uuid>.bin` under the table root) or absolute (`p`, refused as unsafe for a
/// table-rooted storage unless it resolves inside the root). A DV file is a version byte (1) followed by DVs;
/// at `offset` a DV is a big-endian int32 size, the bitmap, and a big-endian CRC-32 of the bitmap.
public struct DeletionVectorLoader {
    /// The table's storage root.
    public let storage: Storage

    /// Creates a loader for the table at `storage`.
    public init(storage: Storage) { self.storage = storage }

    /// The table-relative path of a `u` descriptor's file.
    public static func relativePath(of dv: DeletionVectorDescriptor) throws -> String {
        let text = dv.pathOrInlineDv
        guard text.utf8.count >= 20 else {
            throw DeltaError.invalidDeletionVector(file: text, reason: "relative DV path shorter than its 20-character UUID")
        }
        let prefix = String(text.dropLast(20))
        guard let uuidBytes = Z85.decode(String(text.suffix(20))), uuidBytes.count == 16 else {
            throw DeltaError.invalidDeletionVector(file: text, reason: "the UUID is not valid Z85")
        }
        let hex = uuidBytes.map { b -> String in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        let h = Array(hex)
        let uuid = String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
        let name = "deletion_vector_" + uuid + ".bin"
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// The deleted row indexes, ascending.
    public func deletedRows(_ dv: DeletionVectorDescriptor) throws -> [Int64] {
        switch dv.storageType {
        case "i":
            guard let bytes = Z85.decode(dv.pathOrInlineDv), bytes.count >= Int(dv.sizeInBytes), dv.sizeInBytes >= 0 else {
                throw DeltaError.invalidDeletionVector(file: "inline", reason: "inline DV is not valid Z85 of \(dv.sizeInBytes) bytes")
            }
            return try check(RoaringBitmapArray.decode(Array(bytes.prefix(Int(dv.sizeInBytes))), file: "inline", limit: dv.cardinality), dv, "inline")
        case "u":
            return try fromFile(try Self.relativePath(of: dv), dv)
        case "p":
            let path = DataFilePath(uri: dv.pathOrInlineDv)
            let root = storage.rootURI.hasSuffix("/") ? storage.rootURI : storage.rootURI + "/"
            let full = path.uri.hasPrefix("file:") ? path.decoded.replacingFilePrefix : path.decoded
            let rootPath = root.replacingFilePrefix
            guard full.hasPrefix(rootPath) else { throw DeltaError.unsafePath(path: dv.pathOrInlineDv, version: nil) }
            let rel = try DataFilePath(uri: String(full.dropFirst(rootPath.count))).relativePath()
            return try fromFile(rel, dv)
        default:
            throw DeltaError.invalidDeletionVector(file: dv.pathOrInlineDv, reason: "unknown storageType '\(dv.storageType)'")
        }
    }

    private func fromFile(_ path: String, _ dv: DeletionVectorDescriptor) throws -> [Int64] {
        let offset = Int64(dv.offset ?? 1)
        let size = Int(dv.sizeInBytes)
        guard size >= 0, offset >= 0 else { throw DeltaError.invalidDeletionVector(file: path, reason: "negative offset or size") }
        let bytes: [UInt8]
        do { bytes = try storage.readRange(path, offset: offset, length: 4 + size + 4) } catch {
            throw DeltaError.invalidDeletionVector(file: path, reason: "unreadable at offset \(offset) (\(error))")
        }
        let declared = Int(UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]))
        guard declared == size else {
            throw DeltaError.invalidDeletionVector(file: path, reason: "size \(declared) at offset \(offset) differs from the descriptor's \(size)")
        }
        let bitmap = Array(bytes[4..<(4 + size)])
        let crc = UInt32(bytes[4 + size]) << 24 | UInt32(bytes[5 + size]) << 16 | UInt32(bytes[6 + size]) << 8 | UInt32(bytes[7 + size])
        guard CRC32.checksum(bitmap) == crc else {
            throw DeltaError.invalidDeletionVector(file: path, reason: "CRC-32 mismatch at offset \(offset)")
        }
        return try check(RoaringBitmapArray.decode(bitmap, file: path, limit: dv.cardinality), dv, path)
    }

    private func check(_ rows: [Int64], _ dv: DeletionVectorDescriptor, _ file: String) throws -> [Int64] {
        guard Int64(rows.count) == dv.cardinality else {
            throw DeltaError.invalidDeletionVector(file: file, reason: "holds \(rows.count) rows, the descriptor says \(dv.cardinality)")
        }
        return rows
    }
}

extension String {
    fileprivate var replacingFilePrefix: String {
        var s = Substring(self)
        if s.hasPrefix("file://") { s = s.dropFirst(7) } else if s.hasPrefix("file:") { s = s.dropFirst(5) }
        while s.hasPrefix("//") { s = s.dropFirst() }
        return String(s)
    }
}

/// CRC-32 (IEEE 802.3, as java.util.zip.CRC32).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
