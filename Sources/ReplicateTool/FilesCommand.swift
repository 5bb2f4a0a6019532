import ArgumentParser
import DeltaLog

/// `deltactl files TABLE [--version N | --timestamp TS]`: the active data files, one decoded path per line.
struct FilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files", abstract: "List the table's data files (decoded paths relative to the table root).")

    @OptionGroup var options: ReadTableOptions

    func run() throws {
        let snap = try options.snapshot()
        var out = ""
        for f in snap.activeFilesByPath {
            out += DataFilePath(uri: f.path).decoded
            out += "\n"
        }
        print(out, terminator: "")
        ExitWithoutTeardown.now(keeping: snap)
    }
}
