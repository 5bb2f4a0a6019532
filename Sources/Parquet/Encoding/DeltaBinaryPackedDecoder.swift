/// Decoder of DELTA_BINARY_PACKED integers (INT32 and INT64).
public enum DeltaBinaryPackedDecoder {
    /// Decodes all values of one DELTA_BINARY_PACKED stream at the start of `buffer` (wrapping 64-bit arithmetic;
    /// INT32 callers truncate). Returns the values and the bytes consumed. A stream declaring more than `limit`
    /// values is refused before decoding (zero-width miniblocks make huge counts cheap to declare).
    public static func decode(_ buffer: UnsafeRawBufferPointer, limit: Int = 1 << 26,
                              baseOffset: Int = 0) throws -> (values: [Int64], consumed: Int) {
        var reader = ByteReader(buffer, baseOffset: baseOffset)
        do {
            let blockSize = try reader.readVarUInt64()
            let miniblocks = try reader.readVarUInt64()
            let total = try reader.readVarUInt64()
            let first = try reader.readZigZagInt64()
            // The spec asks for blocks of 128k values and miniblocks of 32k; accept any multiple of 8 (its examples).
            guard blockSize > 0, blockSize <= 1 << 20, miniblocks > 0, miniblocks <= blockSize,
                  blockSize % miniblocks == 0, (blockSize / miniblocks) % 8 == 0 else {
                throw ParquetError.outOfSpec(
                    reason: "invalid DELTA_BINARY_PACKED header (block \(blockSize), miniblocks \(miniblocks))",
                    byteOffset: baseOffset)
            }
            // Each block of values needs at least one byte (its min delta) per block: bound the count before allocating.
            let perMini = Int(blockSize / miniblocks)
            let totalCount = Int(clamping: total)
            guard total <= UInt64(Int32.max), totalCount <= limit, (totalCount - 1) / Int(blockSize) <= reader.remaining
            else {
                throw ParquetError.outOfSpec(reason: "DELTA_BINARY_PACKED declares \(total) values",
                                             byteOffset: baseOffset)
            }
            if totalCount == 0 { return ([], reader.position) }
            var values = [Int64]()
            values.reserveCapacity(totalCount)
            values.append(first)
            var last = first
            var widths = [Int](repeating: 0, count: Int(miniblocks))
            while values.count < totalCount {
                let minDelta = try reader.readZigZagInt64()
                for i in 0..<Int(miniblocks) { widths[i] = Int(try reader.readByte()) }
                for i in 0..<Int(miniblocks) where values.count < totalCount {
                    let width = widths[i]
                    guard width <= 64 else {
                        throw ParquetError.outOfSpec(reason: "delta bit width \(width)",
                                                     byteOffset: baseOffset + reader.position)
                    }
                    let bytes = perMini * width / 8
                    let start = reader.position
                    // The last miniblock may be cut short when it holds padding only.
                    let available = min(bytes, reader.remaining)
                    let packed = try reader.readSlice(available)
                    let n = min(perMini, totalCount - values.count)
                    guard n * width <= available * 8 else {
                        throw ParquetError.truncated(needed: bytes, available: available, byteOffset: baseOffset + start)
                    }
                    for j in 0..<n {
                        let delta = BitUnpacking.read(packed, bitOffset: j * width, width: width)
                        last = last &+ minDelta &+ Int64(bitPattern: delta)
                        values.append(last)
                    }
                }
            }
            return (values, reader.position)
        } catch let e as ByteReaderError {
            throw ParquetError.wrap(e)
        }
    }

    /// Decodes a stream and appends it to `values` (INT32 or INT64). Returns the bytes consumed.
    @discardableResult
    public static func decode(_ buffer: UnsafeRawBufferPointer, expected: Int, into values: inout ColumnValues,
                              baseOffset: Int = 0) throws -> Int {
        let (decoded, consumed) = try decode(buffer, limit: expected, baseOffset: baseOffset)
        guard decoded.count >= expected else {
            throw ParquetError.outOfSpec(reason: "DELTA_BINARY_PACKED holds \(decoded.count) values, page needs \(expected)",
                                         byteOffset: baseOffset)
        }
        switch values.physicalType {
        case .int32:
            values.int32s.reserveMore(expected)
            for i in 0..<expected { values.int32s.append(Int32(truncatingIfNeeded: decoded[i])) }
        case .int64:
            if values.int64s.isEmpty && decoded.count == expected {
                values.int64s = decoded
            } else {
                values.int64s.append(contentsOf: decoded[0..<expected])
            }
        default:
            throw ParquetError.outOfSpec(reason: "DELTA_BINARY_PACKED used for \(values.physicalType)", byteOffset: baseOffset)
        }
        return consumed
    }
}
