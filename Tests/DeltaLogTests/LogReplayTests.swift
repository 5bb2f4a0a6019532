import Storage
import Testing
@testable import DeltaLog

@Suite struct LogReplayTests {
    @Test func addRemoveReAddAcrossCommits() throws {
        let t = MemoryTable()
        try t.commit(0, [MemoryTable.commitInfo(1), MemoryTable.protocolLine(), MemoryTable.metadataLine(),
                         MemoryTable.add("a", rows: 3), MemoryTable.add("b", rows: 4)])
        try t.commit(1, [MemoryTable.remove("a"), MemoryTable.add("c", rows: 5)])
        try t.commit(2, [MemoryTable.add("a", rows: 7)])
        try t.commit(3, [MemoryTable.remove("b")])
        let latest = try t.table.snapshot()
        #expect(latest.version == 3)
        #expect(latest.activeFilesByPath.map(\.path) == ["a", "c"])
        #expect(latest.numRecordsFromStats == 12)
        #expect(latest.tombstones.map(\.path) == ["b"])
        let v1 = try t.table.snapshot(at: 1)
        #expect(v1.activeFilesByPath.map(\.path) == ["b", "c"] && v1.tombstones.map(\.path) == ["a"])
        let v0 = try t.table.snapshot(at: 0)
        #expect(v0.activeFilesByPath.map(\.path) == ["a", "b"] && v0.numRecordsFromStats == 7)
    }

    @Test func deletionVectorUpdateIsKeyedByDV() throws {
        let dv1 = #"{"storageType":"i","pathOrInlineDv":"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L","sizeInBytes":40,"cardinality":1}"#
        let dv2 = #"{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":1,"sizeInBytes":36,"cardinality":2}"#
        let t = MemoryTable()
        try t.commit(0, [MemoryTable.protocolLine(reader: 3, writer: 7, readerFeatures: ["deletionVectors"]),
                         MemoryTable.metadataLine(), MemoryTable.add("f", rows: 10)])
        try t.commit(1, [MemoryTable.remove("f"), MemoryTable.add("f", rows: 10, dv: dv1)])
        try t.commit(2, [MemoryTable.remove("f", dv: dv1), MemoryTable.add("f", rows: 10, dv: dv2)])
        let s = try t.table.snapshot()
        #expect(s.activeFiles.count == 1)
        #expect(s.activeFiles.first?.deletionVector?.storageType == "u")
        #expect(s.numRecordsFromStats == 8 && s.numDeletedRows == 2)
        #expect(try t.table.snapshot(at: 1).numRecordsFromStats == 9)
    }

