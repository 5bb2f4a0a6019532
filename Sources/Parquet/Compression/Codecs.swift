import CLz4
import CSnappy
import CZlib
import CZstd

/// Page compression and decompression for the Parquet codecs: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW.
///
/// Decompression always knows the expected size (the page header's `uncompressed_page_size`); it refuses sizes above
/// ``maxDecompressedSize`` or beyond what the codec could expand the input to before allocating, and fails when the
/// output has a different size.
public enum PageCompression {
    /// Largest decompressed page accepted (1 GiB).
    public static let maxDecompressedSize = 1 << 30

    /// Compresses `input` with `codec`. `level` applies to GZIP (0-9) and ZSTD (1-22).
    public static func compress(_ input: UnsafeRawBufferPointer, codec: CompressionCodec, level: Int32? = nil) throws
        -> [UInt8] {
        switch codec {
        case .uncompressed: return Array(input)
        case .snappy: return try snappyCompress(input)
        case .gzip: return try gzipCompress(input, level: level ?? 6)
        case .zstd: return try zstdCompress(input, level: level ?? 1)
        case .lz4Raw: return try lz4Compress(input)
        default: throw ParquetError.unsupported(feature: "compression codec \(codec)", byteOffset: 0)
        }
    }

    /// Compresses a byte array.
    public static func compress(_ input: [UInt8], codec: CompressionCodec, level: Int32? = nil) throws -> [UInt8] {
        try input.withUnsafeBytes { try compress($0, codec: codec, level: level) }
    }

    /// Decompresses `input` into exactly `uncompressedSize` bytes. `byteOffset` locates the input in the file.
    public static func decompress(_ input: UnsafeRawBufferPointer, codec: CompressionCodec, uncompressedSize: Int,
                                  byteOffset: Int = 0) throws -> [UInt8] {
        let name = "\(codec)"
        func fail(_ reason: String) -> ParquetError {
            .decompressionFailed(codec: name, reason: reason, byteOffset: byteOffset)
        }
        guard uncompressedSize >= 0, uncompressedSize <= maxDecompressedSize else {
            throw fail("declared size \(uncompressedSize) exceeds the limit of \(maxDecompressedSize) bytes")
        }
        switch codec {
        case .uncompressed:
            guard input.count == uncompressedSize else {
                throw fail("page holds \(input.count) bytes but declares \(uncompressedSize)")
            }
            return Array(input)
        case .snappy: return try snappyDecompress(input, size: uncompressedSize, fail: fail)
        case .gzip:
            guard uncompressedSize <= input.count * 1100 + 1024 else {
                throw fail("declared size \(uncompressedSize) impossible for \(input.count) compressed bytes")
            }
            return try gzipDecompress(input, size: uncompressedSize, fail: fail)
        case .zstd: return try zstdDecompress(input, size: uncompressedSize, fail: fail)
        case .lz4Raw:
            guard uncompressedSize <= input.count * 256 + 64 else {
                throw fail("declared size \(uncompressedSize) impossible for \(input.count) compressed bytes")
            }
            return try lz4Decompress(input, size: uncompressedSize, fail: fail)
        default:
            throw ParquetError.unsupported(feature: "compression codec \(codec)", byteOffset: byteOffset)
        }
    }

    /// Decompresses a byte array.
    public static func decompress(_ input: [UInt8], codec: CompressionCodec, uncompressedSize: Int,
                                  byteOffset: Int = 0) throws -> [UInt8] {
        try input.withUnsafeBytes {
            try decompress($0, codec: codec, uncompressedSize: uncompressedSize, byteOffset: byteOffset)
        }
    }

    // MARK: Snappy

