/// Decoded non-null values of one leaf column, in a typed array chosen by the physical type.
/// Only the array matching ``physicalType`` is used (`bytes` for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY).
public struct ColumnValues: Sendable, Equatable {
    /// The physical type, which selects the array in use.
    public let physicalType: PhysicalType
    /// BOOLEAN values.
    public var booleans: [Bool] = []
    /// INT32 values.
    public var int32s: [Int32] = []
    /// INT64 values.
    public var int64s: [Int64] = []
    /// INT96 values.
    public var int96s: [Int96] = []
    /// FLOAT values.
    public var floats: [Float] = []
    /// DOUBLE values.
    public var doubles: [Double] = []
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values.
    public var bytes = ByteArrayColumn()

    /// Creates an empty container for `physicalType`.
    public init(physicalType: PhysicalType) { self.physicalType = physicalType }

    /// Number of values held.
    public var count: Int {
        switch physicalType {
        case .boolean: return booleans.count
        case .int32: return int32s.count
        case .int64: return int64s.count
        case .int96: return int96s.count
        case .float: return floats.count
        case .double: return doubles.count
        case .byteArray, .fixedLenByteArray: return bytes.count
        }
    }

    /// Appends value `i` of `other` (same physical type), e.g. a dictionary entry.
    @inlinable
    public mutating func append(from other: ColumnValues, at i: Int) {
        switch physicalType {
        case .boolean: booleans.append(other.booleans[i])
        case .int32: int32s.append(other.int32s[i])
        case .int64: int64s.append(other.int64s[i])
        case .int96: int96s.append(other.int96s[i])
        case .float: floats.append(other.floats[i])
        case .double: doubles.append(other.doubles[i])
        case .byteArray, .fixedLenByteArray: bytes.append(from: other.bytes, at: i)
        }
    }

    /// Removes all values, keeping capacity.
    public mutating func removeAll() {
        booleans.removeAll(keepingCapacity: true)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        int96s.removeAll(keepingCapacity: true)
        floats.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        bytes = ByteArrayColumn()
    }
}

extension Array {
    /// Makes room for `extra` more elements, growing geometrically (repeated exact `reserveCapacity` calls with
    /// growing sizes would copy the array every time).
    @inlinable
    mutating func reserveMore(_ extra: Int) {
        let needed = count + extra
        if needed > capacity { reserveCapacity(Swift.max(needed, capacity * 2)) }
    }
}
