import DeltaLog
import Testing
@testable import CSVIngest

/// Infers the type of one column holding `values` (an empty string is a null).
func inferType(_ values: [String], altDate: DateStyle = .us) -> ColumnSpec {
    var inference = ColumnInference(altDate: altDate)
    for v in values {
        if v.isEmpty { inference.observeNull(); continue }
        var bytes = Array(v.utf8)
        bytes.withUnsafeMutableBufferPointer { inference.observe(UnsafeBufferPointer($0)) }
    }
    return inference.column(named: "c")
}

struct InferenceCase: CustomTestStringConvertible, Sendable {
    let values: [String]
    let type: DataType
    var testDescription: String { "\(values) -> \(type)" }
}

let inferenceCases: [InferenceCase] = [
    InferenceCase(values: ["1", "2", "-3", ""], type: .integer),
    InferenceCase(values: ["1", "3000000000"], type: .long),
    InferenceCase(values: ["1", "99999999999999999999"], type: .decimal(precision: 20, scale: 0)),
    InferenceCase(values: ["", "0", "1234.50", "0.00", "7"], type: .decimal(precision: 6, scale: 2)),
    InferenceCase(values: ["0.5", "-12.125"], type: .decimal(precision: 5, scale: 3)),
    InferenceCase(values: ["1.5", "2e10"], type: .double),
    InferenceCase(values: ["1", "1." + String(repeating: "1", count: 40)], type: .double),
    InferenceCase(values: ["1", "x"], type: .string),
    InferenceCase(values: ["007", "12"], type: .string),
    InferenceCase(values: ["1,234.50"], type: .string),
    InferenceCase(values: ["true", "FALSE", "True"], type: .boolean),
    InferenceCase(values: ["true", "1"], type: .string),
    InferenceCase(values: ["2020-01-31", "1999-12-01"], type: .date),
    InferenceCase(values: ["01/31/2020", "1/2/2021", ""], type: .date),
    InferenceCase(values: ["02/30/2020"], type: .string),
    InferenceCase(values: ["2020-01-01T10:00:00Z", "2020-01-01 10:00:00.123456", "2020-01-01T10:00+02:00"], type: .timestamp),
    InferenceCase(values: ["2020-01-01", "2020-01-01T10:00:00"], type: .string),
    InferenceCase(values: ["", ""], type: .string),
    InferenceCase(values: [], type: .string),
]

@Test("type inference", arguments: inferenceCases)
func inference(_ c: InferenceCase) {
    #expect(inferType(c.values).type == c.type)
}

@Test func usDatesKeepTheirStyle() {
    #expect(inferType(["03/20/2022"]).dateStyle == .us)
    #expect(inferType(["2022-03-20"]).dateStyle == .iso)
    let custom = DateStyle.custom(try! DateFormat("dd.MM.yyyy"))
    #expect(inferType(["31.01.2020"], altDate: custom) == ColumnSpec(name: "c", type: .date, dateStyle: custom))
    #expect(inferType(["01/31/2020"], altDate: custom).type == .string)
}

@Test func valueParsers() {
    func withBytes<R>(_ s: String, _ f: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(s.utf8).withUnsafeBufferPointer(f)
    }
    #expect(withBytes("1234.5") { ValueParsers.parseDecimal($0, scale: 2) } == 123450)
    #expect(withBytes("-0.07") { ValueParsers.parseDecimal($0, scale: 2) } == -7)
    #expect(withBytes("1.234") { ValueParsers.parseDecimal($0, scale: 2) } == nil)
    #expect(withBytes("-9223372036854775808") { ValueParsers.parseInt64($0) } == Int64.min)
    #expect(withBytes("9223372036854775808") { ValueParsers.parseInt64($0) } == nil)
    #expect(withBytes("1970-01-02") { DateParsers.parseISODate($0) } == 1)
    #expect(withBytes("12/31/1969") { DateParsers.parseUSDate($0) } == -1)
    #expect(withBytes("02/29/2000") { DateParsers.parseUSDate($0) } == 11016)
    #expect(withBytes("02/29/1900") { DateParsers.parseUSDate($0) } == nil)
    #expect(withBytes("1970-01-01T00:00:01.5Z") { DateParsers.parseISOTimestamp($0) } == 1_500_000)
    #expect(withBytes("1970-01-01T01:00:00+01:00") { DateParsers.parseISOTimestamp($0) } == 0)
    #expect(withBytes("1970-01-01T24:00:00") { DateParsers.parseISOTimestamp($0) } == nil)
}

