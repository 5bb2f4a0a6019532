/// Decoder of the RLE/bit-packed hybrid encoding (levels, dictionary indices, RLE booleans), without the optional
/// 4-byte length prefix (callers strip it). Values must fit in 32 bits.
public struct RLEHybridDecoder {
    let buffer: UnsafeRawBufferPointer
    let baseOffset: Int
    let bitWidth: Int
    var position = 0
    // Current run state.
    var runRemaining = 0
    var runIsRLE = true
    var rleValue: UInt32 = 0
    var packedBitOffset = 0
    var packedRun: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)

    /// Creates a decoder over `buffer` for values of `bitWidth` (0...32) bits; `baseOffset` locates the buffer in
    /// the file for errors.
    public init(_ buffer: UnsafeRawBufferPointer, bitWidth: Int, baseOffset: Int = 0) throws {
        guard bitWidth >= 0 && bitWidth <= 32 else {
            throw ParquetError.outOfSpec(reason: "RLE bit width \(bitWidth) out of range", byteOffset: baseOffset)
        }
        self.buffer = buffer
        self.bitWidth = bitWidth
        self.baseOffset = baseOffset
    }

    /// Bytes consumed so far (runs fully read).
    public var consumed: Int { position }

    mutating func nextRun() throws {
        var reader = ByteReader(UnsafeRawBufferPointer(rebasing: buffer[position...]), baseOffset: baseOffset + position)
        let header: UInt64
        do { header = try reader.readVarUInt64() } catch { throw ParquetError.wrap(error) }
        guard header >> 1 <= UInt64(Int32.max) else {
            throw ParquetError.outOfSpec(reason: "RLE run header \(header) too large", byteOffset: baseOffset + position)
        }
        position += reader.position
        if header & 1 == 1 {
            let groups = Int(header >> 1)
            let bytes = groups * bitWidth
            // A final bit-packed run may be cut short by some writers: keep what is there.
            let available = min(bytes, buffer.count - position)
            packedRun = UnsafeRawBufferPointer(rebasing: buffer[position..<position + available])
            runRemaining = bitWidth == 0 ? groups * 8 : min(groups * 8, available * 8 / bitWidth)
            packedBitOffset = 0
            runIsRLE = false
            position += available
        } else {
            let count = Int(header >> 1)
            let width = (bitWidth + 7) / 8
            guard width <= buffer.count - position else {
                throw ParquetError.truncated(needed: width, available: buffer.count - position,
                                             byteOffset: baseOffset + position)
            }
            var v: UInt32 = 0
            for i in 0..<width { v |= UInt32(buffer[position + i]) << (8 * UInt32(i)) }
            position += width
            rleValue = v
            runRemaining = count
            runIsRLE = true
        }
    }

    /// Decodes exactly `count` values into `out`; throws when the data ends early.
    public mutating func decode(count: Int, into out: UnsafeMutablePointer<UInt32>) throws {
        var done = 0
        while done < count {
            if runRemaining == 0 {
                guard position < buffer.count else {
                    throw ParquetError.truncated(needed: count - done, available: 0, byteOffset: baseOffset + position)
                }
                try nextRun()
                continue
            }
            let n = min(runRemaining, count - done)
            if runIsRLE {
                (out + done).update(repeating: rleValue, count: n)
            } else {
                let startByte = packedBitOffset >> 3
                if packedBitOffset & 7 == 0 {
                    BitUnpacking.unpack32(UnsafeRawBufferPointer(rebasing: packedRun[startByte...]), width: bitWidth,
                                          count: n, into: out + done)
                } else {
                    for i in 0..<n {
                        out[done + i] = UInt32(truncatingIfNeeded: BitUnpacking.read(
                            packedRun, bitOffset: packedBitOffset + i * bitWidth, width: bitWidth))
                    }
                }
                packedBitOffset += n * bitWidth
            }
            runRemaining -= n
            done += n
        }
    }

    /// Decodes exactly `count` values into an array.
    public mutating func decode(count: Int) throws -> [UInt32] {
        try [UInt32](unsafeUninitializedCapacity: count) { buf, initialized in
            if let base = buf.baseAddress { try decode(count: count, into: base) }
            initialized = count
        }
    }

    /// Decodes `count` levels (values up to `maxLevel`) into 16-bit levels.
    public mutating func decodeLevels(count: Int, maxLevel: Int) throws -> [Int16] {
        let raw = try decode(count: count)
        var out = [Int16](repeating: 0, count: count)
        var bad = false
        raw.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<count {
                    let v = src[i]
                    if v > UInt32(maxLevel) { bad = true }
                    dst[i] = Int16(truncatingIfNeeded: v)
                }
            }
        }
        if bad { throw ParquetError.outOfSpec(reason: "level above the maximum \(maxLevel)", byteOffset: baseOffset) }
        return out
    }
}

/// Helpers for the number of bits needed for a maximum value.
public enum BitWidth {
    /// Bits needed to store values 0...maxValue.
    @inlinable public static func forMax(_ maxValue: Int) -> Int {
        maxValue <= 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }
}
