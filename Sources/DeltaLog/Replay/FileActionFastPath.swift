#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The fast path for `add` and `remove` lines of commit files: fields read straight from the bytes into the action
/// structs, with no intermediate JSON tree. Any field or shape it does not expect makes it return nil, and the
/// caller parses the line with the strict ``JSONParser`` instead (unknown fields, odd numbers, nesting).
///
/// Given the file's bytes as an array (`owner`), an add's `stats` is not decoded: it stays a checked, escaped
/// slice of those bytes (``StatsText/escaped(bytes:start:end:)``), decoded only when asked for. Adds of one file
/// with the same partition values text share one dictionary (``PartitionValuesReuse``).
enum FileActionFastPath {
    /// The last partition values object parsed in one buffer, reused while the next adds repeat its text.
    struct PartitionValuesReuse {
        var text: Range<Int> = 0..<0
        var map: [String: String?] = [:]
    }

    /// Parses `{"add":{...}}` or `{"remove":{...}}` on `line`; nil when the line is anything else or unusual.
    static func parse(_ buf: UnsafeRawBufferPointer, _ line: Range<Int>) -> Action? {
        var reuse = PartitionValuesReuse()
        return parse(buf, line, owner: nil, reuse: &reuse)
    }

    /// Parses `{"add":{...}}` or `{"remove":{...}}` on `line` of `buf`, which is `owner`'s storage when given.
    static func parse(_ buf: UnsafeRawBufferPointer, _ line: Range<Int>, owner: [UInt8]?,
                      reuse: inout PartitionValuesReuse) -> Action? {
        var s = ByteScanner(buf, from: line.lowerBound, to: line.upperBound)
        guard s.consume(0x7b), let k = s.key() else { return nil }
        let action: Action?
        if s.equals(k, "add") {
            action = parseAdd(&s, owner: owner, reuse: &reuse).map { .add($0) }
        } else if s.equals(k, "remove") {
            action = parseRemove(&s).map { .remove($0) }
        } else {
            return nil
        }
        guard let action, s.consume(0x7d) else { return nil }
        s.skipWhitespace()
        return s.i == s.end ? action : nil
    }

    private static func parseAdd(_ s: inout ByteScanner, owner: [UInt8]?,
                                 reuse: inout PartitionValuesReuse) -> AddFile? {
        guard s.consume(0x7b) else { return nil }
        var path: String?, size: Int64?, mtime: Int64 = 0, dataChange = true
        var pv: [String: String?] = [:], stats: StatsText?, tags: [String: String?]?
        var dv: DeletionVectorDescriptor?, baseRowId: Int64?, drcv: Int64?, clustering: String?
        if s.consume(0x7d) { return nil }
        repeat {
            guard let k = s.key() else { return nil }
            if s.equals(k, "path") { guard let v = s.string() else { return nil }; path = v }
            else if s.equals(k, "partitionValues") { guard let v = partitionValues(&s, reuse: &reuse) else { return nil }; pv = v }
            else if s.equals(k, "size") { guard let v = s.int64() else { return nil }; size = v }
            else if s.equals(k, "modificationTime") { guard let v = s.int64() else { return nil }; mtime = v }
            else if s.equals(k, "dataChange") { guard let v = s.bool() else { return nil }; dataChange = v }
            else if s.equals(k, "stats") {
                if !s.consumeNull() { guard let v = statsText(&s, owner: owner) else { return nil }; stats = v }
            } else if s.equals(k, "tags") {
                if !s.consumeNull() { guard let v = s.stringMap() else { return nil }; tags = v }
            } else if s.equals(k, "deletionVector") {
                if !s.consumeNull() { guard let v = deletionVector(&s) else { return nil }; dv = v }
            } else if s.equals(k, "baseRowId") {
                if !s.consumeNull() { guard let v = s.int64() else { return nil }; baseRowId = v }
            } else if s.equals(k, "defaultRowCommitVersion") {
                if !s.consumeNull() { guard let v = s.int64() else { return nil }; drcv = v }
            } else if s.equals(k, "clusteringProvider") {
                if !s.consumeNull() { guard let v = s.string() else { return nil }; clustering = v }
            } else {
                return nil
            }
        } while s.consume(0x2c)
        guard s.consume(0x7d), let path, let size else { return nil }
        var add = AddFile(path: path, partitionValues: pv, size: size, modificationTime: mtime, dataChange: dataChange,
                          stats: nil, tags: tags, deletionVector: dv, baseRowId: baseRowId,
                          defaultRowCommitVersion: drcv, clusteringProvider: clustering)
        add.statsText = stats
        return add
    }

