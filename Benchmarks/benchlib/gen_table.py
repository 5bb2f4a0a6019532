"""Seeded Delta table of a few hundred Parquet files (~100 MB) for the replicate benchmark, written by delta-rs.

Each of FILES appends is one commit with one data file of ROWS rows (id, amount, payload): random doubles and
hex payloads compress little, so the table's bytes stay close to the target. A checkpoint is made at the end
(delta-rs `create_checkpoint()`), so replicate copies commits, a checkpoint and `_last_checkpoint`.
Also writes `OUT.blob`: every file of the table concatenated, the input of the raw `dd` floor.

Usage: python -m benchlib.gen_table OUT_DIR [--files 300] [--rows 10000] [--seed S]
"""
import argparse
import json
import os
import random


def generate(out_dir: str, files: int = 300, rows: int = 10000, seed: int = 11) -> dict:
    import pyarrow as pa
    from deltalake import DeltaTable, write_deltalake

    rng = random.Random(seed)
    next_id = 0
    for _ in range(files):
        ids = list(range(next_id, next_id + rows))
        next_id += rows
        batch = pa.table({
            "id": pa.array(ids, pa.int64()),
            "amount": pa.array([rng.random() * 1e6 for _ in range(rows)], pa.float64()),
            "payload": pa.array([f"{rng.getrandbits(64):016x}" for _ in range(rows)], pa.string()),
        })
        write_deltalake(out_dir, batch, mode="append")
    DeltaTable(out_dir).create_checkpoint()
    total, count = 0, 0
    with open(out_dir.rstrip("/") + ".blob", "wb") as blob:
        for root, _, names in os.walk(out_dir):
            for name in sorted(names):
                with open(os.path.join(root, name), "rb") as f:
                    data = f.read()
                blob.write(data)
                total += len(data)
                count += 1
    return {"files": count, "bytes": total, "rows": files * rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    print(json.dumps(generate(a.out, a.files, a.rows, a.seed)))


if __name__ == "__main__":
    main()
