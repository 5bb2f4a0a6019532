import Storage
import TestSupport
import Testing

/// Path validation (the one gate that keeps paths inside a root) and the byte order of listings.
@Suite struct StoragePathTests {
    @Test(arguments: ["a", "a/b.c", "..a", "a..", ".x/y", "a/.../b", "_delta_log/.s/x", "é/ü.parquet", "a b/%20"])
    func acceptsPathsInsideTheRoot(_ path: String) throws {
        #expect(try StoragePath.validate(path) == path)
    }

    @Test(arguments: [
        ("", "empty path"), ("/a", "absolute path"), ("a\u{0}b", "contains NUL"), ("a/", "empty path segment"),
        ("a//b", "empty path segment"), ("..", "escapes the root ('..')"), ("a/../b", "escapes the root ('..')"),
        ("a/..", "escapes the root ('..')"), (".", "'.' segment"), ("a/./b", "'.' segment"), ("./a", "'.' segment"),
    ])
    func refusesPathsThatLeaveTheRootOrAreAmbiguous(_ path: String, _ reason: String) {
        #expect(throws: StorageError.invalidPath(path: path, reason: reason)) { try StoragePath.validate(path) }
    }

    /// The bulk sort agrees with sorting by ``StoragePath/precedes(_:_:)`` (ties by index), on one thread and on
    /// two with a merge, for paths with shared prefixes, prefixes of each other, duplicates and non-ASCII bytes.
    @Test(arguments: [0, 1, 2, 7, 500, 3001])
    func sortedIndicesIsByteOrder(_ count: Int) {
        var rng = SplitMix64(seed: UInt64(count) &+ 17)
        let pieces = ["a", "b", "date=2024-01-0", "é", "Z", "part-", "/", "%20", "ü", "0", ""]
        let paths = (0..<count).map { _ in
            (0..<rng.next(below: 6)).map { _ in pieces[rng.next(below: pieces.count)] }.joined()
        }
        let expected = paths.indices.sorted { a, b in
            StoragePath.precedes(paths[a], paths[b]) || (paths[a] == paths[b] && a < b)
        }
        for parallelFrom in [1, 4, Int.max] {
            #expect(StoragePath.sortedIndices(count: count, parallelFrom: parallelFrom) { paths[$0] } == expected,
                    "count \(count), parallel from \(parallelFrom)")
        }
    }

    @Test func precedesIsByteOrder() {
        let paths = ["", "a", "a/b", "a-b", "a0", "B", "_delta_log/x", "é", "e\u{301}", "z", "aa", "a\u{7F}", "\u{10FFFF}"]
        for a in paths {
            for b in paths {
                #expect(StoragePath.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
    }
}
