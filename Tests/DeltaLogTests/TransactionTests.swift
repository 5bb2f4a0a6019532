import Foundation
import Storage
import Testing
import TestSupport
@testable import DeltaLog

/// Helpers shared by the write-path tests: a small schema, table creation and a listing-based read state.
enum WriteFixtures {
    static let schema = #"{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},{"name":"p","type":"string","nullable":true,"metadata":{}}]}"#

    static func metadata(_ config: [String: String] = [:], partitions: [String] = []) -> Metadata {
        Metadata(id: "6f9d1c2e-0000-4000-8000-000000000001", schemaString: schema, partitionColumns: partitions,
                 configuration: config)
    }

    static func add(_ path: String, rows: Int = 1, partition: [String: String?] = [:]) -> AddFile {
        AddFile(path: path, partitionValues: partition, size: 100, modificationTime: 1_700_000_000_000,
                stats: #"{"numRecords":\#(rows)}"#)
    }

    /// Creates a table (version 0) and returns its read state.
    static func create(_ storage: Storage, config: [String: String] = [:]) throws -> TransactionReadState {
        let txn = Transaction(storage: storage, readState: .newTable, operation: "CREATE TABLE")
        txn.updateMetadata(metadata(config))
        let outcome = try txn.commit()
        #expect(outcome.committedVersion == 0)
        return TransactionReadState(version: 0, protocol: WriterFeatures.minimumProtocol(for: metadata(config)),
                                    metadata: metadata(config))
    }

    /// The latest commit version, from a listing.
    static func latestVersion(_ storage: Storage) throws -> Version? {
        try storage.list(prefix: "_delta_log/").compactMap { info -> Version? in
            let name = info.path.dropFirst("_delta_log/".count)
            guard name.count == 25, name.hasSuffix(".json"), let v = Int64(name.prefix(20)) else { return nil }
            return Version(v)
        }.max()
    }

    static func commitActions(_ storage: Storage, _ v: Version) throws -> [Action] {
        try CommitFile.decode(storage.read(v.commitPath), file: v.commitPath)
    }
}

struct TransactionTests {
    @Test func createTableWritesCommitInfoFirstAndMinimumProtocol() throws {
        let storage = MemoryStorage()
        let txn = Transaction(storage: storage, readState: .newTable, operation: "CREATE TABLE")
        txn.updateMetadata(WriteFixtures.metadata())
        txn.add(WriteFixtures.add("a.parquet", rows: 3))
        guard case .committed(let v, let attempts, let report) = try txn.commit() else {
            Issue.record("not committed"); return
        }
        #expect(v == 0 && attempts == 1 && report.wroteChecksum)
        let actions = try WriteFixtures.commitActions(storage, 0)
        guard case .commitInfo(let info) = actions.first else { Issue.record("commitInfo not first"); return }
        #expect(info["engineInfo"]?.stringValue == "deltactl/0.1.0")
        #expect(info["operation"]?.stringValue == "CREATE TABLE")
        #expect(info["timestamp"]?.int64Value != nil)
        #expect(info["readVersion"] == nil)
        #expect(info["operationMetrics"]?["numOutputRows"]?.stringValue == "3")
        #expect(actions.contains(.protocol(ProtocolAction(minReaderVersion: 1, minWriterVersion: 2))))
        #expect(actions.contains { if case .metaData(let m) = $0 { return m.createdTime != nil }; return false })
        let crc = try VersionChecksum(bytes: storage.read("_delta_log/00000000000000000000.crc"), file: "crc")
        #expect(crc.numFiles == 1 && crc.tableSizeBytes == 100 && crc.protocol.minWriterVersion == 2)
    }

    @Test func newTableWithoutMetadataIsRefused() throws {
        let txn = Transaction(storage: MemoryStorage(), readState: .newTable)
        txn.add(WriteFixtures.add("a.parquet"))
        #expect(throws: DeltaError.self) { try txn.commit() }
    }

    @Test func appendAtNextVersionRecordsReadVersionAndChecksum() throws {
        let storage = MemoryStorage()
        var state = try WriteFixtures.create(storage)
        state.checksum = try VersionChecksum(bytes: storage.read(VersionChecksum.path(for: 0)), file: "crc")
        let txn = Transaction(storage: storage, readState: state, operation: "WRITE")
        txn.add(WriteFixtures.add("b.parquet"))
        #expect(try txn.commitOrThrow() == 1)
        let actions = try WriteFixtures.commitActions(storage, 1)
        guard case .commitInfo(let info) = actions.first else { Issue.record("no commitInfo"); return }
        #expect(info["readVersion"]?.int64Value == 0)
        #expect(info["isBlindAppend"]?.boolValue == true)
        #expect(!actions.contains { if case .protocol = $0 { return true }; return false })
        let crc = try VersionChecksum(bytes: storage.read(VersionChecksum.path(for: 1)), file: "crc")
        #expect(crc.numFiles == 1 && crc.tableSizeBytes == 100)
    }

