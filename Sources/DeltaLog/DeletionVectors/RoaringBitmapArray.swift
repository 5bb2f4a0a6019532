import Parquet

/// Decodes the `RoaringBitmapArray` serialization of deleted row indexes (PROTOCOL.md: Deletion Vector Format):
/// a little-endian magic 1681511377, an int64 bucket count, then per bucket a uint32 key (the high 32 bits) and a
/// standard portable 32-bit Roaring bitmap (RoaringFormatSpec) of the low 32 bits.
public enum RoaringBitmapArray {
    /// The magic number of the portable format.
    public static let magic: UInt32 = 1_681_511_377

    /// The deleted row indexes in ascending order. Throws `DeltaError.invalidDeletionVector` naming `file` with
    /// the byte offset of the problem.
    /// `limit` bounds the number of indexes (the descriptor's cardinality) so a corrupt file cannot exhaust memory.
    public static func decode(_ bytes: [UInt8], file: String, limit: Int64 = Int64(Int32.max)) throws -> [Int64] {
        do {
            return try bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw)
                let m: UInt32 = try r.readLittleEndian()
                guard m == magic else {
                    throw DeltaError.invalidDeletionVector(file: file, reason: "bad magic \(m) (expected \(magic))")
                }
                let buckets: UInt64 = try r.readLittleEndian()
                guard buckets <= UInt64(raw.count) else {
                    throw DeltaError.invalidDeletionVector(file: file, reason: "bucket count \(buckets) exceeds the data")
                }
                var out: [Int64] = []
                for _ in 0..<buckets {
                    let high: UInt32 = try r.readLittleEndian()
                    try decodeRoaring32(&r, high: Int64(high) << 32, into: &out, file: file, limit: limit)
                }
                // A corrupt bitmap (keys or values out of order, repeated containers) would delete the wrong rows.
                for i in out.indices.dropFirst() where out[i] <= out[i - 1] {
                    throw DeltaError.invalidDeletionVector(
                        file: file, reason: "row indexes not strictly ascending (\(out[i - 1]) then \(out[i])): corrupt bitmap")
                }
                return out
            }
        } catch let e as DeltaError {
            throw e
        } catch {
            throw DeltaError.invalidDeletionVector(file: file, reason: "\(error)")
        }
    }

    private static func decodeRoaring32(_ r: inout ByteReader, high: Int64, into out: inout [Int64], file: String,
                                        limit: Int64) throws {
        let cookie: UInt32 = try r.readLittleEndian()
        var size: Int
        var runBitmap: [UInt8] = []
        let hasRuns = cookie & 0xFFFF == 12347
        if hasRuns {
            size = Int(cookie >> 16) + 1
            runBitmap = try r.readBytes((size + 7) / 8)
        } else if cookie == 12346 {
            let s: UInt32 = try r.readLittleEndian()
            size = Int(s)
        } else {
            throw DeltaError.invalidDeletionVector(file: file, reason: "bad Roaring cookie \(cookie) at byte \(r.position - 4)")
        }
        guard size <= 65536 else { throw DeltaError.invalidDeletionVector(file: file, reason: "\(size) containers") }
        var keys: [UInt16] = [], cards: [Int] = []
        for _ in 0..<size {
            let k: UInt16 = try r.readLittleEndian()
            let c: UInt16 = try r.readLittleEndian()
            keys.append(k); cards.append(Int(c) + 1)
        }
        if !hasRuns || size >= 4 { try r.skip(4 * size) }  // offset header
        for i in 0..<size {
            let base = high | Int64(keys[i]) << 16
            guard Int64(out.count) + Int64(cards[i]) <= limit else {
                throw DeltaError.invalidDeletionVector(file: file, reason: "more deleted rows than the descriptor's cardinality \(limit)")
            }
            let isRun = hasRuns && (runBitmap[i / 8] >> (i % 8)) & 1 == 1
            if isRun {
                let runs: UInt16 = try r.readLittleEndian()
                for _ in 0..<runs {
                    let start: UInt16 = try r.readLittleEndian()
                    let len: UInt16 = try r.readLittleEndian()
                    let s = Int64(start)
                    guard s + Int64(len) <= 65535, Int64(out.count) + Int64(len) < limit else {
                        throw DeltaError.invalidDeletionVector(file: file, reason: "run exceeds its container or the cardinality")
                    }
                    for v in s...(s + Int64(len)) { out.append(base | v) }
                }
            } else if cards[i] <= 4096 {
                for _ in 0..<cards[i] {
                    let v: UInt16 = try r.readLittleEndian()
                    out.append(base | Int64(v))
                }
            } else {
                let before = out.count
                for w in 0..<1024 {
                    var word: UInt64 = try r.readLittleEndian()
                    while word != 0 {
                        let bit = word.trailingZeroBitCount
                        out.append(base | Int64(w * 64 + bit))
                        word &= word - 1
                    }
                }
                guard out.count - before == cards[i] else {
                    throw DeltaError.invalidDeletionVector(
                        file: file, reason: "bitmap container holds \(out.count - before) rows, its header says \(cards[i])")
                }
            }
        }
    }
}
