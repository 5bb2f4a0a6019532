/// Decodes the pages of one column chunk held in memory: dictionary page, data pages v1 and v2, levels and values.
public struct ColumnChunkReader {
    /// Largest number of values accepted in one page.
    public static let maxValuesPerPage = 1 << 26

    let descriptor: ColumnDescriptor
    let codec: CompressionCodec
    let expectedValues: Int64

    /// Creates a reader for a chunk of `descriptor` compressed with `codec` holding `expectedValues` level slots.
    public init(descriptor: ColumnDescriptor, codec: CompressionCodec, expectedValues: Int64) {
        self.descriptor = descriptor
        self.codec = codec
        self.expectedValues = expectedValues
    }

    /// Decodes every page in `chunk` (whose first byte is at file offset `baseOffset`) into `out`.
    public func decode(_ chunk: UnsafeRawBufferPointer, baseOffset: Int, into out: inout ColumnChunkData) throws {
        var position = 0
        var dictionary: ColumnValues?
        var seen: Int64 = 0
        while position < chunk.count && seen < expectedValues {
            let headerOffset = baseOffset + position
            let (header, headerSize) = try PageHeader.decode(UnsafeRawBufferPointer(rebasing: chunk[position...]),
                                                             baseOffset: headerOffset)
            position += headerSize
            let size = Int(header.compressedPageSize)
            guard size <= chunk.count - position else {
                throw ParquetError.truncated(needed: size, available: chunk.count - position, byteOffset: headerOffset)
            }
            let page = UnsafeRawBufferPointer(rebasing: chunk[position..<position + size])
            let pageOffset = baseOffset + position
            position += size
            switch header.type {
            case .dictionaryPage:
                guard let dict = header.dictionaryPageHeader else {
                    throw ParquetError.outOfSpec(reason: "dictionary page without its header", byteOffset: headerOffset)
                }
                guard dict.numValues >= 0, Int(dict.numValues) <= Self.maxValuesPerPage else {
                    throw ParquetError.outOfSpec(reason: "dictionary page declares \(dict.numValues) values",
                                                 byteOffset: headerOffset)
                }
                var values = ColumnValues(physicalType: descriptor.physicalType)
                _ = try withDecompressed(page, uncompressedSize: Int(header.uncompressedPageSize), pageOffset: pageOffset) {
                    try PlainDecoder.decode($0, count: Int(dict.numValues), typeLength: descriptor.typeLength,
                                            into: &values, baseOffset: pageOffset)
                }
                dictionary = values
            case .dataPage:
                guard let h = header.dataPageHeader else {
                    throw ParquetError.outOfSpec(reason: "data page without its header", byteOffset: headerOffset)
                }
                try withDecompressed(page, uncompressedSize: Int(header.uncompressedPageSize), pageOffset: pageOffset) {
                    try decodeV1($0, header: h, dictionary: dictionary, pageOffset: pageOffset, into: &out)
                }
                seen += Int64(h.numValues)
            case .dataPageV2:
                guard let h = header.dataPageHeaderV2 else {
                    throw ParquetError.outOfSpec(reason: "data page v2 without its header", byteOffset: headerOffset)
                }
                try decodeV2(page, header: h, uncompressedSize: Int(header.uncompressedPageSize),
                             dictionary: dictionary, pageOffset: pageOffset, into: &out)
                seen += Int64(h.numValues)
            case .indexPage, .other:
                continue
            }
        }
        guard seen >= expectedValues else {
            throw ParquetError.outOfSpec(reason: "column \(descriptor.dottedPath) chunk ends after \(seen) of "
                                         + "\(expectedValues) values", byteOffset: baseOffset + position)
        }
    }

    /// Lends a page's uncompressed bytes to `body`: the page itself when the chunk is uncompressed (no copy),
    /// else a decompressed copy.
    func withDecompressed<R>(_ page: UnsafeRawBufferPointer, uncompressedSize: Int, pageOffset: Int,
                             _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        if codec == .uncompressed {
            guard page.count == uncompressedSize else {
                throw ParquetError.decompressionFailed(codec: "\(codec)", reason: "page holds \(page.count) bytes but "
                                                       + "declares \(uncompressedSize)", byteOffset: pageOffset)
            }
            return try body(page)
        }
        let data = try PageCompression.decompress(page, codec: codec, uncompressedSize: uncompressedSize,
                                                  byteOffset: pageOffset)
        return try data.withUnsafeBytes(body)
    }

    func checkCount(_ n: Int32, at offset: Int) throws -> Int {
        guard n >= 0, Int(n) <= Self.maxValuesPerPage else {
            throw ParquetError.outOfSpec(reason: "page declares \(n) values", byteOffset: offset)
        }
        return Int(n)
    }