    @Test func latestProtocolMetadataTxnAndDomainsWin() throws {
        let t = MemoryTable()
        try t.commit(0, [MemoryTable.protocolLine(), MemoryTable.metadataLine(),
                         #"{"txn":{"appId":"app","version":1}}"#,
                         #"{"domainMetadata":{"domain":"d1","configuration":"{}","removed":false}}"#,
                         #"{"domainMetadata":{"domain":"d2","configuration":"x","removed":false}}"#])
        try t.commit(1, [MemoryTable.metadataLine(configuration: #"{"k":"v"}"#), #"{"txn":{"appId":"app","version":5}}"#,
                         #"{"txn":{"appId":"other","version":2}}"#,
                         #"{"domainMetadata":{"domain":"d1","configuration":"{}","removed":true}}"#])
        let s = try t.table.snapshot()
        #expect(s.metadata.configuration == ["k": "v"])
        #expect(s.txnVersions == ["app": 5, "other": 2])
        #expect(Set(s.domainMetadata.keys) == ["d2"])
        #expect(try t.table.snapshot(at: 0).txnVersions == ["app": 1])
    }

    @Test func missingProtocolOrMetadataIsAnError() throws {
        let t = MemoryTable()
        try t.commit(0, [MemoryTable.metadataLine(), MemoryTable.add("a")])
        #expect(throws: DeltaError.self) { try t.table.snapshot() }
    }

    @Test func unsupportedReaderFeatureIsNamed() throws {
        let t = MemoryTable()
        try t.commit(0, [MemoryTable.protocolLine(reader: 3, writer: 7, readerFeatures: ["deletionVectors", "fancyNewThing"]),
                         MemoryTable.metadataLine()])
        do { _ = try t.table.snapshot(); Issue.record("expected refusal") } catch {
            #expect("\(error)".contains("fancyNewThing"))
        }
        let t4 = MemoryTable()
        try t4.commit(0, [MemoryTable.protocolLine(reader: 4, writer: 7), MemoryTable.metadataLine()])
        #expect(throws: DeltaError.self) { try t4.table.snapshot() }
    }

    @Test func timeTravelErrors() throws {
        let t = MemoryTable()
        try t.commit(0, [MemoryTable.protocolLine(), MemoryTable.metadataLine()])
        try t.commit(1, [MemoryTable.add("a")])
        do { _ = try t.table.snapshot(at: 5); Issue.record("expected error") } catch let e as DeltaError {
            guard case .versionNotFound(5, 0, 1) = e else { Issue.record("\(e)"); return }
        }
        #expect(try t.table.latestVersion() == 1)
        #expect(throws: DeltaError.self) { try DeltaTable(storage: MemoryStorage()).snapshot() }
    }

    @Test func malformedLineNamesFileAndLine() throws {
        let t = MemoryTable()
        try t.commit(0, [MemoryTable.protocolLine(), MemoryTable.metadataLine(), #"{"add":{"path":"a","size":1,"#])
        do { _ = try t.table.snapshot(); Issue.record("expected error") } catch {
            #expect("\(error)".contains("00000000000000000000.json") && "\(error)".contains("line 3"))
        }
    }

    @Test func timestampTravelUsesInCommitTimestamps() throws {
        let t = MemoryTable()
        let conf = #"{"delta.enableInCommitTimestamps":"true"}"#
        try t.commit(0, [MemoryTable.commitInfo(1, ict: 1000), MemoryTable.protocolLine(), MemoryTable.metadataLine(configuration: conf)])
        try t.commit(1, [MemoryTable.commitInfo(1, ict: 2000), MemoryTable.add("a")])
        try t.commit(2, [MemoryTable.commitInfo(1, ict: 3000), MemoryTable.add("b")])
        #expect(try t.table.snapshot(atTimestamp: 2500).version == 1)
        #expect(try t.table.snapshot(atTimestamp: 3000).version == 2)
        #expect(try t.table.snapshot(atTimestamp: 9999).version == 2)
        #expect(try t.table.snapshot().timestamp == 3000)
        #expect(throws: DeltaError.self) { try t.table.snapshot(atTimestamp: 999) }
        let h = try t.table.history(limit: 2)
        #expect(h.map(\.version) == [2, 1] && h.first?.operation == "WRITE" && h.first?.timestamp == 3000)
    }

    @Test func v2JSONCheckpointWithJSONSidecar() throws {
        let t = MemoryTable()
        try t.storage.put("_delta_log/00000000000000000002.checkpoint.0a1b-2c.json", Array([
            #"{"checkpointMetadata":{"version":2}}"#, MemoryTable.protocolLine(reader: 3, writer: 7, readerFeatures: ["v2Checkpoint"]),
            MemoryTable.metadataLine(), #"{"sidecar":{"path":"s1.json","sizeInBytes":10,"modificationTime":1}}"#,
        ].joined(separator: "\n").utf8))
        try t.storage.put("_delta_log/_sidecars/s1.json", Array([MemoryTable.add("x", rows: 2), MemoryTable.add("y", rows: 3)].joined(separator: "\n").utf8))
        try t.commit(3, [MemoryTable.remove("x")])
        let s = try t.table.snapshot()
        #expect(s.version == 3 && s.activeFilesByPath.map(\.path) == ["y"] && s.segment.checkpoint?.version == 2)
        #expect(throws: DeltaError.self) { try t.table.snapshot(at: 1) }
    }
}

/// `cat`'s scan refuses a column asked for twice (it once crashed building its partition map).
@Suite struct TableScanColumnTests {
    @Test func columnAskedForTwiceIsRefused() throws {
        let t = MemoryTable()
        try t.commit(0, [MemoryTable.protocolLine(), MemoryTable.metadataLine(partitionColumns: #"["p"]"#)])
        let snap = try t.table.snapshot()
        #expect(throws: DeltaError.self) { try TableScan(table: t.table, snapshot: snap, columns: ["p", "P"]) }
        #expect(throws: DeltaError.self) { try TableScan(table: t.table, snapshot: snap, columns: ["id", "id"]) }
        #expect(try TableScan(table: t.table, snapshot: snap, columns: ["p", "id"]).columns.map(\.name) == ["p", "id"])
    }
}
