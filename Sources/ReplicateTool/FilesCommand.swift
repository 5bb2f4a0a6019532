import ArgumentParser

/// `deltactl files` (being built).
struct FilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "files", abstract: "(being built)")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw ValidationError("deltactl files is not built yet") }
}
