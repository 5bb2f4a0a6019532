import ArgumentParser
import DeltaLog

/// `deltactl info TABLE [--version N | --timestamp TS] [--json]`: version, protocol, metadata and counts.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show a table's version, protocol, schema, configuration and size.")

    @OptionGroup var options: ReadTableOptions

    @Flag(name: .long, help: "Print JSON (keys: version, timestamp, numFiles, numRecords, sizeInBytes, protocol, metadata).")
    var json = false

    func run() throws {
        let snap = try options.snapshot()
        let numRecords = RowCounter.numRecords(snap, table: options.deltaTable)
        if json {
            print(JSONWriter.serialize(Self.json(snap, numRecords: numRecords)))
            ExitWithoutTeardown.now(keeping: snap)
        }
        let p = snap.protocolAction, m = snap.metadata
        var lines = [
            "version: \(snap.version)",
            "timestamp: \(DeltaTimestamp.format(millis: snap.timestamp))",
            "protocol: reader \(p.minReaderVersion), writer \(p.minWriterVersion)",
        ]
        if let r = p.readerFeatures { lines.append("reader features: \(r.joined(separator: ", "))") }
        if let w = p.writerFeatures { lines.append("writer features: \(w.joined(separator: ", "))") }
        lines.append("id: \(m.id)")
        if let name = m.name { lines.append("name: \(name)") }
        if let d = m.description { lines.append("description: \(d)") }
        lines.append("partition columns: \(m.partitionColumns.joined(separator: ", "))")
        lines.append("numFiles: \(snap.numFiles)")
        lines.append("numRecords: \(numRecords.map(String.init) ?? "unknown")")
        lines.append("sizeInBytes: \(snap.sizeInBytes)")
        lines.append("schema:")
        for f in snap.schema.fields {
            lines.append("  \(f.name): \(f.type)\(f.nullable ? "" : " not null")")
        }
        if !m.configuration.isEmpty {
            lines.append("configuration:")
            for (k, v) in m.configuration.sorted(by: { $0.key < $1.key }) { lines.append("  \(k) = \(v)") }
        }
        print(lines.joined(separator: "\n"))
        ExitWithoutTeardown.now(keeping: snap)
    }

    static func json(_ snap: Snapshot, numRecords: Int64?) -> JSONValue {
        let p = snap.protocolAction, m = snap.metadata
        var proto: [(String, JSONValue)] = [("minReaderVersion", .int(p.minReaderVersion)),
                                            ("minWriterVersion", .int(p.minWriterVersion))]
        if let r = p.readerFeatures { proto.append(("readerFeatures", .array(r.map { .string($0) }))) }
        if let w = p.writerFeatures { proto.append(("writerFeatures", .array(w.map { .string($0) }))) }
        let meta: [(String, JSONValue)] = [
            ("id", .string(m.id)), ("name", m.name.map { .string($0) } ?? .null),
            ("description", m.description.map { .string($0) } ?? .null),
            ("partitionColumns", .array(m.partitionColumns.map { .string($0) })),
            ("schema", snap.schema.json),
            ("configuration", .object(m.configuration.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("createdTime", m.createdTime.map { .int($0) } ?? .null),
        ]
        return .object([
            ("version", .int(snap.version.rawValue)), ("timestamp", .int(snap.timestamp)),
            ("numFiles", .int(snap.numFiles)), ("numRecords", numRecords.map { .int($0) } ?? .null),
            ("sizeInBytes", .int(snap.sizeInBytes)), ("protocol", .object(proto)), ("metadata", .object(meta)),
        ])
    }
}
