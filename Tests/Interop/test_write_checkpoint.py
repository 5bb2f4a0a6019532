"""deltactl checkpoint on tables written by delta-rs: delta-rs and DuckDB (delta-kernel-rs) read the checkpoint
with the commits it replaces removed, and delta-rs keeps appending afterwards. Referees: delta-rs, DuckDB, pyarrow."""
import datetime
import decimal
import json
import pathlib
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import duckdb_count, run_deltactl

PY = sys.executable


def referee(code: str, *args) -> dict:
    """Runs delta-rs in a child process (it may abort at interpreter exit) and returns its JSON output."""
    script = "import os, sys, json\nfrom deltalake import DeltaTable, write_deltalake\nimport pyarrow as pa\n" + code + \
             "\nsys.stdout.flush()\nos._exit(0)\n"
    proc = subprocess.run([PY, "-c", script, *map(str, args)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def make_table(path: pathlib.Path, commits: int, configuration=None, partition_by=None):
    referee("""
path, n = sys.argv[1], int(sys.argv[2])
cfg = json.loads(sys.argv[3])
pb = json.loads(sys.argv[4])
for i in range(n):
    t = pa.table({"id": pa.array([i, i + 1000], pa.int64()), "p": ["a", "b"],
                  "d": pa.array([18000 + i, 18001 + i], pa.date32()),
                  "amount": pa.array([1.5 * i, None], pa.float64())})
    write_deltalake(path, t, mode="append", partition_by=pb or None, configuration=cfg or None)
print(json.dumps({"version": DeltaTable(path).version()}))
""", path, commits, json.dumps(configuration or {}), json.dumps(partition_by or []))


def read_back(path) -> dict:
    return referee("""
dt = DeltaTable(sys.argv[1])
print(json.dumps({"version": dt.version(), "rows": dt.to_pyarrow_dataset().count_rows(),
                  "files": len(dt.file_uris())}))
""", path)


def drop_commits(path: pathlib.Path, through: int):
    for v in range(through + 1):
        (path / "_delta_log" / f"{v:020d}.json").unlink(missing_ok=True)


@pytest.mark.parametrize("partition_by", [None, ["p"]])
def test_checkpoint_of_delta_rs_table_is_read_by_delta_rs_and_duckdb(tmp_path, partition_by):
    table = tmp_path / "t"
    make_table(table, 7, partition_by=partition_by)
    out = run_deltactl("checkpoint", table).stdout
    assert "checkpoint of version 6" in out
    last = json.loads((table / "_delta_log" / "_last_checkpoint").read_text())
    assert last["version"] == 6 and last["numOfAddFiles"] == (14 if partition_by else 7)
    assert last["sizeInBytes"] == (table / "_delta_log" / f"{6:020d}.checkpoint.parquet").stat().st_size
    only_checkpoint = tmp_path / "only-checkpoint"
    shutil.copytree(table, only_checkpoint)
    drop_commits(only_checkpoint, 6)
    seen = read_back(only_checkpoint)
    assert seen == {"version": 6, "rows": 14, "files": last["numOfAddFiles"]}
    assert duckdb_count(only_checkpoint) == 14
    # delta-rs keeps appending on top of deltactl's checkpoint (older commits gone, as after a log cleanup).
    drop_commits(table, 5)
    referee("""
write_deltalake(sys.argv[1], pa.table({"id": pa.array([7], pa.int64()), "p": ["a"],
    "d": pa.array([19000], pa.date32()), "amount": pa.array([1.0])}), mode="append")
print("{}")
""", table)
    assert read_back(table)["rows"] == 15
    assert duckdb_count(table) == 15


def test_multi_part_checkpoint(tmp_path):
    table = tmp_path / "t"
    make_table(table, 9)
    run_deltactl("checkpoint", table, "--part-size", "4")
    parts = sorted(p.name for p in (table / "_delta_log").glob("*.checkpoint.*.parquet"))
    assert parts == [f"{8:020d}.checkpoint.{i:010d}.{3:010d}.parquet" for i in (1, 2, 3)]
    assert json.loads((table / "_delta_log" / "_last_checkpoint").read_text())["parts"] == 3
    drop_commits(table, 8)
    assert read_back(table) == {"version": 8, "rows": 18, "files": 9}
    assert duckdb_count(table) == 18


def test_checkpoint_at_an_older_version_and_errors(tmp_path):
    table = tmp_path / "t"
    make_table(table, 4)
    run_deltactl("checkpoint", table, "--version", "2")
    assert (table / "_delta_log" / f"{2:020d}.checkpoint.parquet").exists()
    assert json.loads((table / "_delta_log" / "_last_checkpoint").read_text())["version"] == 2
    bad = run_deltactl("checkpoint", table, "--version", "9", check=False)
    assert bad.returncode != 0 and "9" in bad.stderr
    missing = run_deltactl("checkpoint", tmp_path / "nope", check=False)
    assert missing.returncode != 0 and "not a Delta table" in missing.stderr


def test_stats_as_struct_checkpoint(tmp_path):
    table = tmp_path / "t"
    make_table(table, 3, configuration={"delta.checkpoint.writeStatsAsStruct": "true"}, partition_by=["p"])
    run_deltactl("checkpoint", table)
    cp = pq.read_table(table / "_delta_log" / f"{2:020d}.checkpoint.parquet")
    add_type = cp.schema.field("add").type
    stats = add_type.field("stats_parsed").type
    assert stats.field("minValues").type.field("id").type == pa.int64()
    assert stats.field("minValues").type.field("d").type == pa.date32()
    assert add_type.field("partitionValues_parsed").type.field("p").type == pa.string()
    adds = [r["add"] for r in cp.to_pylist() if r["add"]]
    first = min(adds, key=lambda a: a["stats_parsed"]["minValues"]["id"])
    assert first["stats_parsed"]["numRecords"] == 1
    assert first["stats_parsed"]["minValues"]["d"] == datetime.date(2019, 4, 14)
    assert first["partitionValues_parsed"]["p"] == "a"
    drop_commits(table, 2)
    assert read_back(table)["rows"] == 6
    assert duckdb_count(table) == 6


@pytest.mark.parametrize("name,rows", [("table-with-dv-small", 8), ("table_with_deletion_logs", 98),
                                       ("table_with_column_mapping", 5), ("checkpoint-cdf-table", 13)])
def test_checkpoint_of_spark_and_databricks_tables(tmp_path, shared_fixtures, name, rows):
    """Deletion vectors, column mapping and CDF survive deltactl's checkpoint: DuckDB reads the same rows from it
    alone (delta-rs cannot read DV tables and nulls column-mapped data, so DuckDB is the referee here)."""
    table = tmp_path / "t"
    shutil.copytree(shared_fixtures / "delta-rs" / name, table)
    run_deltactl("checkpoint", table)
    version = json.loads((table / "_delta_log" / "_last_checkpoint").read_text())["version"]
    drop_commits(table, version)
    for old in (table / "_delta_log").glob("*.checkpoint*"):
        if not old.name.startswith(f"{version:020d}.checkpoint"):
            old.unlink()
    assert duckdb_count(table) == rows