    /// Reads RLE levels with a 4-byte length prefix (v1), returning the levels and bytes consumed.
    func readPrefixedLevels(_ buf: UnsafeRawBufferPointer, encoding: Encoding, count: Int, maxLevel: Int,
                            offset: Int) throws -> ([Int16], Int) {
        let width = BitWidth.forMax(maxLevel)
        switch encoding {
        case .rle:
            guard buf.count >= 4 else { throw ParquetError.truncated(needed: 4, available: buf.count, byteOffset: offset) }
            let length = Int(buf.loadUnaligned(as: UInt32.self))
            guard length <= buf.count - 4 else {
                throw ParquetError.truncated(needed: length, available: buf.count - 4, byteOffset: offset + 4)
            }
            var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: buf[4..<4 + length]), bitWidth: width,
                                               baseOffset: offset + 4)
            return (try decoder.decodeLevels(count: count, maxLevel: maxLevel), 4 + length)
        case .bitPacked:
            // Deprecated BIT_PACKED levels: MSB-first bit order, no length prefix.
            let bytes = (count * width + 7) / 8
            guard bytes <= buf.count else { throw ParquetError.truncated(needed: bytes, available: buf.count, byteOffset: offset) }
            var levels = [Int16](repeating: 0, count: count)
            for i in 0..<count {
                var v = 0
                for b in 0..<width {
                    let bit = i * width + b
                    v = (v << 1) | Int((buf[bit >> 3] >> UInt8(7 - (bit & 7))) & 1)
                }
                guard v <= maxLevel else { throw ParquetError.outOfSpec(reason: "level above maximum", byteOffset: offset) }
                levels[i] = Int16(v)
            }
            return (levels, bytes)
        default:
            throw ParquetError.unsupported(feature: "level encoding \(encoding)", byteOffset: offset)
        }
    }

    func decodeV1(_ page: UnsafeRawBufferPointer, header: DataPageHeader, dictionary: ColumnValues?, pageOffset: Int,
                  into out: inout ColumnChunkData) throws {
        let count = try checkCount(header.numValues, at: pageOffset)
        var pos = 0
        if descriptor.maxRepetitionLevel > 0 {
            let (levels, used) = try readPrefixedLevels(page, encoding: header.repetitionLevelEncoding, count: count,
                                                        maxLevel: descriptor.maxRepetitionLevel, offset: pageOffset)
            out.repetitionLevels.append(contentsOf: levels)
            pos += used
        }
        var nonNull = count
        if descriptor.maxDefinitionLevel > 0 {
            let (levels, used) = try readPrefixedLevels(UnsafeRawBufferPointer(rebasing: page[pos...]),
                                                        encoding: header.definitionLevelEncoding, count: count,
                                                        maxLevel: descriptor.maxDefinitionLevel,
                                                        offset: pageOffset + pos)
            nonNull = countMax(levels)
            out.definitionLevels.append(contentsOf: levels)
            pos += used
        }
        out.slotCount += count
        try ValueDecoder.decode(UnsafeRawBufferPointer(rebasing: page[pos...]), encoding: header.encoding, count: nonNull,
                                typeLength: descriptor.typeLength, dictionary: dictionary, into: &out.values,
                                baseOffset: pageOffset + pos)
    }

    func countMax(_ levels: [Int16]) -> Int {
        let m = Int16(descriptor.maxDefinitionLevel)
        var n = 0
        for l in levels where l == m { n += 1 }
        return n
    }

    func decodeV2(_ page: UnsafeRawBufferPointer, header: DataPageHeaderV2, uncompressedSize: Int,
                  dictionary: ColumnValues?, pageOffset: Int, into out: inout ColumnChunkData) throws {
        let count = try checkCount(header.numValues, at: pageOffset)
        let repLength = Int(header.repetitionLevelsByteLength), defLength = Int(header.definitionLevelsByteLength)
        guard repLength >= 0, defLength >= 0, repLength + defLength <= page.count,
              repLength + defLength <= uncompressedSize else {
            throw ParquetError.outOfSpec(reason: "v2 page level lengths (\(repLength), \(defLength)) exceed the page",
                                         byteOffset: pageOffset)
        }
        if descriptor.maxRepetitionLevel > 0 {
            var d = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: page[0..<repLength]),
                                         bitWidth: BitWidth.forMax(descriptor.maxRepetitionLevel), baseOffset: pageOffset)
            out.repetitionLevels.append(contentsOf: try d.decodeLevels(count: count,
                                                                       maxLevel: descriptor.maxRepetitionLevel))
        }
        var nonNull = count
        if descriptor.maxDefinitionLevel > 0 {
            var d = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: page[repLength..<repLength + defLength]),
                                         bitWidth: BitWidth.forMax(descriptor.maxDefinitionLevel),
                                         baseOffset: pageOffset + repLength)
            let levels = try d.decodeLevels(count: count, maxLevel: descriptor.maxDefinitionLevel)
            nonNull = countMax(levels)
            out.definitionLevels.append(contentsOf: levels)
        }
        out.slotCount += count
        let body = UnsafeRawBufferPointer(rebasing: page[(repLength + defLength)...])
        let bodyOffset = pageOffset + repLength + defLength
        if header.isCompressed && codec != .uncompressed {
            let data = try PageCompression.decompress(body, codec: codec,
                                                      uncompressedSize: uncompressedSize - repLength - defLength,
                                                      byteOffset: bodyOffset)
            try data.withUnsafeBytes {
                try ValueDecoder.decode($0, encoding: header.encoding, count: nonNull, typeLength: descriptor.typeLength,
                                        dictionary: dictionary, into: &out.values, baseOffset: bodyOffset)
            }
        } else {
            try ValueDecoder.decode(body, encoding: header.encoding, count: nonNull, typeLength: descriptor.typeLength,
                                    dictionary: dictionary, into: &out.values, baseOffset: bodyOffset)
        }
    }
}
