import Foundation
import Parquet
import Testing
import TestSupport

/// A Delta-checkpoint-shaped schema: structs, string maps, string lists, nested struct in struct.
enum CheckpointLikeSchema {
    static func stringMap(_ name: String) -> SchemaNode {
        .map(name, key: ParquetColumnType.string.node("key", nullable: false), value: ParquetColumnType.string.node("value"))
    }

    static func stringList(_ name: String) -> SchemaNode {
        .list(name, element: ParquetColumnType.string.node("element"))
    }

    static let fields: [SchemaNode] = [
        .group("txn", children: [ParquetColumnType.string.node("appId"), ParquetColumnType.int64.node("version"),
                                  ParquetColumnType.int64.node("lastUpdated")]),
        .group("add", children: [
            ParquetColumnType.string.node("path"), stringMap("partitionValues"), ParquetColumnType.int64.node("size"),
            ParquetColumnType.int64.node("modificationTime"), ParquetColumnType.boolean.node("dataChange"),
            ParquetColumnType.string.node("stats"), stringMap("tags"),
            .group("deletionVector", children: [
                ParquetColumnType.string.node("storageType"), ParquetColumnType.string.node("pathOrInlineDv"),
                ParquetColumnType.int32.node("offset"), ParquetColumnType.int32.node("sizeInBytes"),
                ParquetColumnType.int64.node("cardinality")]),
        ]),
        .group("remove", children: [
            ParquetColumnType.string.node("path"), ParquetColumnType.int64.node("deletionTimestamp"),
            ParquetColumnType.boolean.node("dataChange"), stringMap("partitionValues"), ParquetColumnType.int64.node("size"),
        ]),
        .group("metaData", children: [
            ParquetColumnType.string.node("id"), ParquetColumnType.string.node("name"),
            .group("format", children: [ParquetColumnType.string.node("provider"), stringMap("options")]),
            ParquetColumnType.string.node("schemaString"), stringList("partitionColumns"), stringMap("configuration"),
            ParquetColumnType.timestamp.node("createdTime"), ParquetColumnType.decimal(precision: 30, scale: 2).node("budget"),
            .list("matrix", element: .list("element", element: ParquetColumnType.double.node("element"))),
        ]),
        .group("protocol", children: [
            ParquetColumnType.int32.node("minReaderVersion"), ParquetColumnType.int32.node("minWriterVersion"),
            stringList("readerFeatures"), stringList("writerFeatures"),
        ]),
    ]

    static func map(_ pairs: [(String, String?)]) -> ParquetValue {
        .map(pairs.map { ParquetMapEntry(key: .string($0.0), value: $0.1.map { .string($0) } ?? .null) })
    }