    /// An add's stats: an escaped slice of `owner` when there is one and the text has escapes, else a String.
    @inline(__always)
    private static func statsText(_ s: inout ByteScanner, owner: [UInt8]?) -> StatsText? {
        guard let (content, escaped) = s.rawString() else { return nil }
        if escaped, let owner { return .escaped(bytes: owner, start: content.lowerBound, end: content.upperBound) }
        let raw = UnsafeRawBufferPointer(rebasing: s.b[content])
        guard let text = escaped ? JSONEscapes.decode(raw) : String(decoding: raw, as: UTF8.self) else { return nil }
        return .string(text)
    }

    /// A partition values object; when its text repeats the previous one's in this buffer, that dictionary is
    /// shared instead of parsing a new one (a JSON object's text is self-delimiting, so equal leading bytes mean
    /// the same object).
    @inline(__always)
    private static func partitionValues(_ s: inout ByteScanner, reuse: inout PartitionValuesReuse) -> [String: String?]? {
        s.skipWhitespace()
        let start = s.i
        let n = reuse.text.count
        if n > 0, start + n <= s.end,
           memcmp(s.b.baseAddress! + start, s.b.baseAddress! + reuse.text.lowerBound, n) == 0 {
            s.i = start + n
            return reuse.map
        }
        guard let map = s.stringMap() else { return nil }
        reuse = PartitionValuesReuse(text: start..<s.i, map: map)
        return map
    }

    private static func parseRemove(_ s: inout ByteScanner) -> RemoveFile? {
        guard s.consume(0x7b) else { return nil }
        var r = RemoveFile(path: "")
        var hasPath = false
        if s.consume(0x7d) { return nil }
        repeat {
            guard let k = s.key() else { return nil }
            if s.equals(k, "path") { guard let v = s.string() else { return nil }; r.path = v; hasPath = true }
            else if s.equals(k, "deletionTimestamp") {
                if !s.consumeNull() { guard let v = s.int64() else { return nil }; r.deletionTimestamp = v }
            } else if s.equals(k, "dataChange") { guard let v = s.bool() else { return nil }; r.dataChange = v }
            else if s.equals(k, "extendedFileMetadata") {
                if !s.consumeNull() { guard let v = s.bool() else { return nil }; r.extendedFileMetadata = v }
            } else if s.equals(k, "partitionValues") {
                if !s.consumeNull() { guard let v = s.stringMap() else { return nil }; r.partitionValues = v }
            } else if s.equals(k, "size") {
                if !s.consumeNull() { guard let v = s.int64() else { return nil }; r.size = v }
            } else if s.equals(k, "stats") {
                if !s.consumeNull() { guard let v = s.string() else { return nil }; r.stats = v }
            } else if s.equals(k, "tags") {
                if !s.consumeNull() { guard let v = s.stringMap() else { return nil }; r.tags = v }
            } else if s.equals(k, "deletionVector") {
                if !s.consumeNull() { guard let v = deletionVector(&s) else { return nil }; r.deletionVector = v }
            } else if s.equals(k, "baseRowId") {
                if !s.consumeNull() { guard let v = s.int64() else { return nil }; r.baseRowId = v }
            } else if s.equals(k, "defaultRowCommitVersion") {
                if !s.consumeNull() { guard let v = s.int64() else { return nil }; r.defaultRowCommitVersion = v }
            } else {
                return nil
            }
        } while s.consume(0x2c)
        guard s.consume(0x7d), hasPath else { return nil }
        return r
    }

    private static func deletionVector(_ s: inout ByteScanner) -> DeletionVectorDescriptor? {
        guard s.consume(0x7b) else { return nil }
        var type: String?, p: String?, offset: Int32?, size: Int32?, card: Int64?
        if s.consume(0x7d) { return nil }
        repeat {
            guard let k = s.key() else { return nil }
            if s.equals(k, "storageType") { type = s.string() }
            else if s.equals(k, "pathOrInlineDv") { p = s.string() }
            else if s.equals(k, "offset") {
                if !s.consumeNull() { guard let v = s.int64(), let o = Int32(exactly: v) else { return nil }; offset = o }
            } else if s.equals(k, "sizeInBytes") { guard let v = s.int64(), let o = Int32(exactly: v) else { return nil }; size = o }
            else if s.equals(k, "cardinality") { card = s.int64() }
            else { return nil }
        } while s.consume(0x2c)
        guard s.consume(0x7d), let type, let p, let size, let card else { return nil }
        return DeletionVectorDescriptor(storageType: type, pathOrInlineDv: p, offset: offset, sizeInBytes: size, cardinality: card)
    }
}