    @Test func losingTheRaceRebasesABlindAppend() throws {
        let storage = MemoryStorage()
        let state = try WriteFixtures.create(storage)
        let first = Transaction(storage: storage, readState: state)
        first.add(WriteFixtures.add("x.parquet"))
        let second = Transaction(storage: storage, readState: state)
        second.add(WriteFixtures.add("y.parquet"))
        #expect(try first.commitOrThrow() == 1)
        guard case .committed(let v, let attempts, let report) = try second.commit() else { Issue.record("lost"); return }
        #expect(v == 2 && attempts == 2)
        // The base is the read version's .crc; the winner's actions and this commit's are applied to it.
        #expect(report.wroteChecksum)
        let crc = try VersionChecksum(bytes: storage.read(VersionChecksum.path(for: 2)), file: "crc")
        #expect(crc.numFiles == 2 && crc.tableSizeBytes == 200)
        // A remove without a size cannot be accounted for: no checksum rather than a wrong one.
        let del = Transaction(storage: storage, readState: TransactionReadState(version: 2, protocol: state.protocol,
                                                                               metadata: state.metadata))
        del.remove(RemoveFile(path: "x.parquet"))
        guard case .committed(_, _, let delReport) = try del.commit() else { Issue.record("delete"); return }
        #expect(!delReport.wroteChecksum)
        #expect(try !storage.exists(VersionChecksum.path(for: 3)))
    }

    @Test func conflictIsAnOutcomeAndNothingIsWritten() throws {
        let storage = MemoryStorage()
        let state = try WriteFixtures.create(storage)
        let winner = Transaction(storage: storage, readState: state, operation: "SET TBLPROPERTIES")
        winner.updateMetadata(WriteFixtures.metadata(["delta.appendOnly": "true"]))
        let loser = Transaction(storage: storage, readState: state)
        loser.add(WriteFixtures.add("y.parquet"))
        _ = try winner.commitOrThrow()
        guard case .conflict(let c) = try loser.commit() else { Issue.record("expected a conflict"); return }
        #expect(c.kind == .metadataChanged && c.winningVersion == 1)
        #expect(try WriteFixtures.latestVersion(storage) == 1)
        #expect(throws: DeltaError.self) { try Transaction(storage: storage, readState: state).commitOrThrow() }
    }

    @Test func concurrentDeletesOfOneFileConflict() throws {
        let storage = MemoryStorage()
        let state = try WriteFixtures.create(storage)
        let a = Transaction(storage: storage, readState: state, operation: "DELETE")
        a.remove(RemoveFile(path: "f.parquet", size: 100))
        let b = Transaction(storage: storage, readState: state, operation: "DELETE")
        b.remove(RemoveFile(path: "f.parquet", size: 100))
        _ = try a.commitOrThrow()
        guard case .conflict(let c) = try b.commit() else { Issue.record("expected a conflict"); return }
        #expect(c.kind == .concurrentDeleteRead(path: "f.parquet"))
    }

    @Test func idempotentAppTransaction() throws {
        let storage = MemoryStorage()
        var state = try WriteFixtures.create(storage)
        let t1 = Transaction(storage: storage, readState: state)
        t1.setAppTransaction(appId: "job-7", version: 3)
        t1.add(WriteFixtures.add("a.parquet"))
        #expect(try t1.commitOrThrow() == 1)
        // A retry built on the old state: the winner holds job-7 at 3, so nothing is written.
        let retry = Transaction(storage: storage, readState: state)
        retry.setAppTransaction(appId: "job-7", version: 3)
        retry.add(WriteFixtures.add("a-again.parquet"))
        #expect(try retry.commit() == .alreadyCommitted(appId: "job-7", tableAppVersion: 3))
        // A retry built on the new state: refused before any write.
        state = TransactionReadState(version: 1, protocol: state.protocol, metadata: state.metadata,
                                     appTransactions: ["job-7": 3])
        let again = Transaction(storage: storage, readState: state)
        again.setAppTransaction(appId: "job-7", version: 2)
        #expect(try again.commit() == .alreadyCommitted(appId: "job-7", tableAppVersion: 3))
        let next = Transaction(storage: storage, readState: state)
        next.setAppTransaction(appId: "job-7", version: 4)
        #expect(try next.commitOrThrow() == 2)
        #expect(try WriteFixtures.latestVersion(storage) == 2)
    }

