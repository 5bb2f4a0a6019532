import Foundation
import Testing
@testable import Parquet

@Suite struct ThriftTests {
    @Test func primitiveFieldsRoundTrip() throws {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeI32Field(1, -5)
        w.writeBoolField(2, true)
        w.writeI64Field(20, Int64.min)  // long-form header (delta > 15)
        w.writeBoolField(21, false)
        w.writeDoubleField(22, 1.5)
        w.writeStringField(23, "héllo")
        w.writeListField(24, .i32, count: 20) { l in for i in 0..<20 { l.writeI32(Int32(i) - 10) } }
        w.writeListField(25, .boolTrue, count: 2) { l in l.writeBoolElement(true); l.writeBoolElement(false) }
        w.endStruct()
        try w.bytes.withUnsafeBytes { buf in
            var r = ThriftCompactReader(buf)
            try r.beginStruct()
            var seen: [Int16] = []
            while let f = try r.readFieldHeader() {
                seen.append(f.id)
                switch f.id {
                case 1: #expect(try r.readI32() == -5)
                case 2: #expect(r.readBool(f) == true)
                case 20: #expect(try r.readI64() == Int64.min)
                case 21: #expect(r.readBool(f) == false)
                case 22: #expect(try r.readDouble() == 1.5)
                case 23: #expect(try r.readString() == "héllo")
                case 24: #expect(try r.readI32List() == (0..<20).map { Int32($0) - 10 })
                case 25:
                    let (_, n) = try r.readListHeader()
                    #expect(n == 2)
                    #expect(try r.readBoolElement() == true)
                    #expect(try r.readBoolElement() == false)
                default: Issue.record("unexpected field \(f.id)")
                }
            }
            r.endStruct()
            #expect(seen == [1, 2, 20, 21, 22, 23, 24, 25])
            #expect(r.bytes.isAtEnd)
        }
    }

    @Test func skipsUnknownNestedFields() throws {
        // A Statistics with extra unknown fields (a nested struct, a map, a list of lists).
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeI64Field(3, 7)
        w.writeStructField(40) { s in
            s.writeStringField(1, "x")
            s.writeListField(2, .list, count: 1) { l in l.writeListHeader(.i64, count: 2); l.writeI64(1); l.writeI64(2) }
        }
        w.writeFieldHeader(41, .map)
        w.writeMapHeader(keyType: .binary, valueType: .i32, count: 2)
        w.writeString("a"); w.writeI32(1); w.writeString("b"); w.writeI32(2)
        w.writeBinaryField(6, [1, 2, 3])
        w.endStruct()
        let stats = try Statistics.decode(w.bytes)
        #expect(stats.nullCount == 7)
        #expect(stats.minValue == [1, 2, 3])
    }

    @Test func refusesAbsurdLengths() throws {
        // A binary field declaring 2^40 bytes.
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeFieldHeader(6, .binary)
        w.output.writeVarUInt64(1 << 40)
        let bigBinary = w.bytes
        #expect(throws: ParquetError.self) { _ = try Statistics.decode(bigBinary) }

        // A list declaring 1M elements in a few bytes.
        var l = ThriftCompactWriter()
        l.beginStruct()
        l.writeFieldHeader(2, .list)
        l.writeListHeader(.structure, count: 1_000_000)
        let bigList = l.bytes
        do {
            _ = try FileMetaData.decode(bigList)
            Issue.record("expected an error")
        } catch let e as ParquetError {
            guard case .outOfSpec(_, let offset) = e else { Issue.record("wrong error \(e)"); return }
            #expect(offset == 1)
        }
        // Deep nesting of unknown structs must not overflow the stack.
        let deep = [UInt8](repeating: 0xC0 | 12, count: 10_000)
        #expect(throws: ParquetError.self) { _ = try Statistics.decode(deep) }
        // Truncation in the middle of a varint.
        #expect(throws: ParquetError.self) { _ = try Statistics.decode([0x36, 0x80]) }
    }

