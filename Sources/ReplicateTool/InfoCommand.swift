import ArgumentParser

/// `deltactl info` (being built).
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "(being built)")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw ValidationError("deltactl info is not built yet") }
}
