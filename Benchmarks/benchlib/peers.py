"""The peers' side of each workload, run as a fresh process per measurement.

Each subcommand does one operation with one peer library and prints one JSON line on stdout:
`{"op_seconds": S, "result": R}`, where S times the operation only (after the interpreter started and the
library was imported) and R is a value the driver compares with deltactl's answer (file count, row count).
deltalake and duckdb are never imported in one process (a known referee quirk).

Usage: python -m benchlib.peers COMMAND ARGS...
"""
import json
import os
import sys
import time


def _emit(start: float, result) -> None:
    print(json.dumps({"op_seconds": time.perf_counter() - start, "result": result}))


def deltars_load(path: str, version: str = "") -> None:
    """Snapshot load (log replay) and the list of active files, optionally at a version."""
    from deltalake import DeltaTable
    t = time.perf_counter()
    dt = DeltaTable(path, version=int(version)) if version else DeltaTable(path)
    _emit(t, len(dt.file_uris()))


def deltars_checkpoint(path: str) -> None:
    """Loads the latest snapshot and writes a classic checkpoint for it."""
    from deltalake import DeltaTable
    t = time.perf_counter()
    DeltaTable(path).create_checkpoint()
    _emit(t, None)


def deltars_count(path: str) -> None:
    """Row count through the pyarrow dataset (reads Parquet footers, not pages)."""
    from deltalake import DeltaTable
    t = time.perf_counter()
    _emit(t, DeltaTable(path).to_pyarrow_dataset().count_rows())


def deltars_scan(path: str) -> None:
    """Full scan: every column of every row decoded into Arrow memory."""
    from deltalake import DeltaTable
    t = time.perf_counter()
    _emit(t, DeltaTable(path).to_pyarrow_dataset().to_table().num_rows)


def _duckdb():
    import duckdb
    import duckdb_extension_delta
    con = duckdb.connect(config={"allow_unsigned_extensions": "true"})
    found = list(__import__("pathlib").Path(duckdb_extension_delta.__file__).parent.rglob("*.duckdb_extension"))
    con.execute(f"LOAD '{found[0]}'" if found else "LOAD delta")
    return con


def duckdb_count(path: str) -> None:
    """SELECT count(*) FROM delta_scan(path)."""
    con = _duckdb()
    t = time.perf_counter()
    _emit(t, con.execute(f"SELECT count(*) FROM delta_scan('{path}')").fetchone()[0])


def duckdb_scan_csv(path: str) -> None:
    """Full scan serialised as CSV to /dev/null (the same work as `deltactl cat --format csv`)."""
    con = _duckdb()
    t = time.perf_counter()
    rows = con.execute(f"COPY (SELECT * FROM delta_scan('{path}')) TO '/dev/null' (FORMAT csv, HEADER)").fetchone()
    _emit(t, rows[0] if rows else None)


def pyarrow_convert(csv_path: str, table: str) -> None:
    """pyarrow.csv.read_csv then deltalake.write_deltalake (a new table)."""
    import pyarrow.csv
    from deltalake import write_deltalake
    t = time.perf_counter()
    data = pyarrow.csv.read_csv(csv_path)
    write_deltalake(table, data)
    _emit(t, data.num_rows)


def pyarrow_append(csv_path: str, table: str) -> None:
    """pyarrow.csv.read_csv then deltalake.write_deltalake(mode="append") onto an existing table."""
    import pyarrow.csv
    from deltalake import write_deltalake
    t = time.perf_counter()
    data = pyarrow.csv.read_csv(csv_path)
    write_deltalake(table, data, mode="append")
    _emit(t, data.num_rows)


def polars_convert(csv_path: str, table: str) -> None:
    """polars.read_csv then DataFrame.write_delta (a new table)."""
    import polars
    t = time.perf_counter()
    frame = polars.read_csv(csv_path, try_parse_dates=True)
    frame.write_delta(table)
    _emit(t, frame.height)


COMMANDS = {
    "deltars-load": deltars_load, "deltars-checkpoint": deltars_checkpoint, "deltars-count": deltars_count,
    "deltars-scan": deltars_scan, "duckdb-count": duckdb_count, "duckdb-scan-csv": duckdb_scan_csv,
    "pyarrow-convert": pyarrow_convert, "pyarrow-append": pyarrow_append, "polars-convert": polars_convert,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit("usage: python -m benchlib.peers {" + "|".join(COMMANDS) + "} ARGS...")
    COMMANDS[sys.argv[1]](*sys.argv[2:])
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown (deltalake can abort at exit); the answer is already printed
