import Parquet

/// Removing rows that turned out bad (a value in another column did not parse).
extension ColumnBuilder {
    /// Removes the rows at `positions` (ascending, distinct, all below ``count``).
    mutating func removeRows(_ positions: [Int]) {
        guard let from = positions.first else { return }
        var keep = [Bool](repeating: true, count: count - from)
        for p in positions { keep[p - from] = false }
        for p in positions where validity[p] {
            let size: Int
            if kind == .string {
                size = estimatedSize(byteCount: values.bytes.offsets[p + 1] - values.bytes.offsets[p])
            } else {
                size = estimatedSize(byteCount: 0)
            }
            approximateBytes -= size
        }
        Self.compact(&validity, from: from, keep: keep)
        switch values.physicalType {
        case .boolean: Self.compact(&values.booleans, from: from, keep: keep)
        case .int32: Self.compact(&values.int32s, from: from, keep: keep)
        case .int64: Self.compact(&values.int64s, from: from, keep: keep)
        case .float: Self.compact(&values.floats, from: from, keep: keep)
        case .double: Self.compact(&values.doubles, from: from, keep: keep)
        default:
            var bytes = values.bytes
            var kept = ByteArrayColumn()
            kept.offsets = Array(bytes.offsets[...from])
            kept.data = Array(bytes.data[..<bytes.offsets[from]])
            for (k, flag) in keep.enumerated() where flag { kept.append(from: bytes, at: from + k) }
            bytes = kept
            values.bytes = bytes
        }
        nullCount = validity.reduce(0) { $0 + ($1 ? 0 : 1) }
    }

    private static func compact<T>(_ array: inout [T], from: Int, keep: [Bool]) {
        var out = from
        for k in 0..<keep.count where keep[k] {
            array[out] = array[from + k]
            out += 1
        }
        array.removeLast(array.count - out)
    }
}
