import Testing
@testable import DeltaLog

@Suite struct SchemaTests {
    static let spark = #"{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},{"name":"price","type":"decimal(10,2)","nullable":false,"metadata":{"comment":"in EUR"}},{"name":"tags","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{}},{"name":"attrs","type":{"type":"map","keyType":"string","valueType":{"type":"struct","fields":[{"name":"d","type":"date","nullable":true,"metadata":{}},{"name":"t","type":"timestamp_ntz","nullable":true,"metadata":{}}]},"valueContainsNull":false},"nullable":true,"metadata":{}},{"name":"b","type":"binary","nullable":true,"metadata":{"delta.columnMapping.id":3,"delta.columnMapping.physicalName":"col-abc"}}]}"#

    @Test func roundTripsSparkJSONByteForByte() throws {
        let schema = try StructType(json: Self.spark)
        #expect(schema.jsonString == Self.spark)
        #expect(schema.fields.count == 5)
        #expect(schema.fields[1].type == .decimal(precision: 10, scale: 2))
        #expect(schema.fields[1].nullable == false)
        #expect(schema.fields[2].type == .array(elementType: .string, containsNull: true))
        guard case .map(.string, .struct(let inner), false) = schema.fields[3].type else {
            Issue.record("map type not parsed: \(schema.fields[3].type)"); return
        }
        #expect(inner.fields.map(\.type) == [.date, .timestampNtz])
        #expect(schema.fields[4].physicalNameMetadata == "col-abc")
        #expect(schema.fields[4].columnMappingID == 3)
    }

    @Test func treeStringIsSparksPrintSchemaForm() throws {
        let tree = try StructType(json: Self.spark).treeString
        #expect(tree == """
            root
             |-- id: long (nullable = true)
             |-- price: decimal(10,2) (nullable = false)
             |-- tags: array (nullable = true)
             |    |-- element: string (containsNull = true)
             |-- attrs: map (nullable = true)
             |    |-- key: string
             |    |-- value: struct (valueContainsNull = false)
             |    |    |-- d: date (nullable = true)
             |    |    |-- t: timestamp_ntz (nullable = true)
             |-- b: binary (nullable = true)
            """)
    }

    @Test(arguments: ["string", "long", "integer", "short", "byte", "float", "double", "boolean", "binary", "date",
                      "timestamp", "timestamp_ntz", "decimal(38,18)", "decimal(1,0)"])
    func primitiveNamesRoundTrip(_ name: String) throws {
        let t = try #require(DataType(primitiveName: name))
        #expect(t.primitiveName == name)
    }

    @Test func acceptsSpacedDecimal() {
        #expect(DataType(primitiveName: "decimal(5, 2)") == .decimal(precision: 5, scale: 2))
    }

    @Test(arguments: ["decimal(0,0)", "decimal(39,0)", "decimal(5,6)", "decimal(a,b)", "int", "varchar"])
    func rejectsBadPrimitive(_ name: String) {
        #expect(DataType(primitiveName: name) == nil)
    }

    @Test func builtSchemaSerializes() {
        let s = StructType([StructField(name: "a", type: .integer, nullable: false),
                            StructField(name: "m", type: .map(keyType: .string, valueType: .long, valueContainsNull: true))])
        #expect(s.jsonString == #"{"type":"struct","fields":[{"name":"a","type":"integer","nullable":false,"metadata":{}},{"name":"m","type":{"type":"map","keyType":"string","valueType":"long","valueContainsNull":true},"nullable":true,"metadata":{}}]}"#)
    }

    @Test(arguments: [
        #"not json"#, #"{"type":"array","elementType":"long","containsNull":true}"#,
        #"{"type":"struct","fields":[{"type":"long"}]}"#, #"{"type":"struct","fields":[{"name":"x","type":"uuid"}]}"#,
        #"{"type":"struct","fields":[{"name":"x","type":"long","nullable":"yes"}]}"#, #"{"type":"struct"}"#,
    ])
    func rejectsInvalidSchemas(_ text: String) {
        #expect(throws: DeltaError.self) { try StructType(json: text) }
    }

    @Test func errorNamesTheField() {
        do {
            _ = try StructType(json: #"{"type":"struct","fields":[{"name":"s","type":{"type":"struct","fields":[{"name":"x","type":"nope","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]}"#)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("s.x"))
        }
    }
}
