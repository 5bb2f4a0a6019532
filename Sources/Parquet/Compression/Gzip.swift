import CZlib

extension PageCompression {
    static func gzipCompress(_ input: UnsafeRawBufferPointer, level: Int32) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: gzip framing.
        let initStatus = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                                       Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw ParquetError.decompressionFailed(codec: "gzip", reason: "deflateInit2 failed (\(initStatus))",
                                                   byteOffset: 0)
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count))) + 32
        var status: Int32 = Z_OK
        let out = [UInt8](unsafeUninitializedCapacity: bound) { buf, count in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = buf.baseAddress
            stream.avail_out = uInt(bound)
            status = CZlib.deflate(&stream, Z_FINISH)
            count = status == Z_STREAM_END ? Int(stream.total_out) : 0
        }
        guard status == Z_STREAM_END else {
            throw ParquetError.decompressionFailed(codec: "gzip", reason: "deflate failed (\(status))", byteOffset: 0)
        }
        return out
    }

    static func gzipDecompress(_ input: UnsafeRawBufferPointer, size: Int, fail: (String) -> ParquetError) throws
        -> [UInt8] {
        guard input.count > 0 else {
            if size == 0 { return [] }
            throw fail("empty input for \(size) declared bytes")
        }
        var stream = z_stream()
        // windowBits 15 + 32: accept gzip or zlib headers.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw fail("inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var error: String?
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buf, count in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = buf.baseAddress
            stream.avail_out = uInt(size)
            while true {
                let status = inflate(&stream, Z_NO_FLUSH)
                if status == Z_STREAM_END {
                    // Concatenated gzip members: continue with the next one.
                    if stream.avail_in > 0 && stream.avail_out > 0 {
                        guard inflateReset(&stream) == Z_OK else { error = "inflateReset failed"; break }
                        continue
                    }
                    break
                }
                if status == Z_OK {
                    if stream.avail_out == 0 {
                        error = "gzip data expands beyond the declared \(size) bytes"
                        break
                    }
                    if stream.avail_in == 0 { error = "truncated gzip data"; break }
                    continue
                }
                if status == Z_BUF_ERROR && stream.avail_out == 0 {
                    error = "gzip data expands beyond the declared \(size) bytes"
                } else {
                    error = "corrupt gzip data (zlib status \(status))"
                }
                break
            }
            count = size - Int(stream.avail_out)
        }
        if let error { throw fail(error) }
        guard out.count == size else { throw fail("gzip produced \(out.count) bytes, page declares \(size)") }
        return out
    }
}
