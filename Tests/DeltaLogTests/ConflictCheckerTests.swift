import Testing
@testable import DeltaLog

/// Table-driven conflict rules (PROTOCOL.md; Spark ConflictChecker; delta-rs conflict_checker.rs).
struct ConflictCheckerTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var intent: TransactionIntent
        var winner: [Action]
        var expected: ConflictKind?
        var description: String { name }
    }

    static func add(_ path: String, _ partition: [String: String?] = [:], dataChange: Bool = true) -> Action {
        .add(AddFile(path: path, partitionValues: partition, size: 10, modificationTime: 1, dataChange: dataChange))
    }
    static func remove(_ path: String) -> Action { .remove(RemoveFile(path: path, deletionTimestamp: 1)) }
    static let blindInfo = Action.commitInfo(.object([("operation", .string("WRITE")), ("isBlindAppend", .bool(true))]))
    static let readInfo = Action.commitInfo(.object([("operation", .string("MERGE")), ("isBlindAppend", .bool(false))]))
    static let metadata = Action.metaData(Metadata(id: "x", schemaString: "{}"))
    static let proto = Action.protocol(ProtocolAction(minReaderVersion: 1, minWriterVersion: 2))

    static let cases: [Case] = [
        Case(name: "blind append vs blind append", intent: TransactionIntent(), winner: [blindInfo, add("a")], expected: nil),
        Case(name: "blind append vs metadata change", intent: TransactionIntent(), winner: [metadata], expected: .metadataChanged),
        Case(name: "blind append vs protocol change", intent: TransactionIntent(), winner: [proto], expected: .protocolChanged),
        Case(name: "blind append vs remove", intent: TransactionIntent(), winner: [readInfo, remove("a")], expected: nil),
        Case(name: "delete vs delete of the same file",
             intent: TransactionIntent(readPaths: ["a"], removedPaths: ["a"]), winner: [readInfo, remove("a")],
             expected: .concurrentDeleteRead(path: "a")),
        Case(name: "remove vs remove without having read it",
             intent: TransactionIntent(removedPaths: ["a"]), winner: [readInfo, remove("a")],
             expected: .concurrentDeleteDelete(path: "a")),
        Case(name: "delete vs delete of other files",
             intent: TransactionIntent(readPaths: ["b"], removedPaths: ["b"]), winner: [readInfo, remove("a")], expected: nil),
        Case(name: "whole-table read vs any remove",
             intent: TransactionIntent(readPredicate: .wholeTable), winner: [readInfo, remove("z")],
             expected: .concurrentDeleteRead(path: "z")),
        Case(name: "partition read vs non-blind add in that partition",
             intent: TransactionIntent(readPredicate: .partitions([["p": "1"]])), winner: [readInfo, add("n", ["p": "1"])],
             expected: .concurrentAppend(path: "n")),
        Case(name: "partition read vs non-blind add in another partition",
             intent: TransactionIntent(readPredicate: .partitions([["p": "1"]])), winner: [readInfo, add("n", ["p": "2"])],
             expected: nil),
        Case(name: "partition read vs blind append there, WriteSerializable",
             intent: TransactionIntent(readPredicate: .partitions([["p": "1"]])), winner: [blindInfo, add("n", ["p": "1"])],
             expected: nil),
        Case(name: "partition read vs blind append there, Serializable",
             intent: TransactionIntent(readPredicate: .partitions([["p": "1"]]), isolation: .serializable),
             winner: [blindInfo, add("n", ["p": "1"])], expected: .concurrentAppend(path: "n")),
        Case(name: "null partition read vs add with null partition",
             intent: TransactionIntent(readPredicate: .partitions([["p": nil]]), isolation: .serializable),
             winner: [blindInfo, add("n", ["p": nil])], expected: .concurrentAppend(path: "n")),
        Case(name: "whole-table read vs compaction add (dataChange false)",
             intent: TransactionIntent(readPredicate: .wholeTable, isolation: .serializable),
             winner: [readInfo, add("c", dataChange: false)], expected: nil),
        Case(name: "snapshot isolation ignores appends",
             intent: TransactionIntent(readPredicate: .wholeTable, isolation: .snapshotIsolation),
             winner: [readInfo, add("n")], expected: nil),
        Case(name: "same appId", intent: TransactionIntent(appIds: ["job"]),
             winner: [blindInfo, .txn(TransactionAction(appId: "job", version: 3)), add("a")],
             expected: .concurrentTransaction(appId: "job")),
        Case(name: "other appId", intent: TransactionIntent(appIds: ["job"]),
             winner: [blindInfo, .txn(TransactionAction(appId: "other", version: 3)), add("a")], expected: nil),
        Case(name: "same domain", intent: TransactionIntent(domains: ["d"]),
             winner: [.domainMetadata(DomainMetadata(domain: "d", configuration: "{}"))],
             expected: .concurrentDomainMetadata(domain: "d")),
        Case(name: "winner without commitInfo and only adds is a blind append",
             intent: TransactionIntent(readPredicate: .wholeTable), winner: [add("n")], expected: nil),
    ]

    @Test(arguments: cases)
    func rule(_ c: Case) {
        let summary = CommitSummary(version: 7, actions: c.winner)
        let result = ConflictChecker.check(c.intent, against: summary)
        #expect(result?.kind == c.expected, "\(c.name)")
        if let result {
            #expect(result.winningVersion == 7)
            #expect(!result.description.isEmpty)
            if case .conflict(let v, _) = result.error { #expect(v == 7) } else { Issue.record("wrong error") }
        }
    }

    @Test func readPredicateCoverage() {
        #expect(!ReadPredicate.none.covers(["p": "1"]))
        #expect(ReadPredicate.wholeTable.covers([:]))
        #expect(ReadPredicate.partitions([["a": "1", "b": "x"]]).covers(["a": "1", "b": "x", "c": "z"]))
        #expect(!ReadPredicate.partitions([["a": "1", "b": "x"]]).covers(["a": "1", "b": "y"]))
        #expect(!ReadPredicate.partitions([["a": "1"]]).covers([:]))
    }
}
