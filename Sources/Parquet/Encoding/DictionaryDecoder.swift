/// Decoder of dictionary-encoded data pages (PLAIN_DICTIONARY / RLE_DICTIONARY): a bit-width byte followed by
/// RLE/bit-packed hybrid indices into the dictionary page's values.
public enum DictionaryDecoder {
    /// Decodes `count` indices from `buffer` and appends the referenced dictionary values to `values`.
    public static func decode(_ buffer: UnsafeRawBufferPointer, count: Int, dictionary: ColumnValues,
                              into values: inout ColumnValues, baseOffset: Int = 0) throws {
        if count == 0 { return }
        guard !buffer.isEmpty else {
            throw ParquetError.truncated(needed: 1, available: 0, byteOffset: baseOffset)
        }
        let width = Int(buffer[0])
        var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: buffer[1...]), bitWidth: width,
                                           baseOffset: baseOffset + 1)
        let indices = try decoder.decode(count: count)
        let limit = UInt32(clamping: dictionary.count)
        var bad = false
        for i in indices where i >= limit { bad = true; break }
        if bad {
            throw ParquetError.outOfSpec(reason: "dictionary index out of range (dictionary has \(dictionary.count) values)",
                                         byteOffset: baseOffset)
        }
        func gather<T>(_ dict: [T], _ out: inout [T]) {
            out.reserveMore(count)
            dict.withUnsafeBufferPointer { d in
                for i in indices { out.append(d[Int(i)]) }
            }
        }
        switch values.physicalType {
        case .boolean: gather(dictionary.booleans, &values.booleans)
        case .int32: gather(dictionary.int32s, &values.int32s)
        case .int64: gather(dictionary.int64s, &values.int64s)
        case .int96: gather(dictionary.int96s, &values.int96s)
        case .float: gather(dictionary.floats, &values.floats)
        case .double: gather(dictionary.doubles, &values.doubles)
        case .byteArray, .fixedLenByteArray:
            let d = dictionary.bytes
            var total = 0
            for i in indices { total += d.offsets[Int(i) + 1] - d.offsets[Int(i)] }
            values.bytes.reserve(values: count, bytes: total)
            d.data.withUnsafeBytes { raw in
                for i in indices {
                    values.bytes.append(UnsafeRawBufferPointer(rebasing: raw[d.offsets[Int(i)]..<d.offsets[Int(i) + 1]]))
                }
            }
        }
    }
}

/// Dispatches a data page's value section to the decoder of its encoding.
public enum ValueDecoder {
    /// Decodes `count` non-null values encoded with `encoding` from `buffer`, appending to `values`.
    /// `dictionary` must be given for dictionary encodings.
    public static func decode(_ buffer: UnsafeRawBufferPointer, encoding: Encoding, count: Int, typeLength: Int,
                              dictionary: ColumnValues?, into values: inout ColumnValues, baseOffset: Int = 0) throws {
        switch encoding {
        case .plain:
            try PlainDecoder.decode(buffer, count: count, typeLength: typeLength, into: &values, baseOffset: baseOffset)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else {
                throw ParquetError.outOfSpec(reason: "dictionary-encoded page without a dictionary page",
                                             byteOffset: baseOffset)
            }
            try DictionaryDecoder.decode(buffer, count: count, dictionary: dictionary, into: &values,
                                         baseOffset: baseOffset)
        case .rle:
            guard values.physicalType == .boolean else {
                throw ParquetError.unsupported(feature: "RLE encoding for \(values.physicalType) values",
                                               byteOffset: baseOffset)
            }
            guard buffer.count >= 4 else {
                throw ParquetError.truncated(needed: 4, available: buffer.count, byteOffset: baseOffset)
            }
            let length = Int(buffer.loadUnaligned(as: UInt32.self))
            guard length <= buffer.count - 4 else {
                throw ParquetError.truncated(needed: length, available: buffer.count - 4, byteOffset: baseOffset + 4)
            }
            var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: buffer[4..<4 + length]), bitWidth: 1,
                                               baseOffset: baseOffset + 4)
            let bits = try decoder.decode(count: count)
            values.booleans.reserveMore(count)
            for b in bits { values.booleans.append(b != 0) }
        case .deltaBinaryPacked:
            try DeltaBinaryPackedDecoder.decode(buffer, expected: count, into: &values, baseOffset: baseOffset)
        case .deltaLengthByteArray:
            guard values.physicalType == .byteArray else {
                throw ParquetError.outOfSpec(reason: "DELTA_LENGTH_BYTE_ARRAY used for \(values.physicalType)",
                                             byteOffset: baseOffset)
            }
            try DeltaByteArrayDecoder.decodeLengths(buffer, expected: count, into: &values.bytes, baseOffset: baseOffset)
        case .deltaByteArray:
            guard values.physicalType == .byteArray || values.physicalType == .fixedLenByteArray else {
                throw ParquetError.outOfSpec(reason: "DELTA_BYTE_ARRAY used for \(values.physicalType)",
                                             byteOffset: baseOffset)
            }
            try DeltaByteArrayDecoder.decode(buffer, expected: count, into: &values.bytes, baseOffset: baseOffset)
        case .byteStreamSplit:
            try ByteStreamSplitDecoder.decode(buffer, count: count, typeLength: typeLength, into: &values,
                                              baseOffset: baseOffset)
        case .bitPacked, .other:
            throw ParquetError.unsupported(feature: "value encoding \(encoding)", byteOffset: baseOffset)
        }
    }
}
