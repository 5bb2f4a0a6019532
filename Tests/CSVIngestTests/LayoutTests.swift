import DeltaLog
import Parquet
import Testing
@testable import CSVIngest

@Test func forbiddenNamesNeedColumnMapping() {
    for name in ["File No.", "a,b", "a;b", "a{b", "a}b", "a(b", "a)b", "a\nb", "a\tb", "a=b"] {
        #expect(ColumnNaming.needsMapping(name), "\(name)")
    }
    for name in ["Company", "SubCoverage", "a.b", "Ünïcode", "x-y"] { #expect(!ColumnNaming.needsMapping(name)) }
}

@Test func sanitizedNamesArePortableAndUnique() {
    #expect(ColumnNaming.sanitize("File No.") == "File_No_")
    #expect(ColumnNaming.sanitize("Amount ($)") == "Amount____")
    #expect(ColumnNaming.sanitize("1st") == "_1st")
    #expect(ColumnNaming.sanitizeAll(["a b", "a_b", "A-B"]) == ["a_b", "a_b_2", "A_B_3"])
}

@Test func newTableLayoutTurnsOnColumnMappingOnlyWhenNeeded() throws {
    let specs = [ColumnSpec(name: "Company", type: .string), ColumnSpec(name: "File No.", type: .integer)]
    let mapped = try ColumnLayout.forNewTable(specs, sanitizeNames: false)
    #expect(mapped.mappingMode == "name")
    #expect(mapped.configuration["delta.columnMapping.mode"] == "name")
    #expect(mapped.configuration["delta.columnMapping.maxColumnId"] == "2")
    #expect(mapped.schema.fieldNames == ["Company", "File No."])
    #expect(mapped.columns.map(\.fieldID) == [1, 2])
    #expect(mapped.columns.allSatisfy { $0.physicalName.hasPrefix("col-") })
    #expect(mapped.schema.fields[1].physicalNameMetadata == mapped.columns[1].physicalName)
    let proto = WriterFeatures.minimumProtocol(for: Metadata(id: "x", schemaString: mapped.schema.jsonString,
                                                             configuration: mapped.configuration))
    #expect(proto.minReaderVersion == 2 && proto.minWriterVersion == 5)

    let sanitized = try ColumnLayout.forNewTable(specs, sanitizeNames: true)
    #expect(sanitized.mappingMode == "none")
    #expect(sanitized.schema.fieldNames == ["Company", "File_No_"])
    #expect(sanitized.columns.map(\.physicalName) == ["Company", "File_No_"])
    #expect(sanitized.configuration.isEmpty)

    let plain = try ColumnLayout.forNewTable([ColumnSpec(name: "a", type: .long)], sanitizeNames: false)
    #expect(plain.mappingMode == "none" && plain.columns[0].physicalName == "a")
}

@Test func appendLayoutMatchesByNameAndReportsDifferences() throws {
    let table = try ColumnLayout.forNewTable(
        [ColumnSpec(name: "File No.", type: .long), ColumnSpec(name: "Opened", type: .date)], sanitizeNames: false)
    let layout = try ColumnLayout.forExistingTable(schema: table.schema, configuration: table.configuration,
                                                   csvHeader: ["opened", "File No."], sanitizeNames: false, altDate: .us)
    #expect(layout.columns.map(\.csvIndex) == [1, 0])
    #expect(layout.columns.map(\.physicalName) == table.columns.map(\.physicalName))
    #expect(throws: CSVError.schemaMismatch("the table has column 'Opened' (date), the CSV does not; the CSV has column 'Extra', the table does not")) {
        _ = try ColumnLayout.forExistingTable(schema: table.schema, configuration: table.configuration,
                                              csvHeader: ["File No.", "Extra"], sanitizeNames: false, altDate: .us)
    }
}

@Test func partitionFoldersAreHiveEscaped() {
    #expect(PartitionPath.segment(column: "state", value: "US/East") == "state=US%2FEast")
    #expect(PartitionPath.segment(column: "a=b", value: "50%:x?") == "a%3Db=50%25%3Ax%3F")
    #expect(PartitionPath.segment(column: "c", value: nil) == "c=__HIVE_DEFAULT_PARTITION__")
    #expect(PartitionPath.segment(column: "c", value: "") == "c=__HIVE_DEFAULT_PARTITION__")
    #expect(PartitionPath.segment(column: "c", value: "New York, NY") == "c=New York, NY")
    #expect(PartitionPath.folder([("a", "1"), ("b", "x")]) == "a=1/b=x")
    #expect(PartitionPath.uri("state=US%2FEast/part-0.parquet") == "state=US%252FEast/part-0.parquet")
    #expect(PartitionPath.uri("c=New York/Ü.parquet") == "c=New%20York/%C3%9C.parquet")
}

