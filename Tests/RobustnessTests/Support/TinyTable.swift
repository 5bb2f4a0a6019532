import DeltaLog
import Foundation

/// A small, real Delta table on local disk for the robustness tests: version 0 creates it (protocol 1/2, one
/// `value INT` column), every version adds `filesPerVersion` copies of ``TinyParquet`` (2 rows each, with
/// `numRecords` statistics). Commits are written as plain JSON lines so that tests can corrupt them precisely.
struct TinyTable {
    /// The table's root folder.
    let root: String
    /// The newest version written.
    private(set) var version: Int64 = -1
    /// Data files of the table (relative paths), in the order they were added.
    private(set) var dataFiles: [String] = []

    /// Creates a table of `versions` versions (0 ... versions-1) at `root`.
    static func create(at root: String, versions: Int = 3, filesPerVersion: Int = 1) throws -> TinyTable {
        var t = TinyTable(root: root)
        try FileManager.default.createDirectory(atPath: root + "/_delta_log", withIntermediateDirectories: true)
        for _ in 0..<versions { try t.append(files: filesPerVersion) }
        return t
    }

    /// Rows at the latest version.
    var rows: Int64 { Int64(dataFiles.count) * TinyParquet.rows }

    /// The path of the commit file of `v`.
    func commitFile(_ v: Int64) -> String { root + "/" + Version(v).commitPath }

    /// Writes data files and commits a version adding them.
    @discardableResult
    mutating func append(files: Int) throws -> Int64 {
        var lines: [String] = []
        for i in 0..<files {
            let name = "part-\(String(format: "%05d", version + 1))-\(i)-c000.snappy.parquet"
            try Data(TinyParquet.bytes).write(to: URL(fileURLWithPath: root + "/" + name))
            dataFiles.append(name)
            lines.append(Self.addLine(name))
        }
        return try commit(lines)
    }

    /// Commits the next version with raw action lines (version 0 gets protocol and metadata first).
    @discardableResult
    mutating func commit(_ actionLines: [String], protocolLine: String = Self.protocolLine) throws -> Int64 {
        version += 1
        var all = [#"{"commitInfo":{"timestamp":\#(1_700_000_000_000 + version * 1000),"operation":"WRITE","operationParameters":{"mode":"Append"}}}"#]
        if version == 0 { all += [protocolLine, Self.metadataLine] }
        all += actionLines
        try Data((all.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: commitFile(version)))
        return version
    }

    /// The protocol of a new tiny table.
    static let protocolLine = #"{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}"#
    /// The metadata of every tiny table.
    static let metadataLine = #"{"metaData":{"id":"0b7f0e3c-4f5e-4a4e-9d6e-5a1e0c0ffee0","format":{"provider":"parquet","options":{}},"schemaString":"# + jsonQuoted(TinyParquet.schemaString) + #","partitionColumns":[],"configuration":{},"createdTime":1700000000000}}"#

    /// An add action for `path` (size and stats of ``TinyParquet`` unless given).
    static func addLine(_ path: String, size: Int = TinyParquet.bytes.count) -> String {
        #"{"add":{"path":"\#(path)","partitionValues":{},"size":\#(size),"modificationTime":1700000000000,"dataChange":true,"stats":"{\"numRecords\":2}"}}"#
    }

    /// `s` as a JSON string literal.
    static func jsonQuoted(_ s: String) -> String { JSONWriter.serialize(.string(s)) }
}