    /// Rows: protocol, metaData, many adds (varied maps, DVs, nulls), removes, a txn.
    static func rows(adds: Int) -> [ParquetValue] {
        var rows: [ParquetValue] = []
        rows.append(.structure([ParquetField("protocol", .structure([
            ParquetField("minReaderVersion", .int32(3)), ParquetField("minWriterVersion", .int32(7)),
            ParquetField("readerFeatures", .list([.string("deletionVectors")])),
            ParquetField("writerFeatures", .list([.string("deletionVectors"), .string("appendOnly"), .null])),
        ]))]))
        rows.append(.structure([ParquetField("metaData", .structure([
            ParquetField("id", .string("6b7f…-id")), ParquetField("name", .null),
            ParquetField("format", .structure([ParquetField("provider", .string("parquet")), ParquetField("options", map([]))])),
            ParquetField("schemaString", .string(#"{"type":"struct","fields":[]}"#)),
            ParquetField("partitionColumns", .list([.string("date"), .string("region")])),
            ParquetField("configuration", map([("delta.enableDeletionVectors", "true"), ("k", nil)])),
            ParquetField("createdTime", .timestamp(1_700_000_000_123_456, unit: .micros, isAdjustedToUTC: true)),
            ParquetField("budget", .decimal("-1234567890123456.05")),
            ParquetField("matrix", .list([.list([.double(1.5), .null]), .list([]), .null, .list([.double(-2)])])),
        ]))]))
        for i in 0..<adds {
            var add: [ParquetField] = [
                ParquetField("path", .string("date=2024-01-\(i % 28 + 1)/part-\(i).snappy.parquet")),
                ParquetField("partitionValues", i % 5 == 0 ? map([]) : map([("date", "2024-01-\(i % 28 + 1)"), ("region", i % 3 == 0 ? nil : "eu")])),
                ParquetField("size", .int64(Int64(1000 + i * 17))),
                ParquetField("modificationTime", .int64(1_700_000_000_000 + Int64(i))),
                ParquetField("dataChange", .bool(i % 2 == 0)),
                ParquetField("stats", i % 4 == 0 ? .null : .string(#"{"numRecords":\#(i)}"#)),
                ParquetField("tags", i % 7 == 0 ? map([("INSERTION_TIME", "\(i)")]) : .null),
            ]
            if i % 6 == 0 {
                add.append(ParquetField("deletionVector", .structure([
                    ParquetField("storageType", .string("u")), ParquetField("pathOrInlineDv", .string("ab^-aqEH.-t@S}K{vb[*k^")),
                    ParquetField("offset", .int32(1)), ParquetField("sizeInBytes", .int32(36)),
                    ParquetField("cardinality", .int64(Int64(i))),
                ])))
            }
            rows.append(.structure([ParquetField("add", .structure(add))]))
        }
        for i in 0..<3 {
            rows.append(.structure([ParquetField("remove", .structure([
                ParquetField("path", .string("old-\(i).parquet")), ParquetField("deletionTimestamp", .int64(Int64(i))),
                ParquetField("dataChange", .bool(true)),
            ]))]))
        }
        rows.append(.structure([ParquetField("txn", .structure([
            ParquetField("appId", .string("streaming-app")), ParquetField("version", .int64(42)),
        ]))]))
        return rows
    }

    /// The referee's canonical form of `value` under `node` (struct fields by schema, absent ones null).
    static func canonical(_ node: SchemaNode, _ value: ParquetValue) -> Any {
        if value.isNull { return NSNull() }
        if node.isLeaf {
            switch value {
            case .bool(let b): return b
            case .int32(let v): return Int(v)
            case .int64(let v): return Int(v)
            case .double(let v): return WriterReferee.float(v)
            case .float(let v): return WriterReferee.float(Double(v))
            case .string(let s): return s
            case .binary(let b): return WriterReferee.bytes(b)
            case .decimal(let t): return "d:" + t
            case .date(let d): return "date:\(d)"
            case .timestamp(let v, _, _): return "ts:\(v)"
            default: return "\(value)"
            }
        }
        if node.isListAnnotated {
            let inner = node.children[0]
            let element = inner.isLeaf ? inner : inner.children[0]
            return (value.listValue ?? []).map { canonical(element, $0) }
        }
        if node.isMapAnnotated {
            let kv = node.children[0]
            return (value.mapEntries ?? []).map { [canonical(kv.children[0], $0.key), canonical(kv.children[1], $0.value)] }
        }
        var out: [String: Any] = [:]
        for child in node.children { out[child.name] = canonical(child, value[child.name] ?? .null) }
        return out
    }
}

@Suite struct RecordWriterTests {
    @Test(arguments: [CompressionCodec.snappy, .zstd, .uncompressed])
    func checkpointShapedRecordsReadByPyarrowDuckDBAndOurReader(codec: CompressionCodec) throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("checkpoint.parquet")
        let rows = CheckpointLikeSchema.rows(adds: 500)
        let options = ParquetWriterOptions(codec: codec, rowGroupSize: 128 << 20, pageSize: 4096)
        let writer = try ParquetFileWriter(fields: CheckpointLikeSchema.fields, sink: try FileSink(path: path), options: options)
        try writer.write(rows: Array(rows[..<100]))
        try writer.write(rows: Array(rows[100...]))
        let summary = try writer.close()
        #expect(summary.numRows == Int64(rows.count))

        // Statistics returned to the caller for nested leaves.
        let size = summary.column(["add", "size"])?.statistics
        #expect(size?.min == .int64(1000) && size?.max == .int64(1000 + 499 * 17))
        #expect(size?.nullCount == Int64(rows.count - 500))
        let removePath = summary.column(["remove", "path"])?.statistics
        #expect(removePath?.min?.stringValue == "old-0.parquet" && removePath?.max?.stringValue == "old-2.parquet", "\(String(describing: removePath))")

        var columns: [String: Any] = [:]
        for field in CheckpointLikeSchema.fields {
            columns[field.name] = rows.map { CheckpointLikeSchema.canonical(field, $0[field.name] ?? .null) }
        }
        if let verdict = try WriterReferee.check(path, expected: ["columns": columns, "num_row_groups": 1]) {
            #expect(verdict.errors == [])
            #expect(verdict.stats["add.size"]?.first?[2] as? Int == rows.count - 500)
            #expect(verdict.stats["add.size"]?.first?[0] as? Int == 1000)
        }

        // Round trip through the project's own reader.
        let reader = try ParquetFileReader(path: path)
        let back = try reader.readRows()
        #expect(back.count == rows.count)
        let schemaRoot = reader.schema.root
        for (i, (a, b)) in zip(rows, back).enumerated() {
            let ca = CheckpointLikeSchema.canonical(schemaRoot, a) as? NSObject
            let cb = CheckpointLikeSchema.canonical(schemaRoot, b) as? NSObject
            if ca != cb { Issue.record("row \(i) differs: \(b)"); break }
        }
    }

    @Test func rejectsRecordsThatDoNotMatch() throws {
        let fields = [ParquetColumnType.int64.node("a", nullable: false), CheckpointLikeSchema.stringList("l")]
        func attempt(_ row: ParquetValue) throws {
            let writer = try ParquetFileWriter(fields: fields, sink: MemorySink())
            try writer.write(rows: [row])
        }
        #expect(throws: ParquetWriteError.self) { try attempt(.structure([ParquetField("l", .list([]))])) }  // required a missing
        #expect(throws: ParquetWriteError.self) { try attempt(.structure([ParquetField("a", .string("x"))])) }
        #expect(throws: ParquetWriteError.self) { try attempt(.structure([ParquetField("a", .int64(1)), ParquetField("l", .int64(2))])) }
        #expect(throws: ParquetWriteError.self) { try attempt(.structure([ParquetField("zz", .int64(1))])) }
        #expect(throws: ParquetWriteError.self) { try attempt(.int64(1)) }
        #expect(throws: Never.self) { try attempt(.structure([ParquetField("a", .int64(1))])) }
    }
}
