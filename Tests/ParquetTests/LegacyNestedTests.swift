import Foundation
import Parquet
import Testing
import TestSupport

/// Legacy nested layouts (two-level lists, `array` / `_tuple` element groups, unannotated repeated fields,
/// MAP_KEY_VALUE maps), built by hand and compared with pyarrow's reading of the same bytes.
@Suite struct LegacyNestedTests {
    static func check(_ schema: ParquetSchema, rows: Int, _ columns: [TestFileBuilder.Column], expected: [String])
        throws {
        let bytes = TestFileBuilder.build(schema: schema, numRows: rows, columns: columns)
        let ours = try ParquetFileReader(bytes: bytes).readRows().map(Canonical.text)
        #expect(ours == expected)
        // The referee must read the same bytes the same way.
        let dir = try TemporaryDirectory()
        let path = dir.appending("legacy.parquet")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        if let theirs = try Canonical.pyarrowRows(path) { #expect(theirs == expected) }
    }

    @Test func twoLevelPrimitiveList() throws {
        // optional group l (LIST) { repeated int32 element; }  rows: [1, 2], null, []
        let schema = ParquetSchema(fields: [.group("l", children: [.primitive("element", .int32, repetition: .repeated)],
                                                   convertedType: .list)])
        let col = TestFileBuilder.Column(definitionLevels: [2, 2, 0, 1], repetitionLevels: [0, 1, 0, 0],
                                         plain: TestFileBuilder.plainInt32([1, 2]), slots: 4)
        try Self.check(schema, rows: 3, [col], expected: ["{l:[1,2]}", "{l:null}", "{l:[]}"])
    }

    @Test func twoLevelStructLists() throws {
        // repeated group with two fields is the element; groups named `array` / `<name>_tuple` are elements too.
        for (name, innerName) in [("l", "element"), ("l", "array"), ("l", "l_tuple")] {
            let children: [SchemaNode] = innerName == "element"
                ? [.primitive("s", .byteArray, repetition: .required, logicalType: .string),
                   .primitive("n", .int32, repetition: .required)]
                : [.primitive("s", .byteArray, repetition: .required, logicalType: .string)]
            let schema = ParquetSchema(fields: [.group(name, children: [.group(innerName, repetition: .repeated,
                                                                               children: children)],
                                                       logicalType: .list, convertedType: .list)])
            var cols = [TestFileBuilder.Column(definitionLevels: [2, 2, 1], repetitionLevels: [0, 1, 0],
                                               plain: TestFileBuilder.plainStrings(["a", "b"]), slots: 3)]
            var expected = ["{l:[{s:s:61},{s:s:62}]}", "{l:[]}"]
            if innerName == "element" {
                cols.append(TestFileBuilder.Column(definitionLevels: [2, 2, 1], repetitionLevels: [0, 1, 0],
                                                   plain: TestFileBuilder.plainInt32([7, 8]), slots: 3))
                expected = ["{l:[{s:s:61,n:7},{s:s:62,n:8}]}", "{l:[]}"]
            }
            try Self.check(schema, rows: 2, cols, expected: expected)
        }
    }

    @Test func unannotatedRepeatedAndLegacyMap() throws {
        // repeated int32 nums;  optional group m (MAP) { repeated group map (MAP_KEY_VALUE) { key; optional value } }
        let schema = ParquetSchema(fields: [
            .primitive("nums", .int32, repetition: .repeated),
            .group("m", children: [.group("map", repetition: .repeated, children: [
                .primitive("key", .byteArray, repetition: .required, convertedType: .utf8),
                .primitive("value", .int32, repetition: .optional)], convertedType: .mapKeyValue)],
                   convertedType: .map),
        ])
        let nums = TestFileBuilder.Column(definitionLevels: [1, 1, 0], repetitionLevels: [0, 1, 0],
                                          plain: TestFileBuilder.plainInt32([5, 6]), slots: 3)
        let keys = TestFileBuilder.Column(definitionLevels: [2, 2, 0], repetitionLevels: [0, 1, 0],
                                          plain: TestFileBuilder.plainStrings(["x", "y"]), slots: 3)
        let values = TestFileBuilder.Column(definitionLevels: [3, 2, 0], repetitionLevels: [0, 1, 0],
                                            plain: TestFileBuilder.plainInt32([9]), slots: 3)
        try Self.check(schema, rows: 2, [nums, keys, values],
                       expected: ["{nums:[5,6],m:M[s:78=9,s:79=null]}", "{nums:[],m:null}"])
    }
}
