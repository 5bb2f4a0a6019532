extension ByteArrayColumn {
    /// A column holding the UTF-8 bytes of `strings` (nil entries become empty values; mark them null separately).
    public init(strings: [String?]) {
        self.init()
        reserve(values: strings.count, bytes: strings.count * 8)
        for s in strings {
            if var s { s.withUTF8 { data.append(contentsOf: $0) } }
            offsets.append(data.count)
        }
    }

    /// Appends the UTF-8 bytes of `string`.
    @inlinable
    public mutating func append(string: String) {
        var s = string
        s.withUTF8 { data.append(contentsOf: $0) }
        offsets.append(data.count)
    }

    /// Length in bytes of value `i`.
    @inlinable public func length(at i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// Removes all values, keeping capacity.
    public mutating func removeAll() {
        data.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
    }
}
