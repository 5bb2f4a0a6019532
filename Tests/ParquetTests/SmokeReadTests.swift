import Foundation
import Parquet
import Testing
import TestSupport

@Suite struct SmokeReadTests {
    @Test func smallFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("a.parquet")
        guard try Canonical.runPython("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            t = pa.table({'a': [1, 2, None, 4], 's': ['x', 'y', None, 'zz'], 'l': [[1, 2], [], None, [None, 3]],
                          'm': [{'k': 'v'}, None, {}, {'a': None}]},
                         schema=pa.schema([('a', pa.int64()), ('s', pa.string()), ('l', pa.list_(pa.int32())),
                                           ('m', pa.map_(pa.string(), pa.string()))]))
            pq.write_table(t, sys.argv[1], compression='snappy')
            """, [path]) else { return }
        try Canonical.expectSameRows(path)
    }
}
