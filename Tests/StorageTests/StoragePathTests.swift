import Storage
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

    @Test func precedesIsByteOrder() {
        let paths = ["", "a", "a/b", "a-b", "a0", "B", "_delta_log/x", "é", "e\u{301}", "z", "aa", "a\u{7F}", "\u{10FFFF}"]
        for a in paths {
            for b in paths {
                #expect(StoragePath.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
    }
}
