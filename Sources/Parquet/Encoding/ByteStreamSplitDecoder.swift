/// Decoder of BYTE_STREAM_SPLIT (FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY).
public enum ByteStreamSplitDecoder {
    /// Decodes `count` values whose byte streams fill `buffer`, appending to `values`.
    public static func decode(_ buffer: UnsafeRawBufferPointer, count: Int, typeLength: Int = 0,
                              into values: inout ColumnValues, baseOffset: Int = 0) throws {
        let width: Int
        switch values.physicalType {
        case .float, .int32: width = 4
        case .double, .int64: width = 8
        case .fixedLenByteArray: width = typeLength
        default:
            throw ParquetError.outOfSpec(reason: "BYTE_STREAM_SPLIT used for \(values.physicalType)", byteOffset: baseOffset)
        }
        guard width > 0, count >= 0, count <= buffer.count / width else {
            throw ParquetError.truncated(needed: count * max(width, 1), available: buffer.count, byteOffset: baseOffset)
        }
        // Streams are laid out with a stride of the actual value count in the buffer.
        let stride = buffer.count / width
        var joined = [UInt8](repeating: 0, count: count * width)
        joined.withUnsafeMutableBufferPointer { dst in
            for k in 0..<width {
                let stream = k * stride
                for i in 0..<count { dst[i * width + k] = buffer[stream + i] }
            }
        }
        try joined.withUnsafeBytes {
            _ = try PlainDecoder.decode($0, count: count, typeLength: typeLength, into: &values, baseOffset: baseOffset)
        }
    }
}
