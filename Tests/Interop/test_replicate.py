"""deltactl replicate / verify against the referees: delta-rs (time travel at every version) and DuckDB's delta
extension (delta-kernel-rs), on real tables from ../shared/fixtures.

Each referee runs in its own subprocess (delta-rs and DuckDB must not share a process)."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import run_deltactl

# A digest of a table at every version up to N, read by delta-rs: {version: [row count, sha256 of sorted rows]}.
DELTA_RS_DIGEST = r"""
import hashlib, json, sys
from deltalake import DeltaTable
path, upto = sys.argv[1], int(sys.argv[2])
out = {}
for v in range(int(sys.argv[3]), upto + 1):
    t = DeltaTable(path, version=v).to_pyarrow_dataset().to_table()
    rows = sorted(json.dumps(r, sort_keys=True, default=str) for r in t.to_pylist())
    out[v] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
out["latest"] = DeltaTable(path).version()
print(json.dumps(out), flush=True)
import os; os._exit(0)  # delta-rs can abort in its exit-time destructors (known referee quirk)
"""

DUCKDB_DIGEST = r"""
import hashlib, json, pathlib, sys
import duckdb, duckdb_extension_delta
con = duckdb.connect(config={"allow_unsigned_extensions": "true"})
ext = list(pathlib.Path(duckdb_extension_delta.__file__).parent.rglob("*.duckdb_extension"))
con.execute(f"LOAD '{ext[0]}'" if ext else "LOAD delta")
rows = con.execute(f"SELECT COLUMNS(*)::VARCHAR FROM delta_scan('{sys.argv[1]}')").fetchall()
rows = sorted(json.dumps(list(r), default=str) for r in rows)
print(json.dumps([len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]))
"""


def referee(script, *args):
    proc = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"referee failed: {proc.stderr[-2000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def log_versions(table):
    return sorted(int(p.name.split(".")[0]) for p in (pathlib.Path(table) / "_delta_log").glob("*.json")
                  if p.name.split(".")[0].isdigit())


# (table, N, first version delta-rs can time-travel to)
DELTA_RS_TABLES = [
    ("delta-rs/simple_table_with_checkpoint", 6, 0),
    ("delta-rs/cdf-table", 2, 0),
    ("delta-rs/delta-0.8.0-special-partition", 0, 0),
    ("delta-rs/delta-0.2.0", 2, 0),
    ("spark-golden/data-reader-escaped-chars", 1, 0),
    ("spark-golden/hive/deltatbl-special-chars-in-partition-column", 0, 0),
    ("spark-golden/basic-with-inserts-deletes-checkpoint", 9, 0),
    ("spark-golden/multi-part-checkpoint", 1, 0),
    ("spark-golden/time-travel-start-start20", 0, 0),
    ("delta-rs/checkpoint-cdf-table", 4, 3),  # starts at its oldest checkpoint (3): earlier commits are gone
    ("delta-rs/delta-1.2.1-only-struct-stats", 10, 0),
]


@pytest.mark.parametrize("table,n,first", DELTA_RS_TABLES)
def test_replica_time_travels_like_the_source(shared_fixtures, tmp_path, table, n, first):
    src = shared_fixtures / table
    dst = tmp_path / "replica"
    run_deltactl("replicate", src, dst, "--version", n)
    # Nothing past N: no commit above N, and delta-rs sees N as the replica's latest version.
    assert max(log_versions(dst)) == n
    want = referee(DELTA_RS_DIGEST, src, n, first)
    got = referee(DELTA_RS_DIGEST, dst, n, first)
    assert got.pop("latest") == n
    want.pop("latest")
    assert got == want
    assert run_deltactl("verify", src, dst, "--version", n).returncode == 0
    # Catch up to the latest, then a no-op run.
    run_deltactl("replicate", src, dst)
    report = json.loads(run_deltactl("replicate", src, dst, "--json").stdout)
    assert report["dataFiles"]["copied"]["files"] == 0 and report["logFiles"]["copied"]["files"] == 0
    assert run_deltactl("verify", src, dst).returncode == 0


@pytest.mark.parametrize("table", ["delta-rs/table-with-dv-small", "delta-rs/checkpoint-v2-table",
                                   "delta-rs/cdf-table-with-cdc-and-dvs", "spark-golden/v2-checkpoint-json"])
def test_duckdb_reads_the_replica_like_the_source(shared_fixtures, tmp_path, table):
    src = shared_fixtures / table
    dst = tmp_path / "replica"
    run_deltactl("replicate", src, dst)
    assert referee(DUCKDB_DIGEST, dst) == referee(DUCKDB_DIGEST, src)
    assert run_deltactl("verify", src, dst).returncode == 0


def test_verify_names_a_tampered_file(shared_fixtures, tmp_path):
    src = shared_fixtures / "delta-rs/table-with-dv-small"
    dst = tmp_path / "replica"
    run_deltactl("replicate", src, dst)
    data = next(dst.glob("part-*.parquet"))
    raw = bytearray(data.read_bytes())
    raw[len(raw) // 2] ^= 1
    data.write_bytes(bytes(raw))
    proc = run_deltactl("verify", src, dst, "--json", check=False)
    assert proc.returncode != 0
    report = json.loads(proc.stdout)
    assert not report["ok"]
    assert [d["file"] for d in report["differences"]] == [data.name]
    # Deleting the DV file and editing a commit are named too.
    next(dst.glob("deletion_vector_*.bin")).unlink()
    commit = dst / "_delta_log" / "00000000000000000001.json"
    commit.write_bytes(commit.read_bytes().replace(b"DELETE", b"DELETX"))
    proc = run_deltactl("verify", src, dst, check=False)
    assert proc.returncode != 0
    assert "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin" in proc.stdout
    assert "_delta_log/00000000000000000001.json" in proc.stdout


def test_diverged_replica_is_refused(shared_fixtures, tmp_path):
    src = shared_fixtures / "delta-rs/simple_table_with_checkpoint"
    dst = tmp_path / "replica"
    run_deltactl("replicate", src, dst, "--version", 3)
    commit = dst / "_delta_log" / "00000000000000000002.json"
    commit.write_bytes(commit.read_bytes() + b"\n")
    before = {p: p.read_bytes() for p in dst.rglob("*") if p.is_file()}
    proc = run_deltactl("replicate", src, dst, check=False)
    assert proc.returncode != 0
    assert "version 2" in proc.stderr and "nothing was changed" in proc.stderr
    assert {p: p.read_bytes() for p in dst.rglob("*") if p.is_file()} == before


def test_escaping_path_is_refused(shared_fixtures, tmp_path):
    src = shared_fixtures / "spark-golden/data-reader-absolute-paths-escaped-chars"
    proc = run_deltactl("replicate", src, tmp_path / "replica", check=False)
    assert proc.returncode != 0
    assert "refusing unsafe path" in proc.stderr
    assert not (tmp_path / "replica" / "_delta_log").exists()


def test_dry_run_writes_nothing(shared_fixtures, tmp_path):
    src = shared_fixtures / "delta-rs/checkpoint-v2-table"
    proc = run_deltactl("replicate", src, tmp_path / "replica", "--dry-run", "--json")
    report = json.loads(proc.stdout)
    assert report["dryRun"] and len(report["copied"]) == 32
    assert not (tmp_path / "replica").exists() or not any((tmp_path / "replica").rglob("*"))


def crc32c(data: bytes) -> int:
    """CRC-32C (Castagnoli), bit by bit: an implementation independent of deltactl's, to check its lineage record."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


@pytest.mark.parametrize("table,n,first", [("delta-rs/simple_table_with_checkpoint", 6, 0),
                                           ("spark-golden/multi-part-checkpoint", 1, 0)])
def test_no_sync_replica_reads_like_the_source(shared_fixtures, tmp_path, table, n, first):
    """--no-sync only gives up durability across power loss: the replica is the same table, and its lineage record
    carries the CRC-32C of every file it copied."""
    src = shared_fixtures / table
    dst = tmp_path / "replica"
    run_deltactl("replicate", src, dst, "--no-sync")
    want = referee(DELTA_RS_DIGEST, src, n, first)
    got = referee(DELTA_RS_DIGEST, dst, n, first)
    assert got == want
    assert run_deltactl("verify", src, dst).returncode == 0
    assert not [p for p in dst.rglob("*") if p.name.startswith(".deltactl-tmp-")]
    record = json.loads((dst / "_deltactl" / "replication.json").read_text())
    assert record["format"] == 2 and record["files"]
    for path, entry in record["files"].items():
        data = (src / path).read_bytes()
        assert entry["size"] == len(data), path
        assert entry["crc32c"] == f"{crc32c(data):08x}", path
