import DeltaLog
import Foundation
import Parquet
import Testing

/// Findings of the fuzzers, kept as library-level regression tests (fixed) or documented known issues (routed).
@Suite struct FuzzFindingTests {
    /// Commit fuzzer: a `remove` line naming `tags` twice. The byte fast path kept the last value, the strict
    /// parser (used when a line holds a field the fast path does not know) the first, so the same line could mean two
    /// things. Fixed: both keep the last, as Jackson (Spark) does.
    @Test func duplicateKeysMeanTheSameOnBothPaths() throws {
        let line = #"{"remove":{"path":"a.parquet","deletionTimestamp":1,"dataChange":true,"tags":{"k":"first"},"tags":{"k":"last"}}}"#
        let fast = try CommitFileParser.parse(Array(line.utf8), file: "v.json")
        let strict = try Action(json: try JSONParser.parse(line), file: "v.json", line: 1)
        #expect(fast.count == 1)
        #expect(fast.first == strict)
    }
}

/// Fixed findings of the commit fuzzer (the byte fast path accepted what JSON forbids).
@Suite struct FastPathStrictnessTests {
    /// `"modificationTime":0867035041000`: a number with a leading zero is not JSON. The fast path used to read it as
    /// 867035041000; now it declines and the strict parser reports the line and offset.
    @Test(arguments: [#""size":0885"#, #""modificationTime":0867035041000"#, #""size":-01"#])
    func leadingZeroIsRefusedWithLocation(_ field: String) {
        let base = #"{"add":{"path":"a.parquet","partitionValues":{},"size":1,"modificationTime":1,"dataChange":true}}"#
        let key = field.split(separator: ":")[0]
        let line = base.replacingOccurrences(of: key + ":1", with: field)
        #expect(line != base)
        do {
            _ = try CommitFileParser.parse(Array(("\n" + line).utf8), file: "_delta_log/00000000000000000003.json")
            Issue.record("accepted \(line)")
        } catch let e as DeltaError {
            guard case .malformedLog(let file, let l, let offset, _) = e else { Issue.record("\(e)"); return }
            #expect(file.hasSuffix("3.json") && l == 2 && offset != nil)
        } catch { Issue.record("untyped \(error)") }
    }
}

/// Fixed findings of the deletion-vector fuzzer: corrupt RoaringBitmapArray bytes decoded to repeated or unordered
/// row indexes (which would delete the wrong rows, or the right count of wrong rows) instead of an error.
@Suite struct DeletionVectorFindingTests {
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }

    /// One bucket (high 0) with array containers of keys `keys`, each holding the single value `value`.
    static func bitmap(keys: [UInt16], value: UInt16) -> [UInt8] {
        var b = le32(RoaringBitmapArray.magic) + [1, 0, 0, 0, 0, 0, 0, 0] + le32(0)
        b += le32(12346) + le32(UInt32(keys.count))
        for k in keys { b += le16(k) + le16(0) }             // key, cardinality - 1
        b += Array(repeating: 0, count: 4 * keys.count)     // offsets
        for _ in keys { b += le16(value) }
        return b
    }

    @Test func validBitmapDecodes() throws {
        #expect(try RoaringBitmapArray.decode(Self.bitmap(keys: [0, 1], value: 5), file: "dv.bin") == [5, 65536 + 5])
    }

    @Test(arguments: [[UInt16(0), 0], [1, 0]])
    func repeatedOrUnorderedContainersAreRefused(_ keys: [UInt16]) {
        do {
            let rows = try RoaringBitmapArray.decode(Self.bitmap(keys: keys, value: 5), file: "dv.bin")
            Issue.record("decoded \(rows)")
        } catch let e as DeltaError {
            #expect("\(e)".contains("dv.bin") && "\(e)".contains("ascending"), "\(e)")
        } catch { Issue.record("untyped \(error)") }
    }
}

/// Fixed finding of the thrift fuzzer: a footer schema whose root declares more children than remain once a nested
/// group has taken its own crashed `ParquetSchema(elements:)` with an index out of range (any Parquet file, data or
/// checkpoint, could carry it). Now a located `ParquetError`.
@Suite struct ParquetSchemaFindingTests {
    @Test func childrenRunningPastTheEndAreRefused() {
        let elements = [SchemaElement(name: "root", numChildren: 2), SchemaElement(name: "a", numChildren: 1),
                        SchemaElement(name: "b", type: .int32)]
        #expect(throws: ParquetError.self) { _ = try ParquetSchema(elements: elements) }
        let ok = [SchemaElement(name: "root", numChildren: 1), SchemaElement(name: "a", numChildren: 1),
                  SchemaElement(name: "b", type: .int32)]
        #expect(throws: Never.self) { _ = try ParquetSchema(elements: ok) }
    }
}
