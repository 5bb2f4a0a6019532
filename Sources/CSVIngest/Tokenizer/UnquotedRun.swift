/// The tokenizer's hot loop: consecutive unquoted fields of one record, 16 bytes at a time. A function of its own
/// over plain values, so that the whole loop runs in registers (the tokenizer's state machine around it must keep
/// its cursor in memory for refills).
enum UnquotedRun {
    /// Why ``scan(_:from:to:starts:ends:count:room:delimiter:quote:)`` stopped.
    enum Stop {
        /// A CR or LF ended the record: it is at `p - 1`.
        case lineEnd
        /// `p` is where a field starts (after a delimiter): it is quoted, or at the end of the buffered bytes, or
        /// there is no room for its positions.
        case fieldStart
        /// The buffered bytes ended inside the unquoted field that starts at `fieldStart`; `p` is the end.
        case inField
    }

    struct Result {
        var p: Int
        var count: Int
        var fieldStart: Int
        var stop: Stop
    }

    /// Records unquoted fields starting at `p` (a field start) in `starts`/`ends` from index `count`, while there is
    /// `room`.
    @inline(never)
    static func scan(_ buffer: UnsafeMutablePointer<UInt8>, from p: Int, to e: Int, starts: UnsafeMutablePointer<Int>,
                     ends: UnsafeMutablePointer<Int>, count: Int, room: Int, delimiter: UInt8, quote: UInt8) -> Result {
        let delimVector = SIMD16<UInt8>(repeating: delimiter)
        let lfVector = SIMD16<UInt8>(repeating: 0x0A), crVector = SIMD16<UInt8>(repeating: 0x0D)
        var p = p, n = count
        while true {
            if p == e || n == room || buffer[p] == quote { return Result(p: p, count: n, fieldStart: p, stop: .fieldStart) }
            let start = p
            var i = p
            while true {
                if i &+ 16 <= e {
                    let v = UnsafeRawPointer(buffer + i).loadUnaligned(as: SIMD16<UInt8>.self)
                    let m = (v .== delimVector) .| (v .== lfVector) .| (v .== crVector)
                    if any(m) { i &+= SIMDScan.firstSet(m); break }
                    i &+= 16
                } else {
                    while i < e {
                        let b = buffer[i]
                        if b == delimiter || b == 0x0A || b == 0x0D { break }
                        i &+= 1
                    }
                    break
                }
            }
            if i == e { return Result(p: e, count: n, fieldStart: start, stop: .inField) }
            starts[n] = start
            ends[n] = i
            n &+= 1
            p = i &+ 1
            if buffer[i] != delimiter { return Result(p: p, count: n, fieldStart: start, stop: .lineEnd) }
        }
    }
}
