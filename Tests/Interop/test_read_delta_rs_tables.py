"""deltactl files/info/cat against delta-rs on tables the test itself writes with delta-rs, at every version.

The history exercises what issue 3 names: partitions with spaces, '=', '/', '%', unicode and nulls; every type,
nested (struct, list, map); append; delete (with change data feed on, so _change_data files appear); schema
evolution (merge); optimize (compaction removes and re-adds); a checkpoint; update; overwrite.
"""
import base64
import datetime
import decimal
import json
import math
import subprocess
import sys

import pytest

from conftest import run_deltactl, with_clean_exit

BUILD_AND_DUMP = r"""
import base64, datetime, decimal, json, math, sys
import pyarrow as pa
import deltalake
from deltalake import DeltaTable, write_deltalake

path = sys.argv[1]
STRUCT = pa.struct([("x", pa.int32()), ("y", pa.string())])
def batch(base, parts):
    n = len(parts)
    return pa.table({
        "i": pa.array([base + k if k % 4 != 3 else None for k in range(n)], pa.int64()),
        "s": pa.array([f"v{base + k} é,\"q\"" if k % 5 != 4 else None for k in range(n)]),
        "d": pa.array([datetime.date(2020, 1, 1) + datetime.timedelta(days=base + k) if k % 3 else None for k in range(n)]),
        "ts": pa.array([datetime.datetime(2021, 5, 1, 12, 30, tzinfo=datetime.timezone.utc)
                        + datetime.timedelta(seconds=base * 7 + k) for k in range(n)], pa.timestamp("us", tz="UTC")),
        "dec": pa.array([decimal.Decimal(base * 100 + k).scaleb(-2) if k % 2 else None for k in range(n)],
                        pa.decimal128(12, 2)),
        "b": pa.array([bytes([k % 256, (base + k) % 256]) for k in range(n)]),
        "f": pa.array([float(k) / 3 if k != 2 else float("nan") for k in range(n)], pa.float64()),
        "ok": pa.array([k % 2 == 0 if k % 7 else None for k in range(n)]),
        "st": pa.array([{"x": k, "y": f"y{k}"} if k % 3 else None for k in range(n)], STRUCT),
        "l": pa.array([list(range(k % 3)) if k % 4 else None for k in range(n)], pa.list_(pa.int32())),
        "m": pa.array([[(f"k{k}", k)] if k % 2 else [] for k in range(n)], pa.map_(pa.string(), pa.int32())),
        "p": pa.array(parts),
    })
PARTS = ["US/East", "a b=c%", None, "ünï ★", "plain", "US/East", "x%2Fy", "plain"]
write_deltalake(path, batch(0, PARTS), partition_by=["p"],
                configuration={"delta.enableChangeDataFeed": "true"})                      # v0
write_deltalake(path, batch(100, PARTS[::-1]), mode="append")                               # v1
DeltaTable(path).delete("i = 101 OR i = 2")                                                 # v2 (CDF files)
extra = batch(200, PARTS[:4]).append_column("extra", pa.array(["e1", None, "e3", "e4"]))
write_deltalake(path, extra, mode="append", schema_mode="merge")                            # v3
DeltaTable(path).optimize.compact()                                                         # v4
DeltaTable(path).create_checkpoint()
DeltaTable(path).update(updates={"s": "'updated'"}, predicate="i = 4")                      # v5
write_deltalake(path, batch(300, PARTS[2:6]), mode="overwrite", schema_mode="overwrite")   # v6

def norm(v):
    if v is None: return None
    if isinstance(v, bool): return v
    if isinstance(v, float): return "NaN" if math.isnan(v) else v
    if isinstance(v, decimal.Decimal): return str(v)
    if isinstance(v, datetime.datetime): return v.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(v, datetime.date): return v.isoformat()
    if isinstance(v, bytes): return base64.b64encode(v).decode()
    if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
    if isinstance(v, list):
        if v and all(isinstance(e, tuple) and len(e) == 2 for e in v): return {k: norm(x) for k, x in v}
        return [norm(x) for x in v]
    return v

latest = DeltaTable(path).version()
out = {"latest": latest, "versions": {}}
root = path.rstrip("/")
for k in range(latest + 1):
    dt = DeltaTable(path, version=k)
    files = sorted(u[len("file://"):][len(root) + 1:] if u.startswith("file://") else u[len(root) + 1:]
                   for u in dt.file_uris())
    rows = [norm(r) for r in dt.to_pyarrow_dataset().to_table().to_pylist()]
    for r in rows:  # a map arrives as a list of pairs; an empty one must still be a map
        if r.get("m") == []: r["m"] = {}
    out["versions"][str(k)] = {"files": files, "rows": rows, "schema": json.loads(dt.schema().to_json())}
print(json.dumps(out))
sys.stdout.flush()
"""


def canonical(rows):
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


def test_files_info_cat_and_schema_agree_with_delta_rs_at_every_version(tmp_path):
    table = tmp_path / "rs-table"
    proc = subprocess.run([sys.executable, "-c", with_clean_exit(BUILD_AND_DUMP), str(table)], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    ref = json.loads([l for l in proc.stdout.splitlines() if l.startswith("{")][-1])
    assert ref["latest"] == 6
    assert list((table / "_delta_log").glob("*.checkpoint.parquet")), "delta-rs wrote no checkpoint"
    assert list((table / "_change_data").rglob("*.parquet")), "delta-rs wrote no change data files"
    for k, expected in ref["versions"].items():
        files = sorted(l for l in run_deltactl("files", table, "--version", k).stdout.splitlines() if l)
        assert files == expected["files"], f"files at version {k}"
        info = json.loads(run_deltactl("info", table, "--version", k, "--json").stdout)
        assert info["version"] == int(k)
        assert info["numFiles"] == len(expected["files"])
        assert info["numRecords"] == len(expected["rows"]), f"numRecords at version {k}"
        lines = run_deltactl("cat", table, "--version", k, "--format", "jsonl").stdout.splitlines()
        got = [json.loads(l) for l in lines if l]
        assert canonical(got) == canonical(expected["rows"]), f"rows at version {k}"
        schema = json.loads(run_deltactl("schema", table, "--version", k, "--json").stdout)
        assert schema == expected["schema"], f"schema at version {k}"
        tree = run_deltactl("schema", table, "--version", k).stdout.splitlines()
        assert tree[0] == "root"
        assert [l for l in tree if l.startswith(" |-- ")] == [
            f" |-- {f['name']}: {f['type'] if isinstance(f['type'], str) else f['type']['type']} "
            f"(nullable = {str(f['nullable']).lower()})" for f in expected["schema"]["fields"]], f"tree at version {k}"
