import DeltaLog
import Foundation
import Parquet
import Testing
import TestSupport

/// Bad input: Parquet files whose footer is damaged (wrong magic, a length past the file, flipped bytes, cut short).
/// The footer decoder must throw a located ``ParquetError`` for every one, never trap; commands reading such a
/// checkpoint or data file must name it.
@Suite struct BadParquetFooterTests {
    /// The footer bytes of `file` (between the data and the trailing length + "PAR1"), or nil if the framing is bad.
    static func footer(_ file: [UInt8]) -> ArraySlice<UInt8>? {
        guard file.count >= 12, file.suffix(4) == Array("PAR1".utf8) else { return nil }
        let n = file.count
        let len = Int(file[n - 8]) | Int(file[n - 7]) << 8 | Int(file[n - 6]) << 16 | Int(file[n - 5]) << 24
        guard len <= n - 12 else { return nil }
        return file[(n - 8 - len)..<(n - 8)]
    }

    static func decode(_ bytes: ArraySlice<UInt8>) throws -> FileMetaData {
        try Array(bytes).withUnsafeBytes { buf in
            var r = ThriftCompactReader(buf)
            return try FileMetaData(from: &r)
        }
    }

    @Test func realFooterDecodes() throws {
        let f = try #require(Self.footer(TinyParquet.bytes))
        let meta = try Self.decode(f)
        #expect(meta.numRows == TinyParquet.rows)
    }

    @Test func everyTruncationIsALocatedError() throws {
        let f = try #require(Self.footer(TinyParquet.bytes))
        for cut in 0..<f.count {
            do { _ = try Self.decode(f.prefix(cut)); Issue.record("footer cut at \(cut) decoded") } catch let e as ParquetError {
                #expect("\(e)".contains("byte offset"), "\(e)")
            }
        }
    }

    @Test func everyByteFlipFailsCleanlyOrDecodes() throws {
        let f = Array(try #require(Self.footer(TinyParquet.bytes)))
        var failures = 0
        for i in 0..<f.count {
            for mask: UInt8 in [0xff, 0x80, 0x0f] {
                var m = f
                m[i] ^= mask
                do { _ = try Self.decode(m[...]) } catch is ParquetError { failures += 1 }
            }
        }
        #expect(failures > 0)
    }

    /// Pathological declared sizes: a list of 2^31-1 schema elements, a 2^40-byte string. Refused from the
    /// declared size against the bytes that remain, before any allocation.
    @Test func hugeDeclaredSizesAreRefusedBeforeAllocating() {
        let hugeList: [UInt8] = [0x29, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00]        // field 2 list<struct>, 2^31-1
        let hugeString: [UInt8] = [0x68, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x41, 0x00]  // field 6 binary, length 2^40
        for (name, bytes) in [("list", hugeList), ("string", hugeString)] {
            do { _ = try Self.decode(bytes[...]); Issue.record("\(name) decoded") } catch let e as ParquetError {
                #expect("\(e)".contains("byte offset"), "\(name): \(e)")
            } catch { Issue.record("\(name): untyped \(error)") }
        }
    }

    /// A snappy page that declares 1 GiB but holds a few bytes is refused without inflating.
    @Test func pageDeclaringHugeSizeIsRefused() {
        let page: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x04, 0x00, 0x61]  // snappy length varint 2^30, one literal
        #expect(throws: ParquetError.self) {
            _ = try PageCompression.decompress(page, codec: .snappy, uncompressedSize: 1 << 30)
        }
        #expect(throws: ParquetError.self) {
            _ = try PageCompression.decompress(page, codec: .snappy, uncompressedSize: Int.max)
        }
    }

    /// A table whose newest checkpoint has a damaged footer: readers fail naming the checkpoint, or fall back to the
    /// commits and read the right version. Never a crash, nothing written.
    @Test(arguments: ["garbage", "no magic", "length past the file"])
    func checkpointWithBadFooter(_ kind: String) throws {
        let dir = try TemporaryDirectory(prefix: "rob-footer")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        var bytes = TinyParquet.bytes
        switch kind {
        case "garbage": bytes = Array("this is not parquet at all, just text".utf8)
        case "no magic": bytes[bytes.count - 1] = 0x30
        default: bytes[bytes.count - 6] = 0x7f
        }
        let cp = "00000000000000000001.checkpoint.parquet"
        try Data(bytes).write(to: URL(fileURLWithPath: t.root + "/_delta_log/" + cp))
        try Data(#"{"version":1,"size":3}"#.utf8).write(to: URL(fileURLWithPath: t.root + "/_delta_log/_last_checkpoint"))
        let before = snapshots([t.root])
        let r = try CLI.run(["info", t.root, "--json"])
        if r.status == 0 {
            #expect(try JSONParser.parse(r.stdout)["version"]?.int64Value == 2)
        } else {
            CLI.expectCleanFailure(r, mentions: [cp], "info with \(kind) checkpoint")
        }
        expectUnchanged(before)
    }

    @Test(.enabled(if: CLI.isBuilt("cat")), arguments: ["garbage", "no magic", "length past the file"])
    func dataFileWithBadFooter(_ kind: String) throws {
        let dir = try TemporaryDirectory(prefix: "rob-footer")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 2)
        let path = t.root + "/" + t.dataFiles[1]
        var bytes = TinyParquet.bytes
        switch kind {
        case "garbage": bytes = Array(repeating: 0x41, count: bytes.count)
        case "no magic": bytes[bytes.count - 1] = 0x30
        default: bytes[bytes.count - 6] = 0x7f
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let before = snapshots([t.root])
        CLI.expectCleanFailure(try CLI.run(["cat", t.root]), mentions: [t.dataFiles[1]], "cat \(kind)")
        expectUnchanged(before)
    }
}
