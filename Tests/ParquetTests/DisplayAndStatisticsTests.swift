import Foundation
import Parquet
import Testing
import TestSupport

@Suite struct DisplayAndStatisticsTests {
    @Test func displayText() {
        #expect(ParquetValue.date(0).displayText == "1970-01-01")
        #expect(ParquetValue.date(-1).displayText == "1969-12-31")
        #expect(ParquetValue.date(19_753).displayText == "2024-01-31")
        #expect(ParquetValue.date(-719_162).displayText == "0001-01-01")
        #expect(ParquetValue.timestamp(-1, unit: .micros, isAdjustedToUTC: true).displayText
                == "1969-12-31T23:59:59.999999Z")
        #expect(ParquetValue.timestamp(1_706_659_200_123, unit: .millis, isAdjustedToUTC: false).displayText
                == "2024-01-31T00:00:00.123")
        #expect(ParquetValue.time(3_723_000_000_001, unit: .nanos).displayText == "01:02:03.000000001")
        let row = ParquetValue.structure([ParquetField("a", .list([.int32(1), .null])),
                                          ParquetField("m", .map([ParquetMapEntry(key: .string("k\""), value: .decimal("1.50"))])),
                                          ParquetField("b", .binary([0, 255])), ParquetField("d", .double(.nan))])
        #expect(row.displayText == "{a: [1, null], m: {k\": 1.50}, b: 0x00ff, d: nan}")
        #expect(row.jsonText == #"{"a":[1,null],"m":{"k\"":1.50},"b":"0x00ff","d":"nan"}"#)
        #expect(row["m"]?.stringMap == nil)
        let partition = ParquetValue.map([ParquetMapEntry(key: .string("p"), value: .null)]).stringMap
        #expect(partition?.count == 1 && partition?["p"] == .some(nil))
    }

    @Test func footerStatisticsMatchPyArrow() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("stats.parquet")
        let script = #"""
import sys, decimal, datetime, pyarrow as pa, pyarrow.parquet as pq
t = pa.table({
  "i": pa.array([5, None, -3, 12], pa.int32()),
  "l": pa.array([2**40, 7, None, -2**50], pa.int64()),
  "s": pa.array(["pear", "apple", None, "zoo"], pa.string()),
  "d": pa.array([datetime.date(2020, 1, 1), None, datetime.date(1960, 5, 5), datetime.date(2030, 1, 1)], pa.date32()),
  "x": pa.array([1.5, -2.5, None, 0.0], pa.float64()),
  "dec": pa.array([decimal.Decimal("1.25"), decimal.Decimal("-7.50"), None, None], pa.decimal128(10, 2)),
})
pq.write_table(t, sys.argv[1], row_group_size=2)
m = pq.ParquetFile(sys.argv[1]).metadata
for g in range(m.num_row_groups):
    for c in range(m.num_columns):
        st = m.row_group(g).column(c).statistics
        def f(v):
            if v is None: return "none"
            if isinstance(v, datetime.date): return str((v - datetime.date(1970, 1, 1)).days)
            if isinstance(v, decimal.Decimal): return format(v, "f")
            return str(v)
        print(g, c, f(st.min) if st.has_min_max else "none", f(st.max) if st.has_min_max else "none", st.null_count)
"""#
        guard let result = try ProcessRunner.python(script, [path]) else {
            print("skipping: no referee venv")
            return
        }
        #expect(result.status == 0, "\(result.stderr)")
        let reader = try ParquetFileReader(path: path)
        func text(_ v: ParquetValue?) -> String {
            switch v {
            case nil: return "none"
            case .string(let s)?: return s
            case .date(let d)?: return String(d)
            case .double(let d)?: return String(d)
            case let other?: return other.displayText
            }
        }
        var ours: [String] = []
        for g in 0..<reader.rowGroupCount {
            for c in 0..<reader.schema.columns.count {
                let s = reader.statisticsValues(rowGroup: g, column: c)
                ours.append("\(g) \(c) \(text(s?.min)) \(text(s?.max)) \(s?.nullCount ?? -1)")
            }
        }
        let theirs = result.stdout.split(separator: "\n").map(String.init)
        #expect(ours == theirs)
    }
}