    static func snappyCompress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        if input.isEmpty { return [0] }  // snappy encoding of the empty string: length varint 0
        let bound = snappy_max_compressed_length(input.count)
        var status = SNAPPY_OK
        let out = [UInt8](unsafeUninitializedCapacity: max(bound, 1)) { buf, count in
            var length = bound
            let src = input.baseAddress!.assumingMemoryBound(to: CChar.self)  // non-empty, checked above
            let dst = UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            status = snappy_compress(src, input.count, dst, &length)
            count = status == SNAPPY_OK ? length : 0
        }
        guard status == SNAPPY_OK else {
            throw ParquetError.decompressionFailed(codec: "snappy", reason: "compression failed", byteOffset: 0)
        }
        return out
    }

    static func snappyDecompress(_ input: UnsafeRawBufferPointer, size: Int, fail: (String) -> ParquetError) throws
        -> [UInt8] {
        guard let src = input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count > 0 else {
            if size == 0 { return [] }
            throw fail("empty input for \(size) declared bytes")
        }
        var declared = 0
        guard snappy_uncompressed_length(src, input.count, &declared) == SNAPPY_OK else {
            throw fail("invalid snappy header")
        }
        guard declared == size else { throw fail("snappy block holds \(declared) bytes, page declares \(size)") }
        if size == 0 { return [] }
        var status = SNAPPY_OK
        let out = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var length = size
            let dst = UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            status = snappy_uncompress(src, input.count, dst, &length)
            count = status == SNAPPY_OK ? length : 0
        }
        guard status == SNAPPY_OK, out.count == size else { throw fail("corrupt snappy data") }
        return out
    }

    // MARK: ZSTD

    static func zstdCompress(_ input: UnsafeRawBufferPointer, level: Int32) throws -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var error: String?
        let out = [UInt8](unsafeUninitializedCapacity: max(bound, 1)) { buf, count in
            let r = ZSTD_compress(buf.baseAddress, bound, input.baseAddress, input.count, level)
            if ZSTD_isError(r) != 0 {
                error = String(cString: ZSTD_getErrorName(r))
                count = 0
            } else {
                count = r
            }
        }
        if let error { throw ParquetError.decompressionFailed(codec: "zstd", reason: error, byteOffset: 0) }
        return out
    }

    static func zstdDecompress(_ input: UnsafeRawBufferPointer, size: Int, fail: (String) -> ParquetError) throws
        -> [UInt8] {
        guard input.count > 0 else {
            if size == 0 { return [] }
            throw fail("empty input for \(size) declared bytes")
        }
        let content = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        if content == UInt64.max - 1 { throw fail("not a zstd frame") }
        if content != UInt64.max && content > UInt64(size) {
            throw fail("zstd frame holds \(content) bytes, page declares \(size)")
        }
        var error: String?
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buf, count in
            let r = ZSTD_decompress(buf.baseAddress, size, input.baseAddress, input.count)
            if ZSTD_isError(r) != 0 {
                error = String(cString: ZSTD_getErrorName(r))
                count = 0
            } else {
                count = r
            }
        }
        if let error { throw fail(error) }
        guard out.count == size else { throw fail("zstd produced \(out.count) bytes, page declares \(size)") }
        return out
    }

    // MARK: LZ4_RAW

    static func lz4Compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        guard input.count <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw ParquetError.unsupported(feature: "LZ4 block larger than \(LZ4_MAX_INPUT_SIZE)", byteOffset: 0)
        }
        let bound = Int(LZ4_compressBound(Int32(input.count)))
        let out = [UInt8](unsafeUninitializedCapacity: max(bound, 1)) { buf, count in
            let src = input.baseAddress?.assumingMemoryBound(to: CChar.self)
            let dst = UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            let r = LZ4_compress_default(src, dst, Int32(input.count), Int32(bound))
            count = max(Int(r), 0)
        }
        guard !out.isEmpty || input.isEmpty else {
            throw ParquetError.decompressionFailed(codec: "lz4", reason: "compression failed", byteOffset: 0)
        }
        return out
    }

    static func lz4Decompress(_ input: UnsafeRawBufferPointer, size: Int, fail: (String) -> ParquetError) throws
        -> [UInt8] {
        guard let src = input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count > 0 else {
            if size == 0 { return [] }
            throw fail("empty input for \(size) declared bytes")
        }
        guard input.count <= Int(Int32.max) else { throw fail("input too large") }
        var result: Int32 = -1
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buf, count in
            let dst = UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            result = LZ4_decompress_safe(src, dst, Int32(input.count), Int32(size))
            count = max(Int(result), 0)
        }
        guard result >= 0 else { throw fail("corrupt lz4 block") }
        guard out.count == size else { throw fail("lz4 produced \(out.count) bytes, page declares \(size)") }
        return out
    }
}
