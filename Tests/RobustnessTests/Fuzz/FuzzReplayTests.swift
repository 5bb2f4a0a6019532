import Foundation
import Testing
import TestSupport

/// Replays every fuzz corpus (seeds and the inputs of past findings, Fuzz/corpus/<target>) through the fuzz targets
/// of the plain-built `DeltactlFuzz`, plus a short seeded random-mutation run: a finding that was fixed stays fixed,
/// and the oracles (round trips, fast path = strict path, chunked = whole) hold on the seeds.
@Suite struct FuzzReplayTests {
    static let targets = ["json", "commit", "thrift", "codec", "csv", "lastcheckpoint", "parquet", "dv"]

    static var driver: String? {
        let path = ProjectPaths.packageRoot + "/.build/debug/DeltactlFuzz"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    @Test(arguments: targets)
    func corpusReplaysWithoutFinding(_ target: String) throws {
        guard let driver = Self.driver else {
            #expect(!ProjectPaths.isCI, "DeltactlFuzz is not built (swift build)")
            return
        }
        let corpus = ProjectPaths.packageRoot + "/Fuzz/corpus/" + target
        let r = try ProcessRunner.run(driver, [corpus, "--mutate", "400", "\(SeededRandom.seed(20_261_126))"],
                                      environment: ["FUZZ_TARGET": target, "SWIFT_BACKTRACE": "enable=no"])
        #expect(r.status == 0, "\(target): \(r.stderr.suffix(1500))")
        #expect(r.stdout.contains("without a finding"), "\(target): \(r.stdout)")
        #expect(!r.stdout.contains("replayed 0 inputs"), "\(target): empty corpus")
    }
}
