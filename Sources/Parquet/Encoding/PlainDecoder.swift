/// Decoder of the PLAIN encoding for every physical type.
public enum PlainDecoder {
    /// Decodes `count` PLAIN values of `values.physicalType` from the start of `buffer`, appending them to `values`.
    /// Returns the number of bytes consumed. `typeLength` is the FIXED_LEN_BYTE_ARRAY width.
    @discardableResult
    public static func decode(_ buffer: UnsafeRawBufferPointer, count: Int, typeLength: Int = 0,
                              into values: inout ColumnValues, baseOffset: Int = 0) throws -> Int {
        func need(_ bytes: Int) throws {
            guard bytes <= buffer.count else {
                throw ParquetError.truncated(needed: bytes, available: buffer.count, byteOffset: baseOffset)
            }
        }
        guard count >= 0 else { throw ParquetError.outOfSpec(reason: "negative value count", byteOffset: baseOffset) }
        switch values.physicalType {
        case .boolean:
            let bytes = (count + 7) / 8
            try need(bytes)
            values.booleans.reserveMore(count)
            for i in 0..<count { values.booleans.append(buffer[i >> 3] & (1 << UInt8(i & 7)) != 0) }
            return bytes
        case .int32:
            try need(count * 4)
            appendRaw(buffer, count: count, to: &values.int32s)
            return count * 4
        case .int64:
            try need(count * 8)
            appendRaw(buffer, count: count, to: &values.int64s)
            return count * 8
        case .float:
            try need(count * 4)
            appendRaw(buffer, count: count, to: &values.floats)
            return count * 4
        case .double:
            try need(count * 8)
            appendRaw(buffer, count: count, to: &values.doubles)
            return count * 8
        case .int96:
            try need(count * 12)
            values.int96s.reserveMore(count)
            for i in 0..<count {
                let nanos = buffer.loadUnaligned(fromByteOffset: i * 12, as: Int64.self)
                let day = buffer.loadUnaligned(fromByteOffset: i * 12 + 8, as: Int32.self)
                values.int96s.append(Int96(nanosOfDay: nanos, julianDay: day))
            }
            return count * 12
        case .fixedLenByteArray:
            guard typeLength > 0 else {
                throw ParquetError.outOfSpec(reason: "FIXED_LEN_BYTE_ARRAY without a positive type length",
                                             byteOffset: baseOffset)
            }
            let (total, overflow) = count.multipliedReportingOverflow(by: typeLength)
            guard !overflow else { throw ParquetError.outOfSpec(reason: "value count overflow", byteOffset: baseOffset) }
            try need(total)
            values.bytes.data.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<total]))
            var end = values.bytes.offsets[values.bytes.offsets.count - 1]
            values.bytes.offsets.reserveMore(count)
            for _ in 0..<count {
                end += typeLength
                values.bytes.offsets.append(end)
            }
            return total
        case .byteArray:
            values.bytes.reserve(values: count, bytes: buffer.count)
            var pos = 0
            for _ in 0..<count {
                guard pos + 4 <= buffer.count else {
                    throw ParquetError.truncated(needed: 4, available: buffer.count - pos, byteOffset: baseOffset + pos)
                }
                let len = Int(buffer.loadUnaligned(fromByteOffset: pos, as: UInt32.self))
                pos += 4
                guard len <= buffer.count - pos else {
                    throw ParquetError.truncated(needed: len, available: buffer.count - pos, byteOffset: baseOffset + pos)
                }
                values.bytes.append(UnsafeRawBufferPointer(rebasing: buffer[pos..<pos + len]))
                pos += len
            }
            return pos
        }
    }

    /// Appends `count` little-endian fixed-width values copied from raw (possibly unaligned) bytes.
    @inline(__always)
    static func appendRaw<T>(_ buffer: UnsafeRawBufferPointer, count: Int, to array: inout [T]) {
        if count == 0 { return }
        let chunk = [T](unsafeUninitializedCapacity: count) { dst, initialized in
            UnsafeMutableRawBufferPointer(dst).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: buffer[0..<count * MemoryLayout<T>.stride]))
            initialized = count
        }
        if array.isEmpty { array = chunk } else { array.append(contentsOf: chunk) }
    }
}