    @Test func retriesExhaustedIsReported() throws {
        let storage = MemoryStorage()
        let state = try WriteFixtures.create(storage)
        let winner = Transaction(storage: storage, readState: state)
        winner.add(WriteFixtures.add("w.parquet"))
        _ = try winner.commitOrThrow()
        let loser = Transaction(storage: storage, readState: state)
        loser.add(WriteFixtures.add("l.parquet"))
        #expect(try loser.commit(retry: .noRetry) == .retriesExhausted(lastTriedVersion: 2, attempts: 1))
    }
}

/// In-commit timestamps (PROTOCOL.md: In-Commit Timestamps): first field of the leading commitInfo, strictly
/// increasing even when the clock goes backwards or a concurrent commit won.
struct TransactionInCommitTimestampTests {
    @Test func inCommitTimestampsIncreaseStrictly() throws {
        let storage = MemoryStorage()
        let md = WriteFixtures.metadata(["delta.enableInCommitTimestamps": "true"])
        let create = Transaction(storage: storage, readState: .newTable, operation: "CREATE TABLE")
        create.updateMetadata(md)
        create.updateProtocol(WriterFeatures.minimumProtocol(for: md, writerFeatures: ["inCommitTimestamp"]))
        create.now = { 5_000 }
        _ = try create.commitOrThrow()
        func ict(_ v: Int64) throws -> Int64? {
            guard case .commitInfo(let info)? = try WriteFixtures.commitActions(storage, Version(v)).first,
                  info.objectValue?.first?.0 == "inCommitTimestamp" else { return nil }
            return info["inCommitTimestamp"]?.int64Value
        }
        #expect(try ict(0) == 5_000)
        // A clock behind the last commit: the next ICT is the previous plus one.
        let state = TransactionReadState(snapshot: try DeltaTable(storage: storage).snapshot())
        let a = Transaction(storage: storage, readState: state)
        a.now = { 1_000 }
        a.add(WriteFixtures.add("a.parquet"))
        let b = Transaction(storage: storage, readState: state)
        b.now = { 1_000 }
        b.add(WriteFixtures.add("b.parquet"))
        _ = try a.commitOrThrow()
        _ = try b.commitOrThrow()  // rebased over a: its ICT follows a's
        #expect(try ict(1) == 5_001 && ict(2) == 5_002)
        let crc = try VersionChecksum(bytes: storage.read(VersionChecksum.path(for: 1)), file: "crc")
        #expect(crc.inCommitTimestamp == 5_001)
    }

    @Test func enablingOnAnExistingTableIsRefused() throws {
        let storage = MemoryStorage()
        let state = try WriteFixtures.create(storage)
        let txn = Transaction(storage: storage, readState: state, operation: "SET TBLPROPERTIES")
        let md = WriteFixtures.metadata(["delta.enableInCommitTimestamps": "true"])
        txn.updateMetadata(md)
        txn.updateProtocol(WriterFeatures.minimumProtocol(for: md, writerFeatures: ["inCommitTimestamp"]))
        #expect(throws: DeltaError.self) { try txn.commit() }
    }
}

/// `DeltaTable.commit(operation:build:)`: a conflict re-runs the operation on a fresh snapshot.
struct TransactionRerunTests {
    @Test func conflictRerunsTheOperationOnANewSnapshot() throws {
        let storage = MemoryStorage()
        _ = try WriteFixtures.create(storage)
        let table = DeltaTable(storage: storage)
        var runs: [Version?] = []
        let outcome = try table.commit(operation: "DELETE") { txn in
            runs.append(txn.readState.version)
            txn.readPredicate = .wholeTable
            txn.remove(RemoveFile(path: "gone-\(runs.count).parquet", size: 1))
            if runs.count == 1 {
                // Someone changes the table meanwhile: the first run must conflict.
                let other = try table.startTransaction(operation: "SET TBLPROPERTIES")
                other.updateMetadata(WriteFixtures.metadata(["delta.appendOnly": "false"]))
                _ = try other.commitOrThrow()
            }
        }
        #expect(runs == [0, 1])
        #expect(outcome.committedVersion == 2)
    }
}
