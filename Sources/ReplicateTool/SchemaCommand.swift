import ArgumentParser
import DeltaLog

/// `deltactl schema TABLE [--version N | --timestamp TS] [--json]`: the table's logical schema at a version.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Show a table's schema (logical column names and types) at a version.")

    @OptionGroup var options: ReadTableOptions

    @Flag(name: .long, help: "Print the schema as Delta/Spark schema JSON (field metadata included).")
    var json = false

    @Flag(name: .long, help: "With column mapping, show each column's physical name (the name in the data files).")
    var physical = false

    func run() throws {
        let snap = try options.snapshot()
        if json {
            print(JSONWriter.serialize(snap.schema.json))
            return
        }
        print(snap.schema.treeString)
        if physical {
            let mode = snap.metadata.configuration["delta.columnMapping.mode"] ?? "none"
            print("column mapping: \(mode)")
            for f in snap.schema.fields {
                let id = f.columnMappingID.map { " (id \($0))" } ?? ""
                print("  \(f.name) -> \(f.physicalNameMetadata ?? f.name)\(id)")
            }
        }
    }
}
