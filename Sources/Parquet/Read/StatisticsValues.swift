/// Footer statistics of one column chunk decoded to typed values.
public struct ColumnStatisticsValues: Sendable, Equatable {
    /// Smallest value (nil when absent or not decodable).
    public var min: ParquetValue?
    /// Largest value (nil when absent or not decodable).
    public var max: ParquetValue?
    /// Number of nulls, when recorded.
    public var nullCount: Int64?
    /// Number of values (including nulls) in the chunk.
    public var valueCount: Int64
}

extension ParquetFileReader {
    /// Decodes the footer statistics of leaf `column` in `rowGroup` (no data pages are read). Uses `min_value` /
    /// `max_value`, and the legacy `min` / `max` only where their signed order is right (not for byte arrays).
    public func statisticsValues(rowGroup: Int, column: Int) -> ColumnStatisticsValues? {
        guard rowGroup >= 0, rowGroup < metadata.rowGroups.count, column >= 0, column < schema.columns.count,
              let meta = metadata.rowGroups[rowGroup].columns[column].metaData else { return nil }
        let descriptor = schema.columns[column]
        let stats = meta.statistics
        let legacyUsable = descriptor.physicalType != .byteArray && descriptor.physicalType != .fixedLenByteArray
            && descriptor.convertedType != .uint8 && descriptor.convertedType != .uint16
            && descriptor.convertedType != .uint32 && descriptor.convertedType != .uint64
        let minBytes = stats?.minValue ?? (legacyUsable ? stats?.min : nil)
        let maxBytes = stats?.maxValue ?? (legacyUsable ? stats?.max : nil)
        return ColumnStatisticsValues(min: minBytes.flatMap { Self.decodeStatistic($0, descriptor) },
                                      max: maxBytes.flatMap { Self.decodeStatistic($0, descriptor) },
                                      nullCount: stats?.nullCount, valueCount: meta.numValues)
    }

    /// Decodes one PLAIN statistics value (byte arrays carry no length prefix).
    static func decodeStatistic(_ bytes: [UInt8], _ descriptor: ColumnDescriptor) -> ParquetValue? {
        var values = ColumnValues(physicalType: descriptor.physicalType)
        switch descriptor.physicalType {
        case .byteArray:
            values.bytes.append(bytes)
        case .fixedLenByteArray:
            guard descriptor.typeLength == 0 || bytes.count == descriptor.typeLength else { return nil }
            values.bytes.append(bytes)
        default:
            do {
                _ = try bytes.withUnsafeBytes {
                    try PlainDecoder.decode($0, count: 1, typeLength: descriptor.typeLength, into: &values)
                }
            } catch {
                return nil
            }
        }
        return LogicalConversion.value(values, at: 0, column: descriptor)
    }
}
