import CSVIngest
import DeltaLog
import Parquet
import Storage

/// The fuzz targets: each takes arbitrary bytes, must never crash, and checks an oracle where one exists
/// (round trips, two code paths that must agree). An oracle violation traps on purpose, so that libFuzzer
/// (or the replay driver) reports it as a finding.
enum FuzzTargets {
    /// Target names and entry points (`FUZZ_TARGET` selects one).
    static let all: [String: ([UInt8]) -> Void] = [
        "json": json, "commit": commit, "thrift": thrift, "codec": codec, "csv": csv, "lastcheckpoint": lastCheckpoint,
        "parquet": parquet, "dv": deletionVector,
    ]

    /// Fails the run with a message (an oracle violation, not bad input).
    static func finding(_ message: String) -> Never {
        fatalError("FUZZ FINDING: \(message)")
    }

    /// The strict JSON parser and action decoding; oracle: parse(serialize(parse(x))) == parse(x).
    static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return }
        let text = JSONWriter.serialize(value)
        guard let again = try? JSONParser.parse(text) else { finding("serialized JSON does not parse: \(text.prefix(200))") }
        if again != value { finding("JSON round trip changed the value: \(text.prefix(200))") }
        if let action = try? Action(json: value, file: "fuzz.json", line: 1) {
            guard let back = try? JSONParser.parse(action.jsonLine), let decoded = try? Action(json: back, file: "re", line: 1) else {
                finding("an action's own JSON does not decode: \(action.jsonLine.prefix(200))")
            }
            if decoded != action { finding("action round trip changed it: \(action.jsonLine.prefix(200))") }
        }
    }

    /// The commit file parser (byte fast path for add/remove, strict parser otherwise); oracle: a line the strict
    /// path rejects must not be accepted by the commit parser as anything but what the strict path would give.
    static func commit(_ bytes: [UInt8]) {
        guard let actions = try? CommitFileParser.parse(bytes, file: "_delta_log/00000000000000000000.json") else { return }
        // Every line the parser accepted as a single action must be valid JSON decoding to the same action.
        var lines: [ArraySlice<UInt8>] = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        lines.removeAll { $0.allSatisfy { $0 == 0x20 || $0 == 0x0d || $0 == 0x09 } }
        guard lines.count == actions.count else { finding("\(lines.count) lines gave \(actions.count) actions") }
        for (line, action) in zip(lines, actions) {
            guard let value = try? JSONParser.parse(Array(line)) else {
                finding("accepted a line that is not JSON: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            guard let strict = try? Action(json: value, file: "f", line: 1) else {
                finding("accepted a line the strict decoder refuses: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            // Known, routed: with duplicate keys the fast path keeps the last value, the strict path the first.
            if strict != action && !hasDuplicateKeys(value) { finding("fast and strict paths disagree on \(String(decoding: line.prefix(200), as: UTF8.self))") }
        }
    }

    /// Whether an object anywhere in `value` names a key twice (JSON leaves the meaning open).
    static func hasDuplicateKeys(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members):
            var seen = Set<String>()
            for (k, v) in members { if !seen.insert(k).inserted || hasDuplicateKeys(v) { return true } }
            return false
        case .array(let items): return items.contains(where: hasDuplicateKeys)
        default: return false
        }
    }

    /// The Thrift compact decoder through the Parquet footer and page header models, and the schema tree;
    /// oracle: decode(encode(decode(x))) == decode(x).
    static func thrift(_ bytes: [UInt8]) {
        if let meta = try? FileMetaData.decode(bytes) {
            guard let again = try? FileMetaData.decode(meta.thriftEncoded()) else { finding("re-encoded footer does not decode") }
            if again != meta { finding("footer round trip changed it") }
            _ = try? ParquetSchema(elements: meta.schema)
        }
        if let page = try? PageHeader.decode(bytes) {
            guard let again = try? PageHeader.decode(page.thriftEncoded()) else { finding("re-encoded page header does not decode") }
            if again != page { finding("page header round trip changed it") }
        }
        // Whole-file framing: footer length and magic at the end, as a reader finds them.
        if bytes.count >= 12, bytes.suffix(4).elementsEqual("PAR1".utf8) {
            let n = bytes.count
            let len = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
            if len <= n - 8 { _ = try? FileMetaData.decode(Array(bytes[(n - 8 - len)..<(n - 8)])) }
        }
    }

    /// Page decompression (first byte picks the codec, the next four the declared size); oracle: what decompresses
    /// recompresses and decompresses to the same bytes.
    static func codec(_ bytes: [UInt8]) {
        guard bytes.count >= 5 else { return }
        let codecs: [CompressionCodec] = [.snappy, .gzip, .zstd, .lz4Raw, .uncompressed, .snappy, .snappy, .zstd]
        let codec = codecs[Int(bytes[0]) % codecs.count]
        let declared = Int(bytes[1]) | Int(bytes[2]) << 8 | Int(bytes[3]) << 16 | Int(bytes[4] & 0x3f) << 24
        let input = Array(bytes[5...])
        guard let out = try? PageCompression.decompress(input, codec: codec, uncompressedSize: declared) else { return }
        if out.count != declared { finding("\(codec) returned \(out.count) bytes, declared \(declared)") }
        guard let packed = try? PageCompression.compress(out, codec: codec),
              let back = try? PageCompression.decompress(packed, codec: codec, uncompressedSize: out.count) else {
            finding("\(codec) cannot round-trip \(out.count) bytes")
        }
        if back != out { finding("\(codec) round trip changed the bytes") }
    }

    /// The CSV tokenizer; oracle: reading in one piece and in small chunks through a tiny buffer gives the same
    /// records and the same error.
    static func csv(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let chunk = Int(first % 7) + 1
        let body = Array(bytes.dropFirst())
        let a = tokenize(body, chunk: .max, buffer: 1 << 16, ragged: first & 0x80 != 0)
        let b = tokenize(body, chunk: chunk, buffer: 4 + Int(first % 13), ragged: first & 0x80 != 0)
        if a != b { finding("chunked tokenizing differs: \(a) vs \(b)") }
        if first & 0x80 != 0 {
            // In blocks (as the conversion reads) the same records and the same first error.
            let c = tokenizeBlocks(body, chunk: chunk, buffer: 4 + Int(first % 13), rows: Int(first % 5) + 1)
            if a != c { finding("block tokenizing differs: \(a) vs \(c)") }
        }
    }

    static func tokenizeBlocks(_ bytes: [UInt8], chunk: Int, buffer: Int, rows: Int) -> String {
        let tok = CSVTokenizer(source: MemoryByteSource(bytes, name: "fuzz.csv", chunk: chunk), bufferSize: buffer,
                               maxRecordBytes: 1 << 16)
        var out: [String] = []
        do {
            guard try tok.nextRecord() else { return "" }
            tok.expectedFieldCount = tok.record.count
            out.append("\(tok.record.line):" + tok.record.strings.joined(separator: "\u{1f}"))
            while true {
                let end = try tok.nextBlock(maxRows: rows)
                let block = tok.block
                for r in 0..<block.rowCount {
                    out.append("\(block.line(ofRow: r)):" + block.strings(row: r).joined(separator: "\u{1f}"))
                }
                if case .badRecord(let error) = end { throw error }
                if end == .endOfInput { break }
            }
        } catch { out.append("error: \(error)") }
        return out.joined(separator: "\n")
    }

    static func tokenize(_ bytes: [UInt8], chunk: Int, buffer: Int, ragged: Bool) -> String {
        let tok = CSVTokenizer(source: MemoryByteSource(bytes, name: "fuzz.csv", chunk: chunk), bufferSize: buffer,
                               maxRecordBytes: 1 << 16)
        var out: [String] = []
        do {
            while try tok.nextRecord() {
                if ragged && tok.expectedFieldCount == nil { tok.expectedFieldCount = tok.record.count }
                out.append("\(tok.record.line):" + tok.record.strings.joined(separator: "\u{1f}"))
            }
        } catch { out.append("error: \(error)") }
        return out.joined(separator: "\n")
    }

    /// The whole Parquet read path: footer framing, metadata, schema, page headers, decompression, decoding and
    /// record assembly. No oracle beyond "a located error or rows, within the memory limit".
    static func parquet(_ bytes: [UInt8]) {
        guard let reader = try? ParquetFileReader(bytes: bytes, path: "fuzz.parquet") else { return }
        _ = try? reader.readRows()
    }

    /// Deletion vectors: the RoaringBitmapArray decoder (first byte bounds the cardinality), Z85, relative DV paths
    /// and inline DVs. Oracle: at most `limit` rows, strictly ascending (a reader relies on it to skip rows).
    static func deletionVector(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let body = Array(bytes.dropFirst())
        let limit = Int64(first) * 64 + 1
        if let rows = try? RoaringBitmapArray.decode(body, file: "fuzz.bin", limit: limit) {
            if Int64(rows.count) > limit { finding("decoded \(rows.count) rows, cardinality limit \(limit)") }
            for i in rows.indices.dropFirst() where rows[i] <= rows[i - 1] {
                finding("deleted rows not strictly ascending at \(i): \(rows[i - 1]), \(rows[i])")
            }
        }
        let text = String(decoding: body, as: UTF8.self)
        _ = Z85.decode(text)
        _ = try? DeletionVectorLoader.relativePath(of: DeletionVectorDescriptor(
            storageType: "u", pathOrInlineDv: text, offset: 1, sizeInBytes: 1, cardinality: 1))
        _ = try? DeletionVectorLoader(storage: MemoryStorage()).deletedRows(DeletionVectorDescriptor(
            storageType: "i", pathOrInlineDv: text, offset: nil, sizeInBytes: Int32(clamping: body.count), cardinality: limit))
    }

    /// The `_last_checkpoint` reader; oracle: a record it accepts round-trips through its own JSON.
    static func lastCheckpoint(_ bytes: [UInt8]) {
        guard let cp = try? LastCheckpoint(bytes: bytes) else { return }
        guard let again = try? LastCheckpoint(bytes: cp.jsonBytes) else { finding("own _last_checkpoint JSON refused") }
        if again != cp { finding("_last_checkpoint round trip changed it") }
    }
}
