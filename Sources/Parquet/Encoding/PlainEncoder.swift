/// PLAIN encoding (Encodings.md "Plain: (PLAIN = 0)") of non-null values.
///
/// Fixed-width values are written little-endian back to back (bulk copies on little-endian hosts); BOOLEAN values are
/// bit-packed LSB first; BYTE_ARRAY values carry a 4-byte little-endian length; FIXED_LEN_BYTE_ARRAY and INT96 values
/// are written as they are. Functions taking a `validity` mask skip the slots whose flag is false.
public enum PlainEncoder {
    /// Appends fixed-width values (Int32, Int64, Float, Double) selected by `validity` (nil: all).
    @inlinable
    public static func encode<T: BitwiseCopyable>(_ values: UnsafeBufferPointer<T>, validity: UnsafeBufferPointer<Bool>? = nil,
                                                  into out: inout ByteWriter) {
        #if _endian(little)
        let raw = UnsafeRawBufferPointer(values)
        let size = MemoryLayout<T>.stride
        guard let validity else {
            out.bytes.append(contentsOf: raw)
            return
        }
        // Copy maximal runs of valid slots in one memcpy each.
        var i = 0
        let n = values.count
        while i < n {
            while i < n && !validity[i] { i += 1 }
            let start = i
            while i < n && validity[i] { i += 1 }
            if i > start { out.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start * size..<i * size])) }
        }
        #else
        for i in 0..<values.count where validity?[i] ?? true {
            withUnsafeBytes(of: values[i]) { b in out.bytes.append(contentsOf: b.reversed()) }
        }
        #endif
    }

    /// Appends fixed-width values from an array.
    @inlinable
    public static func encode<T: BitwiseCopyable>(_ values: [T], validity: [Bool]? = nil, into out: inout ByteWriter) {
        values.withUnsafeBufferPointer { v in
            if let validity {
                validity.withUnsafeBufferPointer { encode(v, validity: $0, into: &out) }
            } else {
                encode(v, validity: nil, into: &out)
            }
        }
    }

    /// Appends booleans bit-packed LSB first (one bit per value, last byte zero-padded).
    public static func encode(booleans values: UnsafeBufferPointer<Bool>, validity: UnsafeBufferPointer<Bool>? = nil,
                              into out: inout ByteWriter) {
        var acc: UInt8 = 0
        var bit: UInt8 = 0
        for i in 0..<values.count where validity?[i] ?? true {
            if values[i] { acc |= 1 << bit }
            bit += 1
            if bit == 8 {
                out.bytes.append(acc)
                acc = 0
                bit = 0
            }
        }
        if bit > 0 { out.bytes.append(acc) }
    }

    /// Appends booleans from an array.
    public static func encode(booleans values: [Bool], validity: [Bool]? = nil, into out: inout ByteWriter) {
        values.withUnsafeBufferPointer { v in
            if let validity {
                validity.withUnsafeBufferPointer { encode(booleans: v, validity: $0, into: &out) }
            } else {
                encode(booleans: v, validity: nil, into: &out)
            }
        }
    }

    /// Appends BYTE_ARRAY values (4-byte little-endian length, then the bytes), skipping invalid slots.
    public static func encode(byteArrays values: ByteArrayColumn, validity: [Bool]? = nil, range: Range<Int>? = nil,
                              into out: inout ByteWriter) {
        let range = range ?? 0..<values.count
        values.data.withUnsafeBytes { bytes in
            values.offsets.withUnsafeBufferPointer { offsets in
                for i in range where validity?[i] ?? true {
                    let start = offsets[i], end = offsets[i + 1]
                    out.writeLittleEndian(UInt32(truncatingIfNeeded: end - start))
                    out.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                }
            }
        }
    }

    /// Appends one BYTE_ARRAY value.
    @inlinable
    public static func encode(byteArray value: UnsafeRawBufferPointer, into out: inout ByteWriter) {
        out.writeLittleEndian(UInt32(truncatingIfNeeded: value.count))
        out.bytes.append(contentsOf: value)
    }

    /// Appends FIXED_LEN_BYTE_ARRAY (or INT96, width 12) values as they are, skipping invalid slots.
    /// Every valid value must be `width` bytes long.
    public static func encode(fixedLength values: ByteArrayColumn, width: Int, validity: [Bool]? = nil,
                              into out: inout ByteWriter) throws {
        try values.data.withUnsafeBytes { bytes in
            for i in 0..<values.count where validity?[i] ?? true {
                let start = values.offsets[i], end = values.offsets[i + 1]
                guard end - start == width else {
                    throw ParquetWriteError.invalidValue(column: "", row: i,
                                                         reason: "fixed-length value has \(end - start) bytes, expected \(width)")
                }
                out.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            }
        }
    }
}
