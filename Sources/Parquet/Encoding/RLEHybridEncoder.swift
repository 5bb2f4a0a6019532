/// Encoder for the RLE / bit-packing hybrid (Encodings.md "Run Length Encoding / Bit-Packing Hybrid (RLE = 3)"),
/// used for definition and repetition levels and for dictionary indices.
///
/// Values are buffered in groups of 8. A group that continues a run of at least 8 equal values becomes part of an
/// RLE run; other groups are bit-packed (LSB first) into literal runs. The output carries no length prefix and no
/// bit-width byte: callers add those where the page format needs them.
public struct RLEHybridEncoder {
    /// Bits per value (0...32).
    public let bitWidth: Int
    /// The encoded bytes so far (complete only after ``finish()``).
    public private(set) var output: ByteWriter

    // Internal (not private) for the group-at-a-time path in RLEHybridEncoder+Bulk.swift.
    var buffered: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Values of the current group of 8 held back (0 once a run is established: its values are only counted).
    var bufferedCount = 0
    /// The value of the trailing run of equal values, and its length (at least 8: an established RLE run).
    var currentValue: UInt32 = 0
    var repeatCount = 0
    /// Bit-packed groups of the pending literal run.
    var literalBytes: [UInt8] = []
    var literalGroups = 0
    /// Number of values given to the encoder.
    public internal(set) var valueCount = 0

    /// Creates an encoder for values of `bitWidth` bits (0...32).
    public init(bitWidth: Int, capacity: Int = 1024) {
        precondition(bitWidth >= 0 && bitWidth <= 32, "RLE bit width must be 0...32")
        self.bitWidth = bitWidth
        output = ByteWriter(capacity: capacity)
    }

    /// The bit width needed for values up to `maxValue` (0 for 0).
    @inlinable
    public static func bitWidth(forMaxValue maxValue: UInt64) -> Int {
        maxValue == 0 ? 0 : 64 - maxValue.leadingZeroBitCount
    }

    /// Appends one value (must fit in ``bitWidth`` bits).
    @inline(__always)
    public mutating func append(_ value: UInt32) {
        valueCount += 1
        if value == currentValue && (repeatCount > 0) {
            repeatCount += 1
            if repeatCount > 8 { return }  // continuation of a run already long enough: nothing to buffer
        } else {
            if repeatCount >= 8 { flushRepeatedRun() }
            repeatCount = 1
            currentValue = value
        }
        withUnsafeMutableBytes(of: &buffered) { $0.storeBytes(of: value, toByteOffset: bufferedCount * 4, as: UInt32.self) }
        bufferedCount += 1
        if bufferedCount == 8 { flushBufferedValues() }
    }

    /// Appends `count` copies of `value` (fast for long runs: O(1) once the run is established).
    public mutating func append(_ value: UInt32, count: Int) {
        var remaining = count
        while remaining > 0 {
            if repeatCount >= 8 && value == currentValue && bufferedCount == 0 {
                repeatCount += remaining
                valueCount += remaining
                return
            }
            append(value)
            remaining -= 1
        }
    }

    /// Appends one level per mask entry: `present` where the flag is set, `absent` elsewhere.
    public mutating func append(levels mask: UnsafeBufferPointer<Bool>, present: UInt32, absent: UInt32) {
        appendBulk(count: mask.count) { mask[$0] ? present : absent }
    }

    /// Appends byte-sized values (levels).
    public mutating func append(levels: UnsafeBufferPointer<UInt8>) {
        appendBulk(count: levels.count) { UInt32(levels[$0]) }
    }

    /// Appends all values of `values` (a group of 8 at a time: the same bytes as appending them one by one).
    public mutating func append(contentsOf values: UnsafeBufferPointer<UInt32>) {
        appendBulk(count: values.count) { values[$0] }
    }

    /// Appends all values of `values`.
    public mutating func append<C: Collection>(contentsOf values: C) where C.Element == UInt32 {
        for v in values { append(v) }
    }

    mutating func flushRepeatedRun() {
        output.writeVarUInt64(UInt64(repeatCount) << 1)
        var v = currentValue
        for _ in 0..<((bitWidth + 7) / 8) {
            output.writeByte(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
        repeatCount = 0
    }

    private mutating func flushBufferedValues() {
        if repeatCount >= 8 {
            // The 8 buffered values all belong to the repeated run.
            bufferedCount = 0
            if literalGroups > 0 { flushLiteralRun() }
            return
        }
        packBufferedGroup()
        bufferedCount = 0
        repeatCount = 0
        // A header byte holds up to 63 groups; longer literal runs only cost a longer varint, but cap the
        // pending buffer anyway so that memory stays small.
        if literalGroups >= 512 { flushLiteralRun() }
    }

    private mutating func packBufferedGroup() {
        literalGroups += 1
        guard bitWidth > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        withUnsafeBytes(of: &buffered) { raw in
            for i in 0..<8 {
                acc |= UInt64(raw.load(fromByteOffset: i * 4, as: UInt32.self)) << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    literalBytes.append(UInt8(truncatingIfNeeded: acc))
                    acc >>= 8
                    bits -= 8
                }
            }
        }
        // 8 values * bitWidth bits is always a whole number of bytes.
    }

    mutating func flushLiteralRun() {
        output.writeVarUInt64(UInt64(literalGroups) << 1 | 1)
        output.writeBytes(literalBytes)
        literalBytes.removeAll(keepingCapacity: true)
        literalGroups = 0
    }

    /// Flushes pending runs and returns the encoded bytes. The encoder is reset and can be reused.
    public mutating func finish() -> [UInt8] {
        if repeatCount > 0 && literalGroups == 0 && (bufferedCount == 0 || bufferedCount == repeatCount) {
            flushRepeatedRun()
            bufferedCount = 0
        } else if bufferedCount > 0 || literalGroups > 0 {
            if bufferedCount > 0 {
                withUnsafeMutableBytes(of: &buffered) { raw in
                    for i in bufferedCount..<8 { raw.storeBytes(of: UInt32(0), toByteOffset: i * 4, as: UInt32.self) }
                }
                packBufferedGroup()
            }
            flushLiteralRun()
        }
        bufferedCount = 0
        repeatCount = 0
        currentValue = 0
        valueCount = 0
        let result = output.bytes
        output = ByteWriter(capacity: result.count)
        return result
    }

    /// Encodes `values` in one call.
    public static func encode<C: Collection>(_ values: C, bitWidth: Int) -> [UInt8] where C.Element == UInt32 {
        var encoder = RLEHybridEncoder(bitWidth: bitWidth, capacity: values.count / 4 + 16)
        let done: Void? = values.withContiguousStorageIfAvailable { encoder.append(contentsOf: $0) }
        if done == nil { encoder.append(contentsOf: values) }
        return encoder.finish()
    }
}
