import ArgumentParser

/// `deltactl convert` (being built).
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "(being built)")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw ValidationError("deltactl convert is not built yet") }
}
