/// Decoders of DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (incremental prefix/suffix) byte values.
public enum DeltaByteArrayDecoder {
    /// Decodes `expected` DELTA_LENGTH_BYTE_ARRAY values, appending to `out`. Returns the bytes consumed.
    @discardableResult
    public static func decodeLengths(_ buffer: UnsafeRawBufferPointer, expected: Int, into out: inout ByteArrayColumn,
                                     baseOffset: Int = 0) throws -> Int {
        let (lengths, consumed) = try DeltaBinaryPackedDecoder.decode(buffer, limit: expected, baseOffset: baseOffset)
        guard lengths.count >= expected else {
            throw ParquetError.outOfSpec(reason: "DELTA_LENGTH_BYTE_ARRAY holds \(lengths.count) values, page needs \(expected)",
                                         byteOffset: baseOffset)
        }
        var pos = consumed
        out.reserve(values: expected, bytes: buffer.count - consumed)
        for i in 0..<expected {
            let len = lengths[i]
            guard len >= 0, len <= Int64(buffer.count - pos) else {
                throw ParquetError.truncated(needed: Int(clamping: len), available: buffer.count - pos,
                                             byteOffset: baseOffset + pos)
            }
            out.append(UnsafeRawBufferPointer(rebasing: buffer[pos..<pos + Int(len)]))
            pos += Int(len)
        }
        return pos
    }

    /// Decodes `expected` DELTA_BYTE_ARRAY values, appending to `out`. Returns the bytes consumed.
    @discardableResult
    public static func decode(_ buffer: UnsafeRawBufferPointer, expected: Int, into out: inout ByteArrayColumn,
                              baseOffset: Int = 0) throws -> Int {
        let (prefixes, consumed) = try DeltaBinaryPackedDecoder.decode(buffer, limit: expected, baseOffset: baseOffset)
        guard prefixes.count >= expected else {
            throw ParquetError.outOfSpec(reason: "DELTA_BYTE_ARRAY holds \(prefixes.count) prefixes, page needs \(expected)",
                                         byteOffset: baseOffset)
        }
        var suffixes = ByteArrayColumn()
        let rest = UnsafeRawBufferPointer(rebasing: buffer[consumed...])
        let used = try decodeLengths(rest, expected: expected, into: &suffixes, baseOffset: baseOffset + consumed)
        var previous: [UInt8] = []
        out.reserve(values: expected, bytes: suffixes.data.count)
        for i in 0..<expected {
            let p = prefixes[i]
            guard p >= 0, p <= Int64(previous.count) else {
                throw ParquetError.outOfSpec(reason: "DELTA_BYTE_ARRAY prefix \(p) longer than the previous value",
                                             byteOffset: baseOffset)
            }
            previous.removeSubrange(Int(p)...)
            previous.append(contentsOf: suffixes[i])
            out.append(previous)
        }
        return consumed + used
    }
}
