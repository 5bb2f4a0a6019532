/// The schema as an indented tree, in the form Spark's `printSchema()` prints, so that users of Spark and
/// Databricks read it at a glance:
///
///     root
///      |-- Company: string (nullable = true)
///      |-- address: struct (nullable = true)
///      |    |-- city: string (nullable = true)
///      |-- tags: array (nullable = true)
///      |    |-- element: string (containsNull = true)
///      |-- scores: map (nullable = true)
///      |    |-- key: string
///      |    |-- value: long (valueContainsNull = true)
extension StructType {
    /// The tree, one line per field (nested fields, array elements and map keys/values indented), ending
    /// without a newline.
    public var treeString: String {
        var lines = ["root"]
        for field in fields { Self.appendField(field, prefix: " |", into: &lines) }
        return lines.joined(separator: "\n")
    }

    private static func appendField(_ field: StructField, prefix: String, into lines: inout [String]) {
        lines.append("\(prefix)-- \(field.name): \(field.type.treeTypeName) (nullable = \(field.nullable))")
        appendChildren(of: field.type, prefix: prefix + "    |", into: &lines)
    }

    private static func appendChildren(of type: DataType, prefix: String, into lines: inout [String]) {
        switch type {
        case .struct(let s):
            for f in s.fields { appendField(f, prefix: prefix, into: &lines) }
        case .array(let element, let containsNull):
            lines.append("\(prefix)-- element: \(element.treeTypeName) (containsNull = \(containsNull))")
            appendChildren(of: element, prefix: prefix + "    |", into: &lines)
        case .map(let key, let value, let valueContainsNull):
            lines.append("\(prefix)-- key: \(key.treeTypeName)")
            appendChildren(of: key, prefix: prefix + "    |", into: &lines)
            lines.append("\(prefix)-- value: \(value.treeTypeName) (valueContainsNull = \(valueContainsNull))")
            appendChildren(of: value, prefix: prefix + "    |", into: &lines)
        default:
            break
        }
    }
}

extension DataType {
    /// The name a tree line shows: the primitive name, or `struct`, `array`, `map`.
    var treeTypeName: String {
        switch self {
        case .struct: return "struct"
        case .array: return "array"
        case .map: return "map"
        default: return primitiveName ?? "\(self)"
        }
    }
}
