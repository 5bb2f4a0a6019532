import Foundation

/// A point-in-time view of a copy's progress.
public struct ProgressSnapshot: Sendable {
    /// Files done (copied or skipped) and in total.
    public var files: Int
    /// Files in total.
    public var totalFiles: Int
    /// Bytes done and in total.
    public var bytes: Int64
    /// Bytes in total.
    public var totalBytes: Int64
    /// Seconds since the start.
    public var elapsed: Double

    /// Bytes per second so far.
    public var rate: Double { elapsed > 0 ? Double(bytes) / elapsed : 0 }
    /// Estimated seconds left, nil before any progress.
    public var eta: Double? { rate > 0 ? Double(totalBytes - bytes) / rate : nil }

    /// A one-line rendering: `files 12/300  41.0/100.0 MB  55.2 MB/s  ETA 1s`.
    public var line: String {
        func mb(_ b: Int64) -> String { String(format: "%.1f", Double(b) / 1_000_000) }
        let eta = self.eta.map { String(format: "%.0fs", $0) } ?? "?"
        return "files \(files)/\(totalFiles)  \(mb(bytes))/\(mb(totalBytes)) MB  \(String(format: "%.1f", rate / 1_000_000)) MB/s  ETA \(eta)"
    }
}

/// Thread-safe progress counter that calls a sink at most every `interval` seconds.
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var last = Date.distantPast
    private var files = 0
    private var bytes: Int64 = 0
    let totalFiles: Int
    let totalBytes: Int64
    private let sink: (@Sendable (ProgressSnapshot) -> Void)?
    private let interval: Double

    init(totalFiles: Int, totalBytes: Int64, interval: Double = 0.1, sink: (@Sendable (ProgressSnapshot) -> Void)?) {
        self.totalFiles = totalFiles; self.totalBytes = totalBytes; self.interval = interval; self.sink = sink
    }

    /// Records one finished file of `size` bytes.
    func advance(bytes size: Int64, force: Bool = false) {
        lock.lock()
        files += 1
        bytes += size
        let now = Date()
        let due = force || files == totalFiles || now.timeIntervalSince(last) >= interval
        if due { last = now }
        let snap = ProgressSnapshot(files: files, totalFiles: totalFiles, bytes: bytes, totalBytes: totalBytes,
                                    elapsed: now.timeIntervalSince(start))
        lock.unlock()
        if due, let sink { sink(snap) }
    }
}
