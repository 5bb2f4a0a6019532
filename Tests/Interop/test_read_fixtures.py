"""deltactl info/files (latest and time travel) against delta-rs and DuckDB on every shared fixture table.

Referees run in their own processes (delta-rs and DuckDB must not share one; delta-rs may abort at exit).
Where both referees refuse a table, deltactl must either read it (the log may be fine while data files are
missing) or fail with a clear message, never crash.
"""
import json
import pathlib
import re
import subprocess
import sys

import pytest

from conftest import SHARED_FIXTURES, run_deltactl, with_clean_exit

DELTA_RS = r"""
import json, sys
import deltalake
p = sys.argv[1]
out = {}
try:
    dt = deltalake.DeltaTable(p)
    out["version"] = dt.version()
    root = dt.table_uri.rstrip("/")
    root = root[len("file://"):] if root.startswith("file://") else root
    def rel(uris):
        r = []
        for u in uris:
            u = u[len("file://"):] if u.startswith("file://") else u
            r.append(u[len(root) + 1:] if u.startswith(root + "/") else u)
        return sorted(r)
    out["files"] = rel(dt.file_uris())
    try:
        out["count"] = dt.to_pyarrow_dataset().count_rows()
    except Exception as e:
        out["count_error"] = str(e)[:200]
    versions = {}
    for k in range(0, out["version"]):
        try:
            versions[str(k)] = rel(deltalake.DeltaTable(p, version=k).file_uris())
        except Exception as e:
            versions[str(k)] = None
    out["versions"] = versions
except Exception as e:
    out["error"] = str(e)[:300]
print(json.dumps(out))
sys.stdout.flush()
"""

DUCKDB = r"""
import json, sys, pathlib
sys.path.insert(0, sys.argv[2])
from conftest import duckdb_connection
con = duckdb_connection()
try:
    print(json.dumps({"count": con.execute(f"SELECT count(*) FROM delta_scan('{sys.argv[1]}')").fetchone()[0]}))
except Exception as e:
    print(json.dumps({"error": str(e)[:300]}))
"""

SUPPORTED_READER_FEATURES = {"columnMapping", "deletionVectors", "timestampNtz", "v2Checkpoint",
                             "vacuumProtocolCheck", "typeWidening", "typeWidening-preview"}


def tables():
    if not (SHARED_FIXTURES / "INDEX.md").exists():
        return []
    found = sorted(str(p.parent.relative_to(SHARED_FIXTURES)) for p in SHARED_FIXTURES.rglob("_delta_log")
                   if p.is_dir())
    return found


def index_rows():
    rows = {}
    for line in (SHARED_FIXTURES / "INDEX.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and "/" in cells[0]:
            rows[cells[0]] = {"version": cells[1], "files": cells[2], "rows_dr": cells[3], "rows_duck": cells[4]}
    return rows


def referee(script, table, *extra):
    proc = subprocess.run([sys.executable, "-c", with_clean_exit(script), table, *extra], capture_output=True, text=True, timeout=600)
    lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
    if not lines:
        return {"error": f"referee crashed rc={proc.returncode}: {proc.stderr[-300:]}"}
    return json.loads(lines[-1])


def assert_clean_failure(proc, what):
    assert proc.returncode not in (0,), what
    assert proc.returncode < 128 and proc.returncode > 0, f"{what}: crashed with rc {proc.returncode}: {proc.stderr}"
    assert proc.stderr.strip(), f"{what}: failed without a message"
    assert "Fatal error" not in proc.stderr and "Stack dump" not in proc.stderr, proc.stderr


def deltactl_files(path, *args):
    proc = run_deltactl("files", path, *args, check=False)
    return proc, sorted(l for l in proc.stdout.splitlines() if l)


def refused_feature(proc):
    m = re.search(r"unsupported table feature '([^']+)'", proc.stderr)
    return m.group(1) if m and m.group(1) not in SUPPORTED_READER_FEATURES else None


@pytest.mark.parametrize("name", tables())
def test_fixture_latest_and_time_travel(name):
    path = str((SHARED_FIXTURES / name).resolve())
    dr = referee(DELTA_RS, path)
    duck = referee(DUCKDB, path, str(pathlib.Path(__file__).parent))
    idx = index_rows().get(name, {})
    info = run_deltactl("info", path, "--json", check=False)
    files_proc, files = deltactl_files(path)

    if info.returncode != 0:
        feature = refused_feature(info)
        if feature is not None:
            return  # a clean refusal naming a feature deltactl does not support
        assert "error" in dr and "error" in duck, (
            f"deltactl failed where a referee reads {name}: {info.stderr}\ndelta-rs: {dr}\nduckdb: {duck}")
        assert_clean_failure(info, f"info {name}")
        assert_clean_failure(files_proc, f"files {name}")
        return

    got = json.loads(info.stdout)
    assert files_proc.returncode == 0, files_proc.stderr
    assert got["numFiles"] == len(files)
    if "error" not in dr:
        assert got["version"] == dr["version"], name
        assert files == dr["files"], name
        for k, expected in dr.get("versions", {}).items():
            if expected is None:
                continue
            proc, at_k = deltactl_files(path, "--version", k)
            assert proc.returncode == 0, f"{name} --version {k}: {proc.stderr}"
            assert at_k == expected, f"{name} at version {k}"
    else:
        if idx.get("version", "-") not in ("-", ""):
            assert str(got["version"]) == idx["version"], name
            assert str(got["numFiles"]) == idx["files"], name
    count = dr.get("count") if "error" not in dr and "count" in dr else duck.get("count")
    if count is not None and got["numRecords"] is not None:
        assert got["numRecords"] == count, f"{name}: numRecords {got['numRecords']} != referee {count}"


def test_every_fixture_is_covered():
    if not (SHARED_FIXTURES / "INDEX.md").exists():
        pytest.skip("../shared/fixtures is absent")
    assert len(tables()) >= 100