    @Test func metadataRoundTrip() throws {
        let schema = ParquetSchema(fields: [
            .primitive("id", .int64, repetition: .required),
            .primitive("name", .byteArray, logicalType: .string, convertedType: .utf8),
            .primitive("ts", .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros)),
            .primitive("d", .fixedLenByteArray, logicalType: .decimal(scale: 2, precision: 20), convertedType: .decimal,
                       typeLength: 9, scale: 2, precision: 20),
            .primitive("i8", .int32, logicalType: .integer(bitWidth: 8, isSigned: true)),
            .primitive("t", .int64, logicalType: .time(isAdjustedToUTC: false, unit: .nanos)),
            .list("tags", element: .primitive("element", .byteArray, logicalType: .string)),
            .map("pv", key: .primitive("key", .byteArray, logicalType: .string),
                 value: .primitive("value", .byteArray, logicalType: .string)),
        ])
        let stats = Statistics(nullCount: 0, maxValue: [9], minValue: [1], isMaxValueExact: true, isMinValueExact: false)
        let meta = ColumnMetaData(type: .int64, encodings: [.plain, .rle, .rleDictionary, .other(42)],
                                  pathInSchema: ["id"], codec: .zstd, numValues: 3, totalUncompressedSize: 100,
                                  totalCompressedSize: 80, keyValueMetadata: [KeyValue(key: "k", value: nil)],
                                  dataPageOffset: 4, dictionaryPageOffset: nil, statistics: stats,
                                  encodingStats: [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: 1)])
        let file = FileMetaData(version: 2, schema: schema.elements, numRows: 3,
                                rowGroups: [RowGroup(columns: [ColumnChunk(fileOffset: 4, metaData: meta)],
                                                     totalByteSize: 100, numRows: 3, fileOffset: 4,
                                                     totalCompressedSize: 80, ordinal: 0)],
                                keyValueMetadata: [KeyValue(key: "a", value: "b")], createdBy: "deltactl",
                                columnOrders: [.typeDefined, .ieee754TotalOrder])
        let decoded = try FileMetaData.decode(file.thriftEncoded())
        #expect(decoded == file)
        let reparsed = try ParquetSchema(elements: decoded.schema)
        #expect(reparsed == schema)
        #expect(reparsed.columns.map(\.dottedPath) ==
                ["id", "name", "ts", "d", "i8", "t", "tags.list.element", "pv.key_value.key", "pv.key_value.value"])
        #expect(reparsed.columns.map(\.maxDefinitionLevel) == [0, 1, 1, 1, 1, 1, 3, 2, 3])
        #expect(reparsed.columns.map(\.maxRepetitionLevel) == [0, 0, 0, 0, 0, 0, 1, 1, 1])
        #expect(reparsed.columns[3].scale == 2 && reparsed.columns[3].typeLength == 9)

        let header = PageHeader(type: .dataPageV2, uncompressedPageSize: 10, compressedPageSize: 8, crc: -1,
                                dataPageHeaderV2: DataPageHeaderV2(numValues: 5, numNulls: 1, numRows: 5,
                                                                   encoding: .deltaBinaryPacked,
                                                                   definitionLevelsByteLength: 2,
                                                                   repetitionLevelsByteLength: 0, isCompressed: false))
        #expect(try PageHeader.decode(header.thriftEncoded()) == header)
        let dict = PageHeader(type: .dictionaryPage, uncompressedPageSize: 1, compressedPageSize: 1,
                              dictionaryPageHeader: DictionaryPageHeader(numValues: 1, encoding: .plain, isSorted: true))
        #expect(try PageHeader.decode(dict.thriftEncoded()) == dict)
        let v1 = PageHeader(type: .dataPage, uncompressedPageSize: 1, compressedPageSize: 1,
                            dataPageHeader: DataPageHeader(numValues: 1, encoding: .plain, statistics: stats))
        #expect(try PageHeader.decode(v1.thriftEncoded()) == v1)
    }

    @Test func schemaRejectsBadChildCounts() {
        let elements = [SchemaElement(name: "root", numChildren: 3),
                        SchemaElement(name: "a", type: .int32, repetitionType: .required)]
        #expect(throws: ParquetError.self) { _ = try ParquetSchema(elements: elements) }
        let noType = [SchemaElement(name: "root", numChildren: 1), SchemaElement(name: "a", repetitionType: .required)]
        #expect(throws: ParquetError.self) { _ = try ParquetSchema(elements: noType) }
    }
}
