/// The `_delta_log/_last_checkpoint` file (PROTOCOL.md: Last Checkpoint File): a hint to the newest checkpoint.
/// Readers verify it against the listing and ignore it when stale or broken; writers (the checkpoint writer)
/// encode it with ``json`` / ``jsonBytes``. Unknown fields are kept in `extra` and written back.
public struct LastCheckpoint: Equatable, Sendable {
    /// The checkpoint's version.
    public var version: Version
    /// Number of actions in the checkpoint.
    public var size: Int64
    /// Number of parts of a multi-part checkpoint (absent for single-file ones).
    public var parts: Int?
    /// Total size of the checkpoint in bytes.
    public var sizeInBytes: Int64?
    /// Number of add actions in the checkpoint.
    public var numOfAddFiles: Int64?
    /// The checkpoint's Parquet schema, as JSON.
    public var checkpointSchema: JSONValue?
    /// MD5 checksum over the other fields (Spark), when written.
    public var checksum: String?
    /// Description of a V2 checkpoint (path, sizeInBytes, modificationTime, nonFileActions, sidecarFiles), raw.
    public var v2Checkpoint: JSONValue?
    /// Fields deltactl does not know, kept as read.
    public var extra: [(String, JSONValue)]

    /// Creates the record.
    public init(version: Version, size: Int64, parts: Int? = nil, sizeInBytes: Int64? = nil, numOfAddFiles: Int64? = nil,
                checkpointSchema: JSONValue? = nil, checksum: String? = nil, v2Checkpoint: JSONValue? = nil,
                extra: [(String, JSONValue)] = []) {
        self.version = version
        self.size = size
        self.parts = parts
        self.sizeInBytes = sizeInBytes
        self.numOfAddFiles = numOfAddFiles
        self.checkpointSchema = checkpointSchema
        self.checksum = checksum
        self.v2Checkpoint = v2Checkpoint
        self.extra = extra
    }

    public static func == (a: LastCheckpoint, b: LastCheckpoint) -> Bool {
        a.version == b.version && a.size == b.size && a.parts == b.parts && a.sizeInBytes == b.sizeInBytes
            && a.numOfAddFiles == b.numOfAddFiles && a.checkpointSchema == b.checkpointSchema
            && a.checksum == b.checksum && a.v2Checkpoint == b.v2Checkpoint
            && JSONValue.object(a.extra) == JSONValue.object(b.extra)
    }

    private static let known: Set<String> = ["version", "size", "parts", "sizeInBytes", "numOfAddFiles",
                                             "checkpointSchema", "checksum", "v2Checkpoint"]

    /// Decodes the file's bytes; throws `DeltaError.invalidCheckpoint` naming `_last_checkpoint` when broken.
    public init(bytes: [UInt8]) throws {
        let file = "_delta_log/_last_checkpoint"
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw DeltaError.invalidCheckpoint(file: file, reason: "\(error)")
        }
        guard let members = value.objectValue else {
            throw DeltaError.invalidCheckpoint(file: file, reason: "not a JSON object")
        }
        guard let version = value["version"]?.int64Value, version >= 0 else {
            throw DeltaError.invalidCheckpoint(file: file, reason: "missing or invalid \"version\"")
        }
        guard let size = value["size"]?.int64Value else {
            throw DeltaError.invalidCheckpoint(file: file, reason: "missing or invalid \"size\"")
        }
        func optInt(_ key: String) throws -> Int64? {
            guard let v = value[key], !v.isNull else { return nil }
            guard let n = v.int64Value else {
                throw DeltaError.invalidCheckpoint(file: file, reason: "\"\(key)\" is not an integer")
            }
            return n
        }
        let parts = try optInt("parts")
        if let parts, parts < 1 || parts > Int64(Int32.max) {
            throw DeltaError.invalidCheckpoint(file: file, reason: "\"parts\" out of range: \(parts)")
        }
        self.init(version: Version(version), size: size, parts: parts.map { Int($0) },
                  sizeInBytes: try optInt("sizeInBytes"), numOfAddFiles: try optInt("numOfAddFiles"),
                  checkpointSchema: value["checkpointSchema"].flatMap { $0.isNull ? nil : $0 },
                  checksum: value["checksum"]?.stringValue,
                  v2Checkpoint: value["v2Checkpoint"].flatMap { $0.isNull ? nil : $0 },
                  extra: members.filter { !Self.known.contains($0.0) })
    }

    /// The record as JSON, in Spark's field order (version, size, parts, sizeInBytes, numOfAddFiles,
    /// checkpointSchema, checksum, v2Checkpoint), then unknown fields.
    public var json: JSONValue {
        var m: [(String, JSONValue)] = [("version", .int(version.rawValue)), ("size", .int(size))]
        if let parts { m.append(("parts", .int(parts))) }
        if let sizeInBytes { m.append(("sizeInBytes", .int(sizeInBytes))) }
        if let numOfAddFiles { m.append(("numOfAddFiles", .int(numOfAddFiles))) }
        if let checkpointSchema { m.append(("checkpointSchema", checkpointSchema)) }
        if let checksum { m.append(("checksum", .string(checksum))) }
        if let v2Checkpoint { m.append(("v2Checkpoint", v2Checkpoint)) }
        m.append(contentsOf: extra)
        return .object(m)
    }

    /// The file's bytes (compact JSON, no trailing newline).
    public var jsonBytes: [UInt8] { Array(JSONWriter.serialize(json).utf8) }
}
