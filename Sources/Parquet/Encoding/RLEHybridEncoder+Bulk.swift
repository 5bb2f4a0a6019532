/// The RLE / bit-packing hybrid encoder a group of 8 values at a time. It makes exactly the runs that appending
/// the values one by one makes (``RLEHybridEncoder/append(_:)``): a group of 8 equal values that starts at a group
/// boundary opens an RLE run, which then grows value by value; any other group is bit-packed into the pending
/// literal run. Only the values before the first group boundary and after the last one go one by one.
extension RLEHybridEncoder {
    /// Appends `count` values, value `i` being `value(i)`.
    @inline(__always)
    mutating func appendBulk(count n: Int, _ value: (Int) -> UInt32) {
        var i = 0
        // Complete a partial group one value at a time.
        while i < n && bufferedCount != 0 {
            append(value(i))
            i &+= 1
        }
        // At a group boundary: no value is buffered, and repeatCount is 0 or an established run's length.
        while i < n {
            if repeatCount >= 8 {
                let run = currentValue
                var j = i
                while j < n && value(j) == run { j &+= 1 }
                repeatCount &+= j &- i
                valueCount &+= j &- i
                i = j
                if i == n { break }
                flushRepeatedRun()
                continue
            }
            guard i &+ 8 <= n else { break }
            let first = value(i)
            var equal = true
            for k in 1..<8 where value(i &+ k) != first {
                equal = false
                break
            }
            if equal {
                if literalGroups > 0 { flushLiteralRun() }
                currentValue = first
                repeatCount = 8
            } else {
                packGroup(at: i, value)
                repeatCount = 0
                if literalGroups >= 512 { flushLiteralRun() }
            }
            valueCount &+= 8
            i &+= 8
        }
        // The tail of a last, partial group.
        while i < n {
            append(value(i))
            i &+= 1
        }
    }

    /// Bit-packs values `i..<i+8` (LSB first) into the pending literal run.
    @inline(__always)
    private mutating func packGroup(at i: Int, _ value: (Int) -> UInt32) {
        literalGroups &+= 1
        let width = bitWidth
        guard width > 0 else { return }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            let w = raw.bindMemory(to: UInt64.self)
            var bit = 0
            for k in 0..<8 {
                let v = UInt64(value(i &+ k))
                let word = bit >> 6, shift = bit & 63
                w[word] |= v << UInt64(shift)
                if shift &+ width > 64 { w[word &+ 1] |= v >> UInt64(64 &- shift) }
                bit &+= width
            }
            // 8 values of `width` bits are exactly `width` bytes.
            literalBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<width]))
        }
    }
}
