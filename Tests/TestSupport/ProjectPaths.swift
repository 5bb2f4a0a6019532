import Foundation

/// Where the project's own files, the shared fixtures, the built binary and the referee venv are.
public enum ProjectPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/ProjectPaths.swift
        return url.path
    }()

    /// The project's bundled fixtures (`Fixtures/`).
    public static var fixtures: String { packageRoot + "/Fixtures" }

    /// `../shared/fixtures` beside the package, or nil when absent (a user's fresh clone has none).
    public static var sharedFixtures: String? {
        let path = URL(fileURLWithPath: packageRoot).deletingLastPathComponent().path + "/shared/fixtures"
        guard FileManager.default.fileExists(atPath: path + "/INDEX.md") else { return nil }
        // Resolved, so that directory enumeration also works when shared/ or fixtures/ is a symbolic link.
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The `deltactl` binary built by `swift build` (override with DELTACTL_BIN).
    public static var deltactl: String {
        if let bin = ProcessInfo.processInfo.environment["DELTACTL_BIN"] { return bin }
        for candidate in [packageRoot + "/.build/debug/deltactl", packageRoot + "/.build/release/deltactl"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return packageRoot + "/.build/debug/deltactl"
    }

    /// The Python of the referee venv (delta-rs, pyarrow, DuckDB, polars), made by `scripts/setup-test-env.sh`;
    /// override with DELTACTL_PYTHON. Nil when absent.
    public static var refereePython: String? {
        if let py = ProcessInfo.processInfo.environment["DELTACTL_PYTHON"] { return py }
        let path = packageRoot + "/.venv/bin/python"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// True under CI (CI=true): tests that need the referees must not skip there.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
