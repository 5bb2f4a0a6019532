import DeltaLog
import Testing

@Suite struct ActionCodingTests {
    /// Lines as Spark writes them (delta-rs/simple_table and PROTOCOL.md examples).
    static let lines = [
        #"{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["deletionVectors"],"writerFeatures":["deletionVectors"]}}"#,
        #"{"metaData":{"id":"5fba94ed-9794-4965-ba6e-6ee3c0d22af9","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{"delta.enableDeletionVectors":"true"},"createdTime":1587968585495}}"#,
        #"{"add":{"path":"date%3D2020-01-01/part-00000.snappy.parquet","partitionValues":{"date":"2020-01-01","x":null},"size":262,"modificationTime":1587968586000,"dataChange":true,"stats":"{\"numRecords\":1}","deletionVector":{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":4,"sizeInBytes":40,"cardinality":6},"futureField":{"k":1}}}"#,
        #"{"remove":{"path":"part-00001.snappy.parquet","deletionTimestamp":1587968596250,"dataChange":true,"extendedFileMetadata":true,"partitionValues":{},"size":429}}"#,
        #"{"txn":{"appId":"3ba13872-2d47-4e17-86a0-21afd2a22395","version":364475,"lastUpdated":1587968596254}}"#,
        #"{"commitInfo":{"timestamp":1587968586154,"operation":"WRITE","operationParameters":{"mode":"ErrorIfExists"},"isBlindAppend":true}}"#,
        #"{"domainMetadata":{"domain":"delta.clustering","configuration":"{\"clusteringColumns\":[]}","removed":false}}"#,
        #"{"sidecar":{"path":"016ae953-37a9-438e-8683-9a9a4a79a395.parquet","sizeInBytes":2304522,"modificationTime":1512909768000}}"#,
        #"{"checkpointMetadata":{"version":364475}}"#,
        #"{"cdc":{"path":"_change_data/cdc-00000.snappy.parquet","partitionValues":{},"size":1213,"dataChange":false}}"#,
        #"{"someFutureAction":{"a":1}}"#,
    ]

    @Test(arguments: lines)
    func decodesAndReencodesLosslessly(line: String) throws {
        let action = try Action(json: try JSONParser.parse(line))
        let again = try Action(json: try JSONParser.parse(action.jsonLine))
        #expect(action == again)
        // Every field of the input survives (compare as JSON values, order-insensitive for maps).
        #expect(try Self.canonical(JSONParser.parse(action.jsonLine)) == Self.canonical(JSONParser.parse(line)))
    }

    @Test func decodesTypedFields() throws {
        let add = try Action(json: try JSONParser.parse(Self.lines[2]))
        guard case .add(let a) = add else { Issue.record("not add"); return }
        #expect(a.path == "date%3D2020-01-01/part-00000.snappy.parquet")
        #expect(a.partitionValues["date"] == .some("2020-01-01"))
        #expect(a.partitionValues["x"] == .some(nil))
        #expect(a.deletionVector?.cardinality == 6)
        #expect(a.extra.map(\.0) == ["futureField"])
    }

    @Test(arguments: [
        (#"{"add":{"partitionValues":{},"size":1,"modificationTime":1,"dataChange":true}}"#, "add.path is missing"),
        (#"{"add":{"path":"a","size":"x"}}"#, "add.size must be an integer"),
        (#"{"protocol":{"minReaderVersion":1}}"#, "protocol.minWriterVersion is missing"),
    ])
    func reportsTheBadField(line: String, expected: String) throws {
        do {
            _ = try Action(json: try JSONParser.parse(line), file: "00000000000000000003.json", line: 2)
            Issue.record("accepted")
        } catch let error as DeltaError {
            #expect("\(error)".contains(expected), "\(error)")
            #expect("\(error)".contains("00000000000000000003.json, line 2"), "\(error)")
        }
    }

    @Test func versionFileNames() {
        #expect(Version(42).paddedName == "00000000000000000042")
        #expect(Version(7).commitPath == "_delta_log/00000000000000000007.json")
    }

    /// Objects with sorted keys, so that map order does not matter.
    static func canonical(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let m): return .object(m.map { ($0.0, canonical($0.1)) }.sorted { $0.0 < $1.0 })
        case .array(let a): return .array(a.map(canonical))
        default: return v
        }
    }
}
