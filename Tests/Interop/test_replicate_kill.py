"""deltactl replicate killed with SIGKILL at random points: the replica is always readable by delta-rs, completely,
at some version <= N, and the next run (recovering the dead run's lock) finishes it; verify then passes.
Also: a live run's lock keeps a second run out; a stale lock is taken over."""
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time

import pytest

from conftest import deltactl_path, run_deltactl

MAKE_TABLE = r"""
import sys
import pyarrow as pa
from deltalake import DeltaTable, write_deltalake
path = sys.argv[1]
for i in range(12):
    n = 20000
    t = pa.table({"id": pa.array(range(i * n, (i + 1) * n), pa.int64()),
                  "p": pa.array([f"k {j % 3}/x" for j in range(n)]),
                  "s": pa.array([f"row-{i}-{j}-" + "x" * (j % 50) for j in range(n)])})
    write_deltalake(path, t, mode="overwrite" if i == 3 else "append", partition_by=["p"])
    if i == 6:
        DeltaTable(path).create_checkpoint()
DeltaTable(path).delete("id % 7 = 0")
DeltaTable(path).optimize.compact()
print("null", flush=True)
import os; os._exit(0)  # delta-rs can abort in its exit-time destructors (known referee quirk)
"""

READ = r"""
import json, sys
from deltalake import DeltaTable
dt = DeltaTable(sys.argv[1])
print(json.dumps([dt.version(), dt.to_pyarrow_dataset().to_table().num_rows]), flush=True)
import os; os._exit(0)  # delta-rs can abort in its exit-time destructors (known referee quirk)
"""

COUNTS = r"""
import json, sys
from deltalake import DeltaTable
print(json.dumps({v: DeltaTable(sys.argv[1], version=v).to_pyarrow_dataset().to_table().num_rows
                  for v in range(int(sys.argv[2]) + 1)}), flush=True)
import os; os._exit(0)  # delta-rs can abort in its exit-time destructors (known referee quirk)
"""


def py(script, *args):
    proc = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else None


@pytest.fixture(scope="module")
def source_table(tmp_path_factory):
    path = tmp_path_factory.mktemp("source") / "table"
    py(MAKE_TABLE, path)
    return path


def test_sigkill_at_random_points_then_resume(source_table, tmp_path):
    n = 10
    counts = {int(k): v for k, v in py(COUNTS, source_table, n).items()}
    start = time.monotonic()
    run_deltactl("replicate", source_table, tmp_path / "probe", "--version", n)
    full = time.monotonic() - start
    rng = random.Random(20261126)
    for attempt in range(8):
        dst = tmp_path / f"replica{attempt}"
        proc = subprocess.Popen([deltactl_path(), "replicate", str(source_table), str(dst), "--version", str(n),
                                 "--parallel", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        print("attempt", attempt, "commits after kill:", len(list((dst / "_delta_log").glob("*.json"))), "files:", sum(1 for _ in dst.rglob("*.parquet")))
        if any((dst / "_delta_log").glob("*.json")):
            version, rows = py(READ, dst)
            assert version <= n
            assert rows == counts[version], f"attempt {attempt}: replica at {version} reads {rows} rows"
        run_deltactl("replicate", source_table, dst, "--version", n)
        left = [str(p.relative_to(dst)) for p in dst.rglob(".deltactl-tmp-*")]
        assert not left, f"attempt {attempt}: the killed run's temporary files were not removed: {left}"
        assert run_deltactl("verify", source_table, dst).returncode == 0
        assert py(READ, dst) == [n, counts[n]]


def test_delta_rs_table_time_travels_identically(source_table, tmp_path):
    """A delta-rs table with appends, an overwrite, a checkpoint, a delete and an optimize: replicate to 8, compare
    every version with delta-rs, catch up, compare every version again."""
    from test_replicate import DELTA_RS_DIGEST
    dst = tmp_path / "replica"
    run_deltactl("replicate", source_table, dst, "--version", 8)
    assert py(DELTA_RS_DIGEST, dst, 8, 0) == py(DELTA_RS_DIGEST, source_table, 8, 0) | {"latest": 8}
    run_deltactl("replicate", source_table, dst)
    latest = py(READ, source_table)[0]
    want = py(DELTA_RS_DIGEST, source_table, latest, 0)
    assert py(DELTA_RS_DIGEST, dst, latest, 0) == want
    assert want["latest"] == latest >= 12
    assert run_deltactl("verify", source_table, dst).returncode == 0


def test_live_lock_keeps_a_second_run_out_and_a_stale_one_is_taken_over(source_table, tmp_path):
    dst = tmp_path / "replica"
    (dst / "_deltactl").mkdir(parents=True)
    lock = dst / "_deltactl" / "replicate.lock"
    now = int(time.time() * 1000)
    owner = {"pid": os.getpid(), "host": socket.gethostname(), "token": "other-run", "heartbeat": now}
    lock.write_text(json.dumps(owner))
    proc = run_deltactl("replicate", source_table, dst, check=False)
    assert proc.returncode != 0 and "another replicate run holds" in proc.stderr
    assert not (dst / "_delta_log").exists()
    owner["heartbeat"] = now - 3_600_000
    lock.write_text(json.dumps(owner))
    run_deltactl("replicate", source_table, dst)
    assert not lock.exists()
    assert run_deltactl("verify", source_table, dst).returncode == 0
