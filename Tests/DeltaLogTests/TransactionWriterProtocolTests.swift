import Storage
import Testing
@testable import DeltaLog

/// The writer side of the protocol: minimum protocols for new tables, refusal of unsupported features by name,
/// appendOnly, invariants and check constraints, interval parsing.
struct TransactionWriterProtocolTests {
    @Test func minimumProtocols() {
        let plain = WriteFixtures.metadata()
        #expect(WriterFeatures.minimumProtocol(for: plain) == ProtocolAction(minReaderVersion: 1, minWriterVersion: 2))
        let mapped = WriteFixtures.metadata(["delta.columnMapping.mode": "name", "delta.columnMapping.maxColumnId": "2"])
        #expect(WriterFeatures.minimumProtocol(for: mapped) == ProtocolAction(minReaderVersion: 2, minWriterVersion: 5))
        let cdf = WriteFixtures.metadata(["delta.enableChangeDataFeed": "true"])
        #expect(WriterFeatures.minimumProtocol(for: cdf) == ProtocolAction(minReaderVersion: 1, minWriterVersion: 4))
        let dv = WriterFeatures.minimumProtocol(for: plain, readerFeatures: ["deletionVectors"])
        #expect(dv == ProtocolAction(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["deletionVectors"],
                                     writerFeatures: ["appendOnly", "invariants", "deletionVectors"]))
        let dm = WriterFeatures.minimumProtocol(for: plain, writerFeatures: ["domainMetadata"])
        #expect(dm == ProtocolAction(minReaderVersion: 1, minWriterVersion: 7, readerFeatures: nil,
                                     writerFeatures: ["appendOnly", "invariants", "domainMetadata"]))
    }

    struct GateCase: CustomStringConvertible, Sendable {
        var name: String
        var proto: ProtocolAction
        var config: [String: String] = [:]
        var schema: String = WriteFixtures.schema
        var removesData = false
        /// The feature named in the refusal, "" for writeRefused, nil when allowed.
        var refused: String?
        var description: String { name }
    }

    static let gateCases: [GateCase] = [
        GateCase(name: "1/2 plain", proto: .init(minReaderVersion: 1, minWriterVersion: 2), refused: nil),
        GateCase(name: "legacy 2/6 without identity columns", proto: .init(minReaderVersion: 2, minWriterVersion: 6), refused: nil),
        GateCase(name: "features with rowTracking", proto: .init(minReaderVersion: 3, minWriterVersion: 7,
                 readerFeatures: [], writerFeatures: ["appendOnly", "rowTracking"]), refused: "rowTracking"),
        GateCase(name: "unknown feature", proto: .init(minReaderVersion: 3, minWriterVersion: 7,
                 readerFeatures: [], writerFeatures: ["futureThing"]), refused: "futureThing"),
        GateCase(name: "writer 8", proto: .init(minReaderVersion: 1, minWriterVersion: 8), refused: "writer version 8"),
        GateCase(name: "invariants in schema", proto: .init(minReaderVersion: 1, minWriterVersion: 2),
                 schema: #"{"type":"struct","fields":[{"name":"x","type":"long","nullable":true,"metadata":{"delta.invariants":"{\"expression\":{\"expression\":\"x > 3\"}}"}}]}"#,
                 refused: "invariants"),
        GateCase(name: "check constraint", proto: .init(minReaderVersion: 1, minWriterVersion: 3),
                 config: ["delta.constraints.positive": "id > 0"], refused: "checkConstraints"),
        GateCase(name: "check constraint on a 1/2 table is not in force", proto: .init(minReaderVersion: 1, minWriterVersion: 2),
                 config: ["delta.constraints.positive": "id > 0"], refused: nil),
        GateCase(name: "in-commit timestamps enabled", proto: .init(minReaderVersion: 1, minWriterVersion: 7, writerFeatures: ["inCommitTimestamp"]),
                 config: ["delta.enableInCommitTimestamps": "true"], refused: nil),
        GateCase(name: "CDF append", proto: .init(minReaderVersion: 1, minWriterVersion: 4),
                 config: ["delta.enableChangeDataFeed": "true"], refused: nil),
        GateCase(name: "CDF delete", proto: .init(minReaderVersion: 1, minWriterVersion: 4),
                 config: ["delta.enableChangeDataFeed": "true"], removesData: true, refused: "changeDataFeed"),
        GateCase(name: "appendOnly remove", proto: .init(minReaderVersion: 1, minWriterVersion: 2),
                 config: ["delta.appendOnly": "true"], removesData: true, refused: ""),
        GateCase(name: "appendOnly append", proto: .init(minReaderVersion: 1, minWriterVersion: 2),
                 config: ["delta.appendOnly": "true"], refused: nil),
    ]

    @Test(arguments: gateCases)
    func gate(_ c: GateCase) {
        let md = Metadata(id: "t", schemaString: c.schema, configuration: c.config)
        do {
            try WriterFeatures.check(protocol: c.proto, metadata: md, removesData: c.removesData)
            #expect(c.refused == nil, "\(c.name) should be refused")
        } catch DeltaError.unsupportedFeature(let name, let op) {
            #expect(c.refused == name, "\(c.name): refused \(name) (\(op))")
        } catch DeltaError.writeRefused(let reason) {
            #expect(c.refused == "", "\(c.name): \(reason)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func appendOnlyTableRefusesDeleteTransaction() throws {
        let storage = MemoryStorage()
        let state = try WriteFixtures.create(storage, config: ["delta.appendOnly": "true"])
        let txn = Transaction(storage: storage, readState: state, operation: "DELETE")
        txn.remove(RemoveFile(path: "a.parquet"))
        #expect(throws: DeltaError.self) { try txn.commit() }
        let compaction = Transaction(storage: storage, readState: state, operation: "OPTIMIZE")
        compaction.remove(RemoveFile(path: "a.parquet", dataChange: false))
        #expect(try compaction.commitOrThrow() == 1)
    }

    @Test func protocolDowngradeIsRefused() throws {
        let storage = MemoryStorage()
        var state = try WriteFixtures.create(storage)
        state.protocol = ProtocolAction(minReaderVersion: 2, minWriterVersion: 5)
        let txn = Transaction(storage: storage, readState: state)
        txn.updateProtocol(ProtocolAction(minReaderVersion: 1, minWriterVersion: 2))
        #expect(throws: DeltaError.self) { try txn.commit() }
    }

    @Test func intervals() {
        #expect(TableProperties.intervalMillis("interval 7 days") == Int64(604_800_000))
        #expect(TableProperties.intervalMillis("interval 1 week") == Int64(604_800_000))
        #expect(TableProperties.intervalMillis("2 hours 30 minutes") == 9_000_000)
        #expect(TableProperties.intervalMillis("interval 0 seconds") == 0)
        #expect(TableProperties.intervalMillis("soon") == nil)
        #expect(TableProperties(["delta.logRetentionDuration": "bad"]).logRetentionMillis == 30 * 86_400_000)
        #expect(TableProperties(["delta.checkpointInterval": "3"]).checkpointInterval == 3)
        #expect(TableProperties(["delta.checkpointInterval": "-1"]).checkpointInterval == 10)
    }
}

