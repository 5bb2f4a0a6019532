import DeltaLog
import Parquet
import Storage

/// A ``CheckpointReader`` for every checkpoint form: JSON V2 files parsed as commit lines; Parquet checkpoints,
/// parts and sidecars read with the Parquet reader, one action per row from the first non-null of the columns
/// replication needs (`add`, `remove`, `sidecar`, `protocol`, `metaData`; PROTOCOL.md: Checkpoint Schema).
/// `*_parsed` columns are not read: row counts come from `stats` when present.
public struct DeltaCheckpointReader: CheckpointReader {
    static let columns = ["add", "remove", "sidecar", "protocol", "metaData"]

    /// Creates the reader.
    public init() {}

    public func actions(of path: String, in storage: Storage) throws -> [Action] {
        if path.hasSuffix(".json") { return try JSONCheckpointReader().actions(of: path, in: storage) }
        let bytes = try wrapStorage { try storage.read(path) }
        do {
            let reader = try ParquetFileReader(bytes: bytes, path: path)
            let present = Set(reader.schema.root.children.map(\.name))
            let wanted = Self.columns.filter { present.contains($0) }
            var actions: [Action] = []
            var row = 0
            try reader.forEachRowGroup(columns: wanted) { _, rows in
                for r in rows {
                    row += 1
                    guard let field = r.fields?.first(where: { !$0.value.isNull }) else { continue }
                    actions.append(try Action(json: .object([(field.name, Self.json(field.value))]), file: path, line: row))
                }
            }
            return actions
        } catch let e as ReplicationError {
            throw e
        } catch {
            throw ReplicationError.unreadableCheckpoint(file: path, reason: "\(error)")
        }
    }

    /// The number of actions (rows) in a Parquet checkpoint file, from its footer.
    public static func rowCount(of path: String, in storage: Storage) throws -> Int64 {
        do { return try ParquetFileReader(bytes: try storage.read(path), path: path).numRows } catch {
            throw ReplicationError.unreadableCheckpoint(file: path, reason: "\(error)")
        }
    }

    /// A Parquet value as the JSON of an action body (null struct fields dropped).
    static func json(_ v: ParquetValue) -> JSONValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int32(let i): return .int(i)
        case .int64(let i): return .int(i)
        case .uint64(let i): return .int(i)
        case .float(let f): return f.isFinite ? .number("\(f)") : .null
        case .double(let d): return d.isFinite ? .number("\(d)") : .null
        case .binary(let b): return .string(String(decoding: b, as: UTF8.self))
        case .string(let s): return .string(s)
        case .decimal(let s): return .number(s)
        case .date(let d): return .int(d)
        case .time(let t, _), .timestamp(let t, _, _): return .int(t)
        case .list(let items): return .array(items.map(json))
        case .map(let entries):
            return .object(entries.map { e in
                let key: String
                switch e.key {
                case .string(let s): key = s
                case .binary(let b): key = String(decoding: b, as: UTF8.self)
                default: key = JSONWriter.serialize(json(e.key))
                }
                return (key, json(e.value))
            })
        case .structure(let fields):
            return .object(fields.filter { !$0.value.isNull && !$0.name.hasSuffix("_parsed") }.map { ($0.name, json($0.value)) })
        }
    }
}
