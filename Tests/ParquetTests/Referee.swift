import Foundation
import Parquet
import Testing
import TestSupport

/// Canonical text of values, produced identically from deltactl's ParquetValue and from pyarrow's to_pylist():
/// ints (also dates, times, timestamps as raw numbers), f:<bits of the value as a double>, s:<hex utf8>, b:<hex>,
/// d:<decimal text>, [list], M[k=v], {name:v}.
enum Canonical {
    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func text(_ v: ParquetValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int32(let i): return String(i)
        case .int64(let i): return String(i)
        case .uint64(let i): return String(i)
        case .float(let f): return "f:\(Double(f).bitPattern)"
        case .double(let d): return "f:\(d.bitPattern)"
        case .binary(let b): return "b:" + hex(b)
        case .string(let s): return "s:" + hex(Array(s.utf8))
        case .decimal(let d): return "d:" + d
        case .date(let d): return String(d)
        case .time(let t, _): return String(t)
        case .timestamp(let t, _, _): return String(t)
        case .list(let l): return "[" + l.map(text).joined(separator: ",") + "]"
        case .map(let m): return "M[" + m.map { text($0.key) + "=" + text($0.value) }.joined(separator: ",") + "]"
        case .structure(let f): return "{" + f.map { $0.name + ":" + text($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// Python functions: `canonical_rows(path, cols)` and `write_expected(path)` (writes path + ".expected").
    static let functions = #"""
import sys, struct, decimal, datetime
import pyarrow as pa, pyarrow.parquet as pq
def ct(t):
    if pa.types.is_timestamp(t) or pa.types.is_time64(t) or pa.types.is_date64(t) or pa.types.is_duration(t): return pa.int64()
    if pa.types.is_date32(t) or pa.types.is_time32(t): return pa.int32()
    if pa.types.is_large_string(t) or pa.types.is_string_view(t): return pa.string()
    if pa.types.is_large_binary(t) or pa.types.is_binary_view(t): return pa.binary()
    if pa.types.is_dictionary(t): return ct(t.value_type)
    if pa.types.is_map(t): return pa.map_(ct(t.key_type), pa.field(t.item_field.name, ct(t.item_type), t.item_field.nullable))
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return pa.list_(pa.field(t.value_field.name, ct(t.value_type), t.value_field.nullable))
    if pa.types.is_struct(t): return pa.struct([pa.field(f.name, ct(f.type), f.nullable) for f in t])
    return t
def cv(v, t):
    if v is None: return "null"
    if pa.types.is_struct(t): return "{" + ",".join(f.name + ":" + cv(v[f.name], f.type) for f in t) + "}"
    if pa.types.is_map(t): return "M[" + ",".join(cv(k, t.key_type) + "=" + cv(x, t.item_type) for k, x in v) + "]"
    if pa.types.is_list(t): return "[" + ",".join(cv(x, t.value_type) for x in v) + "]"
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, int): return str(v)
    if isinstance(v, float): return "f:%d" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if isinstance(v, bytes): return "b:" + v.hex()
    if isinstance(v, str): return "s:" + v.encode("utf-8").hex()
    if isinstance(v, decimal.Decimal): return "d:" + format(v, "f")
    raise Exception("unhandled %r" % (v,))
def canonical_rows(path, cols=None):
    t = pq.read_table(path, columns=cols, coerce_int96_timestamp_unit="us")
    t = t.cast(pa.schema([pa.field(f.name, ct(f.type), f.nullable) for f in t.schema]))
    rt = pa.struct([pa.field(f.name, f.type) for f in t.schema])
    return [cv(row, rt) for row in t.to_pylist()]
def write_expected(path):
    with open(path + ".expected", "w") as f:
        for line in canonical_rows(path): f.write(line + "\n")

"""#

    /// Prints the canonical rows of argv[1] (optional argv[2]: comma list of top-level columns).
    static let python = functions + #"""
cols = sys.argv[2].split(",") if len(sys.argv) > 2 and sys.argv[2] else None
for line in canonical_rows(sys.argv[1], cols): print(line)
"""#

    /// pyarrow's canonical rows, or nil (skipping) when there is no referee venv.
    static func pyarrowRows(_ path: String, columns: [String]? = nil) throws -> [String]? {
        guard let result = try ProcessRunner.python(python, [path] + (columns.map { [$0.joined(separator: ",")] } ?? []))
        else {
            if ProjectPaths.isCI { Issue.record("referee venv missing under CI") }
            print("skipping pyarrow comparison: no referee venv (set DELTACTL_PYTHON)")
            return nil
        }
        guard result.status == 0 else {
            Issue.record("pyarrow failed on \(path): \(result.stderr)")
            return nil
        }
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// deltactl's canonical rows.
    static func ourRows(_ path: String, columns: [String]? = nil) throws -> [String] {
        let reader = try ParquetFileReader(path: path)
        return try reader.readRows(columns: columns).map(text)
    }

    /// Runs a Python snippet (pyarrow writing test files); nil when no venv.
    static func runPython(_ script: String, _ args: [String]) throws -> Bool {
        guard let result = try ProcessRunner.python(script, args) else {
            if ProjectPaths.isCI { Issue.record("referee venv missing under CI") }
            print("skipping pyarrow-generated file test: no referee venv (set DELTACTL_PYTHON)")
            return false
        }
        if result.status != 0 { Issue.record("python failed: \(result.stderr)") }
        return result.status == 0
    }

    /// Compares our rows with the lines of `path + ".expected"` written by `write_expected`.
    static func expectSameRowsAsExpectedFile(_ path: String, columns: [String]? = nil,
                                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try String(contentsOfFile: path + ".expected", encoding: .utf8)
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let actual: [String]
        do { actual = try ourRows(path, columns: columns) } catch {
            Issue.record("\(path): \(error)", sourceLocation: sourceLocation)
            return
        }
        compare(path, actual, expected, sourceLocation: sourceLocation)
    }

    static func compare(_ path: String, _ actual: [String], _ expected: [String], sourceLocation: SourceLocation) {
        #expect(actual.count == expected.count, "\(path): row count", sourceLocation: sourceLocation)
        var reported = 0
        for (i, (a, e)) in zip(actual, expected).enumerated() where a != e && reported < 3 {
            Issue.record("\(path) row \(i):\n ours:    \(a.prefix(600))\n pyarrow: \(e.prefix(600))",
                         sourceLocation: sourceLocation)
            reported += 1
        }
    }

    /// Compares our rows with pyarrow's for `path`, reporting the first differences.
    static func expectSameRows(_ path: String, columns: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        throws {
        guard let expected = try pyarrowRows(path, columns: columns) else { return }
        let actual: [String]
        do { actual = try ourRows(path, columns: columns) } catch {
            Issue.record("\(path): \(error)", sourceLocation: sourceLocation)
            return
        }
        compare(path, actual, expected, sourceLocation: sourceLocation)
    }
}
