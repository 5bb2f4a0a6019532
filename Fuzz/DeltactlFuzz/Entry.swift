import Foundation

/// The target selected by `FUZZ_TARGET` (default `json`).
let selectedTarget: ([UInt8]) -> Void = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "json"
    guard let target = FuzzTargets.all[name] else {
        FileHandle.standardError.write(Data("unknown FUZZ_TARGET \(name); known: \(FuzzTargets.all.keys.sorted())\n".utf8))
        exit(2)
    }
    return target
}()

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if !FUZZING
/// Without libFuzzer (a plain `swift build`): replays the target over files or folders given as arguments,
/// `FUZZ_TARGET=csv DeltactlFuzz Fuzz/corpus/csv`, or with `--mutate N SEED` runs N seeded random mutations of
/// them (a fallback fuzzer without coverage guidance).
@main
struct FuzzReplay {
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        var mutations = 0, seed: UInt64 = 1
        if let i = args.firstIndex(of: "--mutate"), i + 2 < args.count + 1 {
            mutations = Int(args[i + 1]) ?? 0
            seed = UInt64(args[safe: i + 2] ?? "1") ?? 1
            args.removeSubrange(i..<min(args.count, i + 3))
        }
        let inputs = args.flatMap(files)
        for path in inputs { selectedTarget(Array(FileManager.default.contents(atPath: path) ?? Data())) }
        var mutator = Mutator(seed: seed)
        let seeds = inputs.map { Array(FileManager.default.contents(atPath: $0) ?? Data()) }
        for _ in 0..<mutations { selectedTarget(mutator.mutate(seeds.randomElement(using: &mutator.rng) ?? [])) }
        print("replayed \(inputs.count) inputs and \(mutations) mutations without a finding")
    }

    static func files(_ path: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return [] }
        guard isDir.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
#endif
