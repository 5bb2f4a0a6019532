import ArgumentParser

/// The `deltactl` command: a Swift-native Delta Lake engine and replication tool.
/// Each subcommand lives in its own file and only parses flags, calls a library and prints.
@main
struct Deltactl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deltactl",
        abstract: "A Swift-native Delta Lake engine and replication tool.",
        version: DeltactlVersion.string,
        subcommands: [
            ConvertCommand.self,
            InfoCommand.self,
            FilesCommand.self,
            SchemaCommand.self,
            HistoryCommand.self,
            CatCommand.self,
            CheckpointCommand.self,
            ReplicateCommand.self,
            VerifyCommand.self,
            CheckCommand.self,
        ])

    /// Applies the allocator settings, then parses the arguments and runs the subcommand.
    static func main() {
        AllocatorTuning.apply()
        main(nil)
    }
}

/// The version deltactl reports (also written as `engineInfo` in commits).
enum DeltactlVersion {
    static let string = "0.1.0"
}
