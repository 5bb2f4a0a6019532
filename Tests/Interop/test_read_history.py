"""deltactl history against delta-rs DeltaTable.history() on the shared fixtures, and time travel by timestamp."""
import json
import subprocess
import sys

import pytest

from conftest import SHARED_FIXTURES, run_deltactl, with_clean_exit

HISTORY = r"""
import json, sys, deltalake
try:
    h = deltalake.DeltaTable(sys.argv[1]).history()
    print(json.dumps([{"version": e.get("version"), "operation": e.get("operation"), "timestamp": e.get("timestamp"), "ict": e.get("inCommitTimestamp")} for e in h]))
except Exception as e:
    print(json.dumps({"error": str(e)[:200]}))
"""

TABLES = ["delta-rs/simple_table", "delta-rs/checkpoint-cdf-table", "delta-rs/cdc_ict_table",
          "spark-golden/basic-with-inserts-deletes-checkpoint", "spark-golden/snapshot-vacuumed",
          "spark-golden/commit-info-containing-arbitrary-operationParams-types"]


@pytest.mark.parametrize("name", TABLES)
def test_history_matches_delta_rs(name):
    if not (SHARED_FIXTURES / "INDEX.md").exists():
        pytest.skip("../shared/fixtures is absent")
    path = str((SHARED_FIXTURES / name).resolve())
    proc = subprocess.run([sys.executable, "-c", with_clean_exit(HISTORY), path], capture_output=True, text=True, timeout=300)
    ref = json.loads([l for l in proc.stdout.splitlines() if l.startswith(("[", "{"))][-1])
    if isinstance(ref, dict):
        pytest.skip(f"delta-rs refuses {name}: {ref['error']}")
    got = json.loads(run_deltactl("history", path, "--json").stdout)
    by_version = {e["version"]: e for e in got}
    for e in ref:
        if e["version"] is None or e["version"] not in by_version:
            continue
        mine = by_version[e["version"]]
        assert mine["operation"] == e["operation"], f"{name} v{e['version']}"
        # With in-commit timestamps on, the commit's time is inCommitTimestamp (PROTOCOL.md: In-Commit
        # Timestamps); delta-rs reports commitInfo.timestamp.
        assert mine["timestamp"] == (e["ict"] if e["ict"] is not None else e["timestamp"]), f"{name} v{e['version']}"
    assert len({e["version"] for e in ref if e["version"] is not None} & set(by_version)) >= 1
    limited = json.loads(run_deltactl("history", path, "--json", "--limit", "1").stdout)
    assert len(limited) == 1 and limited[0]["version"] == max(by_version)


def test_timestamp_travel_picks_the_commit_at_or_before(tmp_path):
    """Commit timestamps come from file times: a copied table with controlled mtimes."""
    import os
    import shutil
    if not (SHARED_FIXTURES / "INDEX.md").exists():
        pytest.skip("../shared/fixtures is absent")
    dst = tmp_path / "t"
    shutil.copytree(SHARED_FIXTURES / "delta-rs" / "simple_table", dst)
    log = dst / "_delta_log"
    for v in range(5):
        t = 1_600_000_000 + v * 100
        os.utime(log / f"{v:020d}.json", (t, t))
    for ts, expected in [("1600000150000", 1), ("2020-09-13T12:28:20Z", 1), ("2020-09-13T12:30:00.000+00:00", 2), ("2030-01-01", 4)]:
        info = json.loads(run_deltactl("info", dst, "--json", "--timestamp", ts).stdout)
        assert info["version"] == expected, ts
    early = run_deltactl("info", dst, "--timestamp", "2001-01-01", check=False)
    assert early.returncode != 0 and "no version at timestamp" in early.stderr
    both = run_deltactl("files", dst, "--version", "1", "--timestamp", "2030-01-01", check=False)
    assert both.returncode != 0
    missing = run_deltactl("files", dst, "--version", "99", check=False)
    assert missing.returncode != 0 and "versions 0 to 4" in missing.stderr