/// Column mapping and type-driven features for new tables.
struct TransactionColumnMappingTests {
    @Test func enablingColumnMappingNumbersEveryField() throws {
        let nested = #"{"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":{}},{"name":"s","type":{"type":"struct","fields":[{"name":"x","type":"string","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]}"#
        let md = try ColumnMappingAssignment.enable(on: Metadata(id: "t", schemaString: nested))
        #expect(md.configuration["delta.columnMapping.mode"] == "name")
        #expect(md.configuration["delta.columnMapping.maxColumnId"] == "3")
        let schema = try StructType(json: md.schemaString)
        #expect(schema.fields.map(\.columnMappingID) == [1, 2])
        guard case .struct(let inner) = schema.fields[1].type else { Issue.record("lost struct"); return }
        #expect(inner.fields[0].columnMappingID == 3)
        #expect(schema.fields.allSatisfy { $0.physicalNameMetadata?.hasPrefix("col-") == true })
        #expect(WriterFeatures.minimumProtocol(for: md) == ProtocolAction(minReaderVersion: 2, minWriterVersion: 5))
        #expect(throws: DeltaError.self) { try ColumnMappingAssignment.enable(on: md, mode: "maybe") }
    }

    @Test func timestampNtzNeedsTableFeatures() throws {
        let s = #"{"type":"struct","fields":[{"name":"t","type":"timestamp_ntz","nullable":true,"metadata":{}}]}"#
        let p = try WriterFeatures.protocolForNewTable(Metadata(id: "t", schemaString: s))
        #expect(p.minReaderVersion == 3 && p.minWriterVersion == 7)
        #expect(p.readerFeatures == ["timestampNtz"] && p.writerFeatures?.contains("timestampNtz") == true)
        let v = #"{"type":"struct","fields":[{"name":"v","type":"variant","nullable":true,"metadata":{}}]}"#
        let txn = Transaction(storage: MemoryStorage(), readState: .newTable, operation: "CREATE TABLE")
        txn.updateMetadata(Metadata(id: "t", schemaString: v))
        #expect(throws: DeltaError.self) { try txn.commit() }
    }
}
