import ArgumentParser

/// `deltactl verify` (being built).
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "(being built)")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
    func run() throws { throw ValidationError("deltactl verify is not built yet") }
}
