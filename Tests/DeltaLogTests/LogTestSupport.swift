import DeltaLog
import Storage

/// Builds in-memory tables commit by commit for replay and snapshot tests.
struct MemoryTable {
    let storage = MemoryStorage()
    static let schema = #"{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},{"name":"p","type":"string","nullable":true,"metadata":{}}]}"#

    static func protocolLine(reader: Int = 1, writer: Int = 2, readerFeatures: [String]? = nil) -> String {
        var s = #"{"protocol":{"minReaderVersion":\#(reader),"minWriterVersion":\#(writer)"#
        if let readerFeatures {
            s += #","readerFeatures":["# + readerFeatures.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            s += #","writerFeatures":["# + readerFeatures.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        }
        return s + "}}"
    }

    static func metadataLine(configuration: String = "{}", partitionColumns: String = "[]") -> String {
        #"{"metaData":{"id":"t1","format":{"provider":"parquet","options":{}},"schemaString":"\#(schema.replacingQuotes)","partitionColumns":\#(partitionColumns),"configuration":\#(configuration),"createdTime":1}}"#
    }

    static func add(_ path: String, rows: Int? = 1, size: Int = 100, dv: String? = nil) -> String {
        var s = #"{"add":{"path":"\#(path)","partitionValues":{},"size":\#(size),"modificationTime":1,"dataChange":true"#
        if let rows { s += #","stats":"{\"numRecords\":\#(rows)}""# }
        if let dv { s += #","deletionVector":\#(dv)"# }
        return s + "}}"
    }

    static func remove(_ path: String, dv: String? = nil) -> String {
        var s = #"{"remove":{"path":"\#(path)","deletionTimestamp":5,"dataChange":true"#
        if let dv { s += #","deletionVector":\#(dv)"# }
        return s + "}}"
    }

    static func commitInfo(_ ts: Int64, ict: Int64? = nil) -> String {
        var s = #"{"commitInfo":{"#
        if let ict { s += #""inCommitTimestamp":\#(ict),"# }
        return s + #""timestamp":\#(ts),"operation":"WRITE","operationParameters":{"mode":"Append"},"engineInfo":"test"}}"#
    }

    func commit(_ version: Int64, _ lines: [String]) throws {
        try storage.put(Version(version).commitPath, Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    var table: DeltaTable { DeltaTable(storage: storage) }
}

extension String {
    var replacingQuotes: String {
        var out = ""
        for c in self { if c == "\"" { out += "\\\"" } else { out.append(c) } }
        return out
    }
}
