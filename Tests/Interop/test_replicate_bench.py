"""Benchmark: deltactl replicate of a ~100 MB table of 300 files against `cp -r` (and `cp -r` + `sync`, since
replicate makes the copy durable before publishing the log), plus a no-op re-run. Runs when DELTACTL_BENCH=1;
prints a table of timings (pytest -s). The table's files are random bytes under a real Delta log: replication never
parses data files."""
import json
import os
import shutil
import subprocess
import time
import uuid

import pytest

from conftest import run_deltactl

pytestmark = pytest.mark.skipif(os.environ.get("DELTACTL_BENCH") != "1", reason="benchmark: set DELTACTL_BENCH=1")

FILES, SIZE = 300, 349_525  # 300 files, 100 MiB


def make_table(root):
    os.makedirs(root / "_delta_log")
    schema = json.dumps({"type": "struct", "fields": [{"name": "id", "type": "long", "nullable": True, "metadata": {}}]})
    for v, start in enumerate(range(0, FILES, 20)):
        lines = []
        if v == 0:
            lines += [{"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
                      {"metaData": {"id": str(uuid.uuid4()), "format": {"provider": "parquet", "options": {}},
                                    "schemaString": schema, "partitionColumns": ["p"], "configuration": {}}}]
        for i in range(start, min(start + 20, FILES)):
            path = f"p={i % 4}/part-{i:05d}-{uuid.uuid4()}.parquet"
            (root / path).parent.mkdir(exist_ok=True)
            (root / path).write_bytes(os.urandom(SIZE))
            lines.append({"add": {"path": path, "partitionValues": {"p": str(i % 4)}, "size": SIZE,
                                  "modificationTime": 1, "dataChange": True, "stats": '{"numRecords":100}'}})
        (root / "_delta_log" / f"{v:020d}.json").write_text("\n".join(json.dumps(x) for x in lines) + "\n")


def timed(fn):
    subprocess.run(["sync"], check=True)
    start = time.monotonic()
    fn()
    return time.monotonic() - start


def test_replicate_against_cp(tmp_path):
    src = tmp_path / "src"
    make_table(src)
    rows = []
    for attempt in range(3):
        cp_dst, cps_dst, dst = tmp_path / f"cp{attempt}", tmp_path / f"cps{attempt}", tmp_path / f"r{attempt}"
        cp = timed(lambda: subprocess.run(["cp", "-r", str(src), str(cp_dst)], check=True))
        cps = timed(lambda: (subprocess.run(["cp", "-r", str(src), str(cps_dst)], check=True),
                             subprocess.run(["sync"], check=True)))
        report = {}
        rep = timed(lambda: report.update(json.loads(run_deltactl("replicate", src, dst, "--json").stdout)))
        noop = timed(lambda: run_deltactl("replicate", src, dst))
        rows.append((cp, cps, rep, report["durations"]["dataSeconds"], noop))
        for d in (cp_dst, cps_dst):
            shutil.rmtree(d)
    mb = FILES * SIZE / 1e6
    print(f"\n{FILES} files, {mb:.0f} MB")
    print("cp -r s | cp -r+sync s | replicate s (MB/s) | data phase s | ratio vs cp | ratio vs cp+sync | no-op re-run s")
    for cp, cps, rep, data, noop in rows:
        print(f"{cp:.3f} | {cps:.3f} | {rep:.3f} ({mb / rep:.0f}) | {data:.3f} | {cp / rep:.2f} | {cps / rep:.2f} | {noop:.3f}")
    assert run_deltactl("verify", src, tmp_path / "r0").returncode == 0
    assert min(r[4] for r in rows) < 1.0
