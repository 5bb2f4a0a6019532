"""Seeded synthetic Delta logs: N commits x K add actions, no data files.

Each commit looks like what Spark or delta-rs writes for a blind append to a table partitioned by `date`:
a commitInfo (operation WRITE, operationParameters, operationMetrics, engineInfo, txnId) followed by K add
actions with partitionValues, size, modificationTime, dataChange and a stats JSON string (numRecords,
minValues, maxValues, nullCount for every data column). Version 0 also carries protocol (1, 2) and metaData.
Replay and checkpointing never open data files, so none are written (delta-rs `DeltaTable(p)`,
`.file_uris()` and `create_checkpoint()` work without them).

Usage: python -m benchlib.gen_log OUT_DIR --commits N [--adds K] [--seed S]
"""
import argparse
import json
import os
import random
import uuid

SCHEMA = {
    "type": "struct",
    "fields": [
        {"name": "id", "type": "long", "nullable": True, "metadata": {}},
        {"name": "customer", "type": "string", "nullable": True, "metadata": {}},
        {"name": "amount", "type": "double", "nullable": True, "metadata": {}},
        {"name": "event_time", "type": "timestamp", "nullable": True, "metadata": {}},
        {"name": "date", "type": "string", "nullable": True, "metadata": {}},
    ],
}
BASE_MS = 1_704_067_200_000  # 2024-01-01T00:00:00Z


def _iso(ms: int) -> str:
    import datetime
    dt = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _add(rng: random.Random, version: int, index: int, ts: int, next_id: int) -> tuple[str, int]:
    day = (version // 24) % 365
    date = f"2024-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}"
    rows = rng.randint(500, 5000)
    lo_amount = round(rng.uniform(0, 100), 2)
    stats = {
        "numRecords": rows,
        "minValues": {"id": next_id, "customer": f"cust-{rng.randint(0, 999):04d}",
                      "amount": lo_amount, "event_time": _iso(ts - 3_600_000)},
        "maxValues": {"id": next_id + rows - 1, "customer": f"cust-{rng.randint(1000, 9999):04d}",
                      "amount": round(lo_amount + rng.uniform(100, 10000), 2), "event_time": _iso(ts)},
        "nullCount": {"id": 0, "customer": rng.randint(0, 3), "amount": rng.randint(0, 10), "event_time": 0},
    }
    add = {
        "path": f"date={date}/part-{index:05d}-{_uuid(rng)}.c000.snappy.parquet",
        "partitionValues": {"date": date},
        "size": rng.randint(40_000, 400_000),
        "modificationTime": ts,
        "dataChange": True,
        "stats": json.dumps(stats, separators=(",", ":")),
    }
    return json.dumps({"add": add}, separators=(",", ":")), next_id + rows


def _commit_info(rng: random.Random, version: int, ts: int, adds: int, rows: int) -> str:
    info = {
        "timestamp": ts,
        "operation": "CREATE TABLE AS SELECT" if version == 0 else "WRITE",
        "operationParameters": {"mode": "ErrorIfExists" if version == 0 else "Append",
                                "partitionBy": "[\"date\"]"},
        "readVersion": None if version == 0 else version - 1,
        "isolationLevel": "Serializable",
        "isBlindAppend": True,
        "operationMetrics": {"numFiles": str(adds), "numOutputRows": str(rows),
                             "numOutputBytes": str(rng.randint(10**6, 10**7))},
        "engineInfo": "Apache-Spark/3.5.1 Delta-Lake/3.2.0",
        "txnId": _uuid(rng),
    }
    if version == 0:
        del info["readVersion"]
    return json.dumps({"commitInfo": info}, separators=(",", ":"))


def generate(out_dir: str, commits: int, adds: int = 10, seed: int = 42) -> dict:
    """Writes the log under out_dir/_delta_log; returns a summary (commits, adds, bytes)."""
    rng = random.Random(seed)
    log = os.path.join(out_dir, "_delta_log")
    os.makedirs(log, exist_ok=True)
    next_id, total_bytes = 0, 0
    for version in range(commits):
        ts = BASE_MS + version * 60_000
        lines, rows = [], 0
        for i in range(adds):
            line, after = _add(rng, version, i, ts, next_id)
            rows += after - next_id
            next_id = after
            lines.append(line)
        head = [_commit_info(rng, version, ts, adds, rows)]
        if version == 0:
            head.append(json.dumps({"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
                                   separators=(",", ":")))
            head.append(json.dumps({"metaData": {
                "id": _uuid(rng), "name": "bench", "format": {"provider": "parquet", "options": {}},
                "schemaString": json.dumps(SCHEMA, separators=(",", ":")), "partitionColumns": ["date"],
                "configuration": {}, "createdTime": ts}}, separators=(",", ":")))
        data = ("\n".join(head + lines) + "\n").encode()
        path = os.path.join(log, f"{version:020d}.json")
        with open(path, "wb") as f:
            f.write(data)
        os.utime(path, ns=(ts * 1_000_000, ts * 1_000_000))
        total_bytes += len(data)
    return {"commits": commits, "adds": commits * adds, "log_bytes": total_bytes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--commits", type=int, required=True)
    ap.add_argument("--adds", type=int, default=10)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    print(json.dumps(generate(a.out, a.commits, a.adds, a.seed)))


if __name__ == "__main__":
    main()
