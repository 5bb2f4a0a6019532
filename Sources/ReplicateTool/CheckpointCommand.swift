import ArgumentParser

/// `deltactl checkpoint` (being built).
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: "(being built)")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw ValidationError("deltactl checkpoint is not built yet") }
}
