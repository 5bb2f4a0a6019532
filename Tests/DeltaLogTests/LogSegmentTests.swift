import Testing
@testable import DeltaLog

@Suite struct LogSegmentTests {
    func listing(_ names: [String]) -> LogListing {
        LogListing(names.map { LogFile(kind: LogPath(path: "_delta_log/" + $0), path: "_delta_log/" + $0, size: 1, modifiedMillis: 0) })
    }
    func commits(_ r: ClosedRange<Int64>) -> [String] { r.map { Version($0).paddedName + ".json" } }
    func cp(_ v: Int64) -> String { Version(v).paddedName + ".checkpoint.parquet" }
    func part(_ v: Int64, _ p: Int, _ n: Int) -> String {
        LogPath.checkpoint(Version(v), .multiPart(part: p, of: n)).fileName ?? ""
    }

    @Test func commitsOnly() throws {
        let s = try LogSegment(listing: listing(commits(0...5)))
        #expect(s.version == 5 && s.checkpoint == nil && s.commits.map(\.version) == (0...5).map { Version($0) })
    }

    @Test func newestCheckpointAtOrBeforeTarget() throws {
        let l = listing(commits(0...12) + [cp(5), cp(10)])
        let latest = try LogSegment(listing: l)
        #expect(latest.checkpoint?.version == 10 && latest.commits.map(\.version) == [11, 12])
        let at7 = try LogSegment(listing: l, version: 7)
        #expect(at7.checkpoint?.version == 5 && at7.commits.map(\.version) == [6, 7])
        let at10 = try LogSegment(listing: l, version: 10)
        #expect(at10.checkpoint?.version == 10 && at10.commits.isEmpty)
        let at3 = try LogSegment(listing: l, version: 3)
        #expect(at3.checkpoint == nil && at3.commits.count == 4)
    }

    @Test func incompleteMultiPartIsSkipped() throws {
        let l = listing(commits(0...12) + [cp(5), part(10, 1, 3), part(10, 3, 3)])
        let s = try LogSegment(listing: l)
        #expect(s.checkpoint?.version == 5 && s.commits.first?.version == 6)
        let full = listing(commits(0...12) + [part(10, 2, 2), part(10, 1, 2)])
        let f = try LogSegment(listing: full)
        #expect(f.checkpoint?.files.map(\.kind) == [.checkpoint(10, .multiPart(part: 1, of: 2)), .checkpoint(10, .multiPart(part: 2, of: 2))])
    }

    @Test func uuidCheckpointUsed() throws {
        let l = listing(commits(3...4) + ["00000000000000000002.checkpoint.0d2e-11.json"])
        let s = try LogSegment(listing: l)
        #expect(s.checkpoint?.isUUIDNamed == true && s.commits.map(\.version) == [3, 4])
    }

    @Test func cleanedUpLogStartsAtCheckpoint() throws {
        let l = listing(commits(6...9) + [cp(5)])
        #expect(try LogSegment(listing: l).checkpoint?.version == 5)
        #expect(throws: DeltaError.self) { try LogSegment(listing: l, version: 3) }
        do { _ = try LogSegment(listing: l, version: 3) } catch let e as DeltaError {
            guard case .versionNotFound(3, 5, 9) = e else { Issue.record("wrong error \(e)"); return }
        }
    }

    @Test func futureVersionIsRefused() {
        do { _ = try LogSegment(listing: listing(commits(0...2)), version: 9); Issue.record("expected error") } catch let e as DeltaError {
            guard case .versionNotFound(9, 0, 2) = e else { Issue.record("wrong error \(e)"); return }
        } catch { Issue.record("\(error)") }
    }

    @Test func gapIsMissingCommits() {
        do { _ = try LogSegment(listing: listing(commits(0...2) + commits(5...6))); Issue.record("expected error") } catch let e as DeltaError {
            guard case .missingCommits(3, 4) = e else { Issue.record("wrong error \(e)"); return }
        } catch { Issue.record("\(error)") }
    }

    @Test func emptyLogIsNotATable() {
        #expect(throws: DeltaError.self) { try LogSegment(listing: listing(["_last_checkpoint"])) }
    }

    @Test func staleHintIsIgnored() throws {
        let l = listing(commits(0...12) + [cp(5)])
        let s = try LogSegment(listing: l, lastCheckpoint: LastCheckpoint(version: 10, size: 3))
        #expect(s.checkpoint?.version == 5 && s.lastCheckpointHint == .stale(10))
        let ok = try LogSegment(listing: l, lastCheckpoint: LastCheckpoint(version: 5, size: 3))
        #expect(ok.lastCheckpointHint == .verified)
        let wrongParts = try LogSegment(listing: l, lastCheckpoint: LastCheckpoint(version: 5, size: 3, parts: 2))
        #expect(wrongParts.lastCheckpointHint == .stale(5))
    }

    @Test func explicitInitChecksInvariants() {
        let files = listing(commits(0...3)).commitVersions.compactMap { listing(commits(0...3)).commits[$0] }
        #expect(throws: DeltaError.self) { try LogSegment(version: 3, checkpoint: nil, commits: [files[0], files[2], files[3]]) }
        #expect(throws: DeltaError.self) { try LogSegment(version: 4, checkpoint: nil, commits: files) }
        #expect(throws: DeltaError.self) { try LogSegment(version: 2, checkpoint: nil, commits: files) }
        #expect(throws: DeltaError.self) { try LogSegment(version: 3, checkpoint: nil, commits: Array(files.dropFirst())) }
        #expect((try? LogSegment(version: 3, checkpoint: nil, commits: files)) != nil)
        let badCP = LogSegment.Checkpoint(version: 0, files: [LogFile(kind: .checkpoint(0, .multiPart(part: 1, of: 2)), path: "x", size: 1, modifiedMillis: 0)])
        #expect(throws: DeltaError.self) { try LogSegment(version: 3, checkpoint: badCP, commits: Array(files.dropFirst())) }
    }
}