@Test func valueFormats() {
    #expect(ValueFormat.date(0) == "1970-01-01")
    #expect(ValueFormat.date(-1) == "1969-12-31")
    #expect(ValueFormat.date(19_071) == "2022-03-20")
    #expect(ValueFormat.timestamp(1_500_000) == "1970-01-01 00:00:01.500000")
    #expect(ValueFormat.timestamp(-1) == "1969-12-31 23:59:59.999999")
    #expect(ValueFormat.timestampISO(0) == "1970-01-01T00:00:00.000000Z")
    #expect(ValueFormat.decimal(123450, scale: 2) == "1234.50")
    #expect(ValueFormat.decimal(-7, scale: 2) == "-0.07")
    #expect(ValueFormat.decimal(5, scale: 0) == "5")
    #expect(ValueFormat.int128(bigEndian: [0xFF, 0xFE]) == -2)
    #expect(ValueFormat.double(2.0) == "2" && ValueFormat.double(0.5) == "0.5")
}

@Test func statsJSONUsesPhysicalNamesAndDeltaForms() throws {
    let json = FileStats.json(numRecords: 3, columns: [
        ("col-a", .date, ColumnStatistics(nullCount: 1, valueCount: 2, min: .int32(0), max: .int32(19_071))),
        ("col-b", .decimal(precision: 6, scale: 2), ColumnStatistics(nullCount: 0, valueCount: 3, min: .int32(-7), max: .int32(123450))),
        ("s", .string, ColumnStatistics(nullCount: 0, valueCount: 3, min: .bytes(Array("a".utf8)),
                                        max: .bytes(Array(String(repeating: "z", count: 40).utf8)))),
        ("flag", .boolean, ColumnStatistics(nullCount: 0, valueCount: 3, min: .boolean(false), max: .boolean(true))),
    ])
    #expect(json == #"{"numRecords":3,"minValues":{"col-a":"1970-01-01","col-b":-0.07,"s":"a"},"maxValues":{"col-a":"2022-03-20","col-b":1234.50},"nullCount":{"col-a":1,"col-b":0,"s":0,"flag":0}}"#)
}

/// Appends `texts` (one row each) as column 0 of a block to a builder of `spec`; returns the rows marked bad.
@discardableResult
func appendColumn(_ b: inout ColumnBuilder, _ texts: [String], nullValue: String? = nil, nullable: Bool = true) -> [Int] {
    let block = CSVBlock(rows: texts.map { [Array($0.utf8)] }, lines: Array(1...max(1, texts.count)))
    var bad: [Int] = []
    var none: ColumnInference?
    b.append(column: 0, of: block, rows: 0..<texts.count, nulls: NullMarker(nullValue.map { Array($0.utf8) }),
             nullable: nullable, observing: &none) { bad.append($0) }
    return bad
}

@Test func columnBuilderParsesTypedValuesAndRemovesBadRows() {
    var b = ColumnBuilder(spec: ColumnSpec(name: "r", type: .decimal(precision: 6, scale: 2)))
    // 7 digits do not fit decimal(6,2); "abc" is no number.
    #expect(appendColumn(&b, ["1234.5", "", "12345.67", "abc", "-0.07"]) == [2, 3])
    b.removeRows([2, 3])
    #expect(b.nullCount == 1)
    let batch = b.takeBatch()
    #expect(batch.values == .int32([123450, 0, -7]))
    #expect(batch.validity == [true, false, true])

    var d = ColumnBuilder(spec: ColumnSpec(name: "d", type: .date, dateStyle: .us))
    #expect(appendColumn(&d, ["03/20/2022", "2022-03-21", "3/1/2022", "NA", "02/30/2022"], nullValue: "NA") == [4])
    #expect(d.takeBatch().values == .int32([19_071, 19_072, 19_052, 0, 0]))

    var w = ColumnBuilder(spec: ColumnSpec(name: "w", type: .decimal(precision: 20, scale: 0)))
    #expect(appendColumn(&w, ["-2"]).isEmpty)
    let wide = w.takeBatch().values
    #expect(wide.physicalType == .fixedLenByteArray)
    #expect(wide.bytes.data == [UInt8](repeating: 0xFF, count: 8) + [0xFE] && wide.count == 1)

    var i = ColumnBuilder(spec: ColumnSpec(name: "i", type: .integer))
    #expect(appendColumn(&i, ["7", "-2147483648", "2147483648", "", "+12"], nullable: false) == [2, 3])
    i.removeRows([2, 3])
    #expect(i.takeBatch().values == .int32([7, -2_147_483_648, 12]))

    var l = ColumnBuilder(spec: ColumnSpec(name: "l", type: .long))
    #expect(appendColumn(&l, ["9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e3"]) == [2, 3])
}

@Test func columnBuilderCopiesStringsOfEveryLength() {
    var s = ColumnBuilder(spec: ColumnSpec(name: "s", type: .string))
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
    var texts: [String] = []
    for n in 0..<40 { texts.append(String((0..<n).map { k in alphabet[(k * 7 + n) % 26] })) }
    texts += ["\"quoted start", "ü", ""]
    #expect(appendColumn(&s, texts).isEmpty)
    #expect(appendColumn(&s, ["tail", "x"]).isEmpty)
    s.removeRows([1, 5])
    let batch = s.takeBatch()
    var expected = texts + ["tail", "x"]
    expected.remove(at: 5)
    expected.remove(at: 1)
    #expect((0..<batch.values.bytes.count).map { batch.values.bytes.string(at: $0) } == expected)
    let nulls = expected.filter { (s: String) in s.isEmpty }.count
    #expect(batch.validity?.filter { !$0 }.count == nulls && nulls == 2)
}
