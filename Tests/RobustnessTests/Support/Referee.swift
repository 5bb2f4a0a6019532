import Foundation
import TestSupport

/// What delta-rs (python `deltalake`) reads from a table.
struct RefereeRead: Equatable {
    /// The latest version, or nil when delta-rs refused the table.
    var version: Int64?
    /// `to_pyarrow_dataset().count_rows()`, or nil.
    var rows: Int64?
    /// Every file of the latest snapshot exists with its recorded size.
    var filesPresent: Bool
    /// delta-rs' error, if any.
    var error: String?
}

/// Reads tables with delta-rs in one Python process (starting Python per table is slow).
enum Referee {
    private static let script = #"""
import json, os, sys
from deltalake import DeltaTable
import pyarrow as pa
out = []
for p in sys.argv[1:]:
    try:
        dt = DeltaTable(p)
        present = True
        for a in pa.table(dt.get_add_actions(flatten=True)).to_pylist():
            f = os.path.join(p, a["path"])
            if not os.path.isfile(f) or os.path.getsize(f) != a["size_bytes"]:
                present = False
        out.append({"version": dt.version(), "rows": dt.to_pyarrow_dataset().count_rows(), "present": present})
    except Exception as e:
        out.append({"error": type(e).__name__ + ": " + str(e)[:300]})
print(json.dumps(out))
"""#

    /// delta-rs' reading of each table, or nil when the referee venv is absent.
    static func read(_ tables: [String]) throws -> [RefereeRead]? {
        guard let r = try ProcessRunner.python(script, tables) else { return nil }
        guard r.status == 0, let line = r.stdout.split(separator: "\n").last,
              let arr = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]] else {
            throw RefereeFailure(message: "delta-rs script failed (\(r.status)): \(r.stderr.suffix(800))")
        }
        return arr.map { d in
            RefereeRead(version: (d["version"] as? NSNumber)?.int64Value, rows: (d["rows"] as? NSNumber)?.int64Value,
                        filesPresent: d["present"] as? Bool ?? false, error: d["error"] as? String)
        }
    }

    /// Prints why a referee check was skipped (fails under CI, where the referees must be present).
    static func skipMessage() -> String {
        "skipped delta-rs check: no referee venv (set DELTACTL_PYTHON)"
    }
}

/// The referee script itself failed.
struct RefereeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
