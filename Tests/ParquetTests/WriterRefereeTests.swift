import Foundation
import Parquet
import TestSupport

/// Shared helpers of the writer tests: the pyarrow/DuckDB referee and canonical value forms.
enum WriterReferee {
    /// A Python referee: reads the file with pyarrow (values, arrow types, per-row-group statistics checked against
    /// the data) and DuckDB (values), compares with the expected canonical JSON and prints the problems found.
    static let script = #"""
import sys, json, math, struct, datetime, decimal
import pyarrow.parquet as pq

EPOCH = datetime.datetime(1970, 1, 1)
EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

def canon(v):
    if v is None: return None
    if isinstance(v, bool): return v
    if isinstance(v, int): return v
    if isinstance(v, float): return "nan" if math.isnan(v) else "f:" + struct.pack("<d", v).hex()
    if isinstance(v, decimal.Decimal): return "d:" + str(v)
    if isinstance(v, str): return v
    if isinstance(v, (bytes, bytearray)): return "b:" + bytes(v).hex()
    if isinstance(v, datetime.datetime):
        base = EPOCH_UTC if v.tzinfo is not None else EPOCH
        return "ts:%d" % ((v - base) // datetime.timedelta(microseconds=1))
    if isinstance(v, datetime.date): return "date:%d" % (v - datetime.date(1970, 1, 1)).days
    if isinstance(v, dict): return {k: canon(x) for k, x in v.items()}
    if isinstance(v, tuple): return [canon(x) for x in v]
    if isinstance(v, list): return [canon(x) for x in v]
    raise TypeError(type(v))

path, expected_path = sys.argv[1], sys.argv[2]
expected = json.load(open(expected_path))
errors = []
pf = pq.ParquetFile(path)
table = pf.read()
got_cols = {name: canon(table.column(name).to_pylist()) for name in table.column_names}
for name, values in expected["columns"].items():
    if got_cols.get(name) != values:
        g = got_cols.get(name)
        bad = [i for i in range(min(len(values), len(g or []))) if g[i] != values[i]][:3]
        errors.append("pyarrow values differ for %s: %s" % (name, [(i, g[i], values[i]) for i in bad] or (len(g or []), len(values))))
types = {f.name: str(f.type) for f in table.schema}
for name, t in expected.get("arrow_types", {}).items():
    if types.get(name) != t: errors.append("arrow type of %s is %s, expected %s" % (name, types.get(name), t))
md = pf.metadata
if "num_row_groups" in expected and md.num_row_groups != expected["num_row_groups"]:
    errors.append("row groups %d, expected %d" % (md.num_row_groups, expected["num_row_groups"]))
if "min_row_groups" in expected and md.num_row_groups < expected["min_row_groups"]:
    errors.append("row groups %d, expected at least %d" % (md.num_row_groups, expected["min_row_groups"]))
if md.created_by != "deltactl version 0.1.0": errors.append("created_by " + str(md.created_by))
# Statistics: every row group's footer stats must equal what the data of that row group implies.
stats_out = {}
for rg in range(md.num_row_groups):
    rgt = pf.read_row_group(rg)
    for j in range(md.num_columns):
        col = md.row_group(rg).column(j)
        p = col.path_in_schema
        st = col.statistics
        if st is None: errors.append("no statistics for %s" % p); continue
        if st.has_min_max:
            stats_out.setdefault(p, []).append([canon(st.min), canon(st.max), st.null_count])
        else:
            stats_out.setdefault(p, []).append([None, None, st.null_count])
        if "." in p:
            continue
        values = rgt.column(p).to_pylist()
        present = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
        if st.null_count != sum(1 for v in values if v is None):
            errors.append("null_count of %s in rg %d: %s" % (p, rg, st.null_count))
        if present:
            if not st.has_min_max: errors.append("no min/max for %s" % p); continue
            if canon(st.min) != canon(min(present)) or canon(st.max) != canon(max(present)):
                errors.append("min/max of %s in rg %d: %s %s, data says %s %s" % (p, rg, canon(st.min), canon(st.max), canon(min(present)), canon(max(present))))
if expected.get("duckdb", True):
    import duckdb
    con = duckdb.connect()
    dt = con.execute("SELECT * FROM read_parquet(?)", [path]).fetch_arrow_table()
    for name, values in expected["columns"].items():
        g = canon(dt.column(name).to_pylist())
        if g != values:
            bad = [i for i in range(min(len(values), len(g))) if g[i] != values[i]][:3]
            errors.append("duckdb values differ for %s: %s" % (name, [(i, g[i], values[i]) for i in bad] or (len(g), len(values))))
print(json.dumps({"errors": errors, "stats": stats_out, "row_groups": md.num_row_groups}))
"""#

    /// The referee's verdict, or nil when no Python venv is available (the caller skips).
    struct Verdict {
        var errors: [String]
        var stats: [String: [[Any?]]]
        var rowGroups: Int
    }

    /// Runs the referee on `path` with `expected` (keys: columns, arrow_types, num_row_groups, duckdb).
    static func check(_ path: String, expected: [String: Any]) throws -> Verdict? {
        let expectedPath = path + ".expected.json"
        let data = try JSONSerialization.data(withJSONObject: expected)
        try data.write(to: URL(fileURLWithPath: expectedPath))
        guard let result = try ProcessRunner.python(script, [path, expectedPath]) else {
            if ProjectPaths.isCI { return Verdict(errors: ["referee venv missing under CI"], stats: [:], rowGroups: 0) }
            print("skipping referee check: no Python venv (set DELTACTL_PYTHON)")
            return nil
        }
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last,
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return Verdict(errors: ["referee failed (\(result.status)): \(result.stderr.suffix(2000))"], stats: [:], rowGroups: 0)
        }
        let stats = (object["stats"] as? [String: [[Any]]] ?? [:]).mapValues { $0.map { $0.map { $0 is NSNull ? nil : $0 } } }
        return Verdict(errors: object["errors"] as? [String] ?? ["no errors field"], stats: stats,
                       rowGroups: object["row_groups"] as? Int ?? -1)
    }

    /// Canonical form of a double (bit pattern) as the referee prints it.
    static func float(_ v: Double) -> Any { v.isNaN ? "nan" : "f:" + hex(v.bitPattern) }

    static func hex(_ bits: UInt64) -> String {
        withUnsafeBytes(of: bits.littleEndian) { $0.map { String(format: "%02x", $0) }.joined() }
    }

    /// Canonical form of bytes.
    static func bytes(_ b: [UInt8]) -> Any { "b:" + b.map { String(format: "%02x", $0) }.joined() }

    /// Canonical form of a decimal with `scale` given its unscaled value (Python `str(Decimal)`).
    static func decimal(_ unscaled: Int64, scale: Int) -> Any {
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        if scale > 0 {
            while digits.count <= scale { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return "d:" + (negative ? "-" : "") + digits
    }

    /// Canonical form of an optional (nil becomes JSON null).
    static func opt(_ v: Any?) -> Any { v ?? NSNull() }
}