@Test func dateFormatPatterns() throws {
    let f = try DateFormat("%d/%m/%Y")
    #expect(Array("31/01/2020".utf8).withUnsafeBufferPointer { f.parse($0) } == DateParsers.days(year: 2020, month: 1, day: 31))
    #expect(throws: CSVError.self) { _ = try DateFormat("MM/yyyy") }
    #expect(throws: CSVError.self) { _ = try DateFormat("MMM d, yyyy") }
}

@Test func infersTheComplaintsFixture() throws {
    let input = try CSVInput(path: fixturePath("complaints.csv"), options: CSVReadOptions())
    let result = try SchemaInference.infer(input, altDate: .us) { throw $0 }
    #expect(result.rows == 3000)
    let types = Dictionary(uniqueKeysWithValues: result.columns.map { ($0.name, $0.type) })
    #expect(types["File No."] == .integer)
    #expect(types["Opened"] == .date)
    #expect(types["Closed"] == .date)
    #expect(types["Company"] == .string)
    if case .decimal(_, 2)? = types["Recovery"] {} else { Issue.record("Recovery is \(String(describing: types["Recovery"]))") }
}

@Test func schemaOverrideForms() throws {
    let list = try SchemaOverride(text: "# types\nFile No.:long\nRecovery: decimal(12,2)\n")
    #expect(list.types.map(\.name) == ["File No.", "Recovery"])
    #expect(list.types.map(\.type) == [.long, .decimal(precision: 12, scale: 2)])
    let json = try SchemaOverride(text: #"{"type":"struct","fields":[{"name":"a","type":"double","nullable":true,"metadata":{}}]}"#)
    #expect(json.types.map(\.type) == [.double])
    #expect(throws: CSVError.self) { _ = try SchemaOverride(text: "a:blob") }
    #expect(throws: CSVError.self) { _ = try SchemaOverride(text: "no type here") }
    let applied = try list.apply(header: ["Company", "File No.", "Recovery"], inferred: nil, altDate: .us)
    #expect(applied.map(\.type) == [.string, .long, .decimal(precision: 12, scale: 2)])
    #expect(throws: CSVError.self) { _ = try list.apply(header: ["Company"], inferred: nil, altDate: .us) }
}

/// Every day from 1700 to 2300 (the table range and around it), counted one by one from 1970-01-01, against
/// `DateParsers.days`; impossible days are refused.
@Test func daysSinceEpochMatchACountedCalendar() {
    func length(_ y: Int, _ m: Int) -> Int {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }
    var mismatches = 0
    var n = 0
    // Forward from 1970, then backward from 1969-12-31.
    for (years, step) in [(Array(1970...2300), 1), (Array((1700...1969).reversed()), -1)] {
        n = step == 1 ? 0 : -1
        for y in years {
            let months = step == 1 ? Array(1...12) : Array((1...12).reversed())
            for m in months {
                let days = step == 1 ? Array(1...length(y, m)) : Array((1...length(y, m)).reversed())
                for d in days {
                    if DateParsers.days(year: y, month: m, day: d) != Int32(n) { mismatches += 1 }
                    n += step
                }
                if DateParsers.days(year: y, month: m, day: length(y, m) + 1) != nil { mismatches += 1 }
                if DateParsers.days(year: y, month: m, day: 0) != nil { mismatches += 1 }
            }
            if DateParsers.days(year: y, month: 13, day: 1) != nil || DateParsers.days(year: y, month: 0, day: 1) != nil {
                mismatches += 1
            }
        }
    }
    #expect(mismatches == 0)
    #expect(DateParsers.days(year: 2024, month: 2, day: 29) == 19_782 && DateParsers.days(year: 2023, month: 2, day: 29) == nil)
}
