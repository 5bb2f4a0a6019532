import ArgumentParser

/// `deltactl replicate` (being built).
struct ReplicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replicate", abstract: "(being built)")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw ValidationError("deltactl replicate is not built yet") }
}
