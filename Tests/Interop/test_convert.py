"""deltactl convert against the referees: DuckDB's delta extension (delta-kernel-rs), delta-rs and polars.

Expected values come from Python's csv module plus an independent reading of each column's text (dates
MM/DD/YYYY, Decimal money), never from deltactl. delta-rs and polars run in a child process (they must not share
a process with DuckDB); delta-rs 1.6.6 reads column-mapped data columns as nulls, so column-mapped tables are
checked with DuckDB and delta-rs reads the --sanitize-names tables.
"""
import csv
import datetime
import decimal
import json
import pathlib
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, duckdb_connection, run_deltactl, with_clean_exit

COMPLAINTS = ROOT / "Fixtures" / "complaints.csv"
MESSY = ROOT / "Fixtures" / "messy.csv"


def us_date(s):
    return datetime.datetime.strptime(s, "%m/%d/%Y").date() if s else None


COMPLAINT_TYPES = {"File No.": int, "Opened": us_date, "Closed": us_date,
                   "Recovery": lambda s: decimal.Decimal(s).quantize(decimal.Decimal("0.01"))}


def expected_rows(path, types, rename=None):
    """Rows as Python's csv module reads them, converted per column; empty fields are None."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        rows = []
        for rec in reader:
            row = {}
            for k, v in rec.items():
                name = (rename or {}).get(k, k)
                row[name] = None if v == "" else types.get(k, str)(v)
            rows.append(row)
    return rows


def duckdb_rows(table, order_by):
    con = duckdb_connection()
    try:
        cur = con.execute(f"SELECT * FROM delta_scan('{table}') ORDER BY \"{order_by}\"")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()


def duckdb_types(table):
    con = duckdb_connection()
    try:
        return {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM delta_scan('{table}')").fetchall()}
    finally:
        con.close()


def child_python(code, *args):
    """Runs a referee snippet in a child process; its stdout is JSON."""
    proc = subprocess.run([sys.executable, "-c", with_clean_exit(code), *map(str, args)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


DELTA_RS_READ = """
import json, sys, deltalake
dt = deltalake.DeltaTable(sys.argv[1])
t = dt.to_pyarrow_dataset().to_table()
print(json.dumps({"version": dt.version(), "schema": {f.name: str(f.type) for f in t.schema},
                  "rows": t.to_pylist()}, default=str))
"""

POLARS_READ = """
import json, sys, polars as pl
df = pl.read_delta(sys.argv[1])
print(json.dumps({"schema": {k: str(v) for k, v in df.schema.items()}, "rows": df.to_dicts()}, default=str))
"""


def log_versions(table):
    return sorted(int(p.name.split(".")[0]) for p in (pathlib.Path(table) / "_delta_log").glob("*.json"))


def parquet_files(table):
    return sorted(str(p.relative_to(table)) for p in pathlib.Path(table).rglob("*.parquet"))


def test_complaints_column_mapped_read_by_duckdb(tmp_path):
    table = tmp_path / "complaints"
    out = run_deltactl("convert", COMPLAINTS, "--to", table).stdout
    assert "version: 0" in out and "rows: 3000" in out
    commit = [json.loads(l) for l in (table / "_delta_log" / "00000000000000000000.json").read_text().splitlines()]
    meta = next(a["metaData"] for a in commit if "metaData" in a)
    proto = next(a["protocol"] for a in commit if "protocol" in a)
    assert meta["configuration"]["delta.columnMapping.mode"] == "name"
    assert (proto["minReaderVersion"], proto["minWriterVersion"]) == (2, 5)
    add = next(a["add"] for a in commit if "add" in a)
    stats = json.loads(add["stats"])
    assert stats["numRecords"] == 3000
    physical = {f["name"]: f["metadata"]["delta.columnMapping.physicalName"] for f in json.loads(meta["schemaString"])["fields"]}
    assert physical["File No."] in stats["minValues"] and "File No." not in stats["minValues"]

    types = duckdb_types(table)
    assert types == {"Company": "VARCHAR", "File No.": "INTEGER", "Opened": "DATE", "Closed": "DATE",
                     "Coverage": "VARCHAR", "SubCoverage": "VARCHAR", "Reason": "VARCHAR", "SubReason": "VARCHAR",
                     "Disposition": "VARCHAR", "Conclusion": "VARCHAR", "Recovery": "DECIMAL(8,2)", "Status": "VARCHAR"}
    expected = sorted(expected_rows(COMPLAINTS, COMPLAINT_TYPES), key=lambda r: r["File No."])
    assert duckdb_rows(table, "File No.") == expected
    exp = expected
    assert stats["minValues"][physical["File No."]] == min(r["File No."] for r in exp)
    assert stats["nullCount"][physical["Closed"]] == sum(r["Closed"] is None for r in exp)
    assert stats["maxValues"][physical["Opened"]] == max(r["Opened"] for r in exp).isoformat()


def test_default_table_is_named_after_the_csv(tmp_path):
    shutil.copy(COMPLAINTS, tmp_path / "complaints.csv")
    run_deltactl("convert", tmp_path / "complaints.csv")
    assert (tmp_path / "complaints" / "_delta_log" / "00000000000000000000.json").exists()


def test_sanitized_names_read_by_delta_rs_and_polars(tmp_path):
    table = tmp_path / "t"
    run_deltactl("convert", COMPLAINTS, "--to", table, "--sanitize-names", "--compression", "zstd",
                 "--target-file-size", "16K")
    assert len(parquet_files(table)) > 1
    rename = {"File No.": "File_No_"}
    expected = sorted(expected_rows(COMPLAINTS, COMPLAINT_TYPES, rename), key=lambda r: r["File_No_"])
    got = child_python(DELTA_RS_READ, table)
    assert got["schema"] == {"Company": "string", "File_No_": "int32", "Opened": "date32[day]", "Closed": "date32[day]",
                             "Coverage": "string", "SubCoverage": "string", "Reason": "string", "SubReason": "string",
                             "Disposition": "string", "Conclusion": "string", "Recovery": "decimal128(8, 2)",
                             "Status": "string"}
    as_text = [{k: (None if v is None else str(v)) for k, v in r.items()} for r in expected]
    assert sorted(got["rows"], key=lambda r: int(r["File_No_"])) == [
        {k: (int(v) if k == "File_No_" and v is not None else v) for k, v in r.items()} for r in as_text]
    pl = child_python(POLARS_READ, table)
    assert pl["schema"]["Recovery"].startswith("Decimal") and pl["schema"]["Opened"] == "Date"
    assert len(pl["rows"]) == 3000


def test_messy_csv_keeps_names_and_values(tmp_path):
    table = tmp_path / "messy"
    run_deltactl("convert", MESSY, "--to", table)
    types = duckdb_types(table)
    assert types == {"Name": "VARCHAR", "Amount ($)": "DECIMAL(6,2)", "Joined": "DATE", "Active": "BOOLEAN",
                     "Notes": "VARCHAR", "Score": "INTEGER"}
    rows = duckdb_rows(table, "Name")
    conv = {"Amount ($)": decimal.Decimal, "Joined": us_date, "Active": lambda s: s.lower() == "true", "Score": int}
    assert rows == sorted(expected_rows(MESSY, conv), key=lambda r: r["Name"])
    assert any(r["Notes"] == "line one\r\nline two" for r in rows)


def test_append_and_overwrite_make_new_versions(tmp_path):
    table = tmp_path / "t"
    run_deltactl("convert", COMPLAINTS, "--to", table)
    out = json.loads(run_deltactl("convert", COMPLAINTS, "--to", table, "--mode", "append", "--json").stdout)
    assert out["version"] == 1 and out["rows"] == 3000
    con = duckdb_connection()
    assert con.execute(f"SELECT count(*), count(DISTINCT \"File No.\") FROM delta_scan('{table}')").fetchone() == (6000, 3000)
    con.close()

    other = tmp_path / "other.csv"
    other.write_text("Company,Opened\nAcme,01/02/2020\n")
    bad = run_deltactl("convert", other, "--to", table, "--mode", "append", check=False)
    assert bad.returncode != 0 and "schema mismatch" in bad.stderr and "File No." in bad.stderr
    assert log_versions(table) == [0, 1]

    out = json.loads(run_deltactl("convert", COMPLAINTS, "--to", table, "--mode", "overwrite", "--json").stdout)
    assert out["version"] == 2 and out["removedFiles"] == 2
    con = duckdb_connection()
    assert con.execute(f"SELECT count(*) FROM delta_scan('{table}')").fetchone() == (3000,)
    con.close()

    out = json.loads(run_deltactl("convert", other, "--to", table, "--mode", "overwrite", "--overwrite-schema",
                                  "--json").stdout)
    assert out["version"] == 3
    assert duckdb_types(table) == {"Company": "VARCHAR", "Opened": "DATE"}
    assert duckdb_rows(table, "Company") == [{"Company": "Acme", "Opened": datetime.date(2020, 1, 2)}]


def test_partitioned_output_is_hive_escaped(tmp_path):
    src = tmp_path / "p.csv"
    src.write_text('region,day,amount\nUS/East,2024-01-02,1.5\n"50% off: yes",2024-01-02,2\n,2024-01-03,3\nUS/East,2024-01-03,4\n')
    table = tmp_path / "t"
    run_deltactl("convert", src, "--to", table, "--partition-by", "region", "--partition-by", "day")
    folders = {str(pathlib.Path(p).parent) for p in parquet_files(table)}
    assert folders == {"region=US%2FEast/day=2024-01-02", "region=50%25 off%3A yes/day=2024-01-02",
                       "region=__HIVE_DEFAULT_PARTITION__/day=2024-01-03", "region=US%2FEast/day=2024-01-03"}
    adds = [json.loads(l)["add"] for l in (table / "_delta_log" / "00000000000000000000.json").read_text().splitlines()
            if '"add"' in l]
    assert sorted(json.dumps(a["partitionValues"], sort_keys=True) for a in adds) == sorted(json.dumps(v, sort_keys=True) for v in [
        {"region": "US/East", "day": "2024-01-02"}, {"region": "50% off: yes", "day": "2024-01-02"},
        {"region": None, "day": "2024-01-03"}, {"region": "US/East", "day": "2024-01-03"}])
    assert any("%252F" in a["path"] for a in adds)
    rows = duckdb_rows(table, "amount")
    assert [(r["region"], str(r["day"]), float(r["amount"])) for r in rows] == [
        ("US/East", "2024-01-02", 1.5), ("50% off: yes", "2024-01-02", 2.0), (None, "2024-01-03", 3.0),
        ("US/East", "2024-01-03", 4.0)]
    got = child_python(DELTA_RS_READ, table)
    assert sorted((r["region"], r["day"], r["amount"]) for r in got["rows"] if r["region"]) == [
        ("50% off: yes", "2024-01-02", "2.0"), ("US/East", "2024-01-02", "1.5"), ("US/East", "2024-01-03", "4.0")]


def test_bad_row_names_file_line_column_and_leaves_no_commit(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text('a,b\n1,x\n"multi\nline",y\n3\n4,z\n')
    table = tmp_path / "t"
    proc = run_deltactl("convert", src, "--to", table, check=False)
    assert proc.returncode != 0
    assert f"{src}:5: column 2" in proc.stderr
    assert not (table / "_delta_log").exists()

    run_deltactl("convert", COMPLAINTS, "--to", table, "--sanitize-names")
    before = parquet_files(table)
    typed = tmp_path / "typed.csv"
    lines = COMPLAINTS.read_text().splitlines()
    last = lines[-1].split(",")
    file_no_index = next(i for i, f in enumerate(last) if f.isdigit())
    last[file_no_index] = "10x013"
    lines[-1] = ",".join(last)
    typed.write_text("\n".join(lines) + "\n")
    # The bad value is in the last row: many small data files are written before it, then removed.
    proc = run_deltactl("convert", typed, "--to", table, "--mode", "append", "--target-file-size", "4K", check=False)
    assert proc.returncode != 0
    assert f"{typed}:3001: column 2 (File_No_): '10x013' is not a valid integer" in proc.stderr
    assert log_versions(table) == [0]
    assert parquet_files(table) == before


def test_bad_rows_skip_and_quarantine(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("n,s\n1,a\n2\nx,b\n4,c\n")
    schema = tmp_path / "schema.txt"
    schema.write_text("n:integer\ns:string\n")
    out = json.loads(run_deltactl("convert", src, "--to", tmp_path / "t1", "--schema", schema, "--bad-rows", "skip",
                                  "--json").stdout)
    assert (out["rows"], out["badRows"]) == (2, 2)
    q = tmp_path / "rejects.csv"
    run_deltactl("convert", src, "--to", tmp_path / "t2", "--schema", schema, "--bad-rows", f"quarantine:{q}")
    rejected = list(csv.reader(q.open()))
    assert rejected[0] == ["line", "error", "n", "s"]
    assert [r[0] for r in rejected[1:]] == ["3", "4"]
    assert "'x' is not a valid integer" in rejected[2][1] and rejected[2][2:] == ["x", "b"]
    assert duckdb_rows(tmp_path / "t2", "n") == [{"n": 1, "s": "a"}, {"n": 4, "s": "c"}]


def test_create_refuses_an_existing_table(tmp_path):
    table = tmp_path / "t"
    run_deltactl("convert", MESSY, "--to", table)
    proc = run_deltactl("convert", MESSY, "--to", table, check=False)
    assert proc.returncode != 0 and "--mode append" in proc.stderr
    assert log_versions(table) == [0]


DELTA_RS_CREATE_NOT_NULL = """
import sys, pyarrow as pa
from deltalake import write_deltalake
schema = pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("name", pa.string())])
write_deltalake(sys.argv[1], pa.table({"id": [1], "name": ["a"]}, schema=schema))
print("{}")
"""


def test_append_to_a_delta_rs_table_checks_types_and_nullability(tmp_path):
    table = tmp_path / "t"
    child_python(DELTA_RS_CREATE_NOT_NULL, table)
    good = tmp_path / "good.csv"
    good.write_text("name,id\nb,2\n,3\n")
    out = json.loads(run_deltactl("convert", good, "--to", table, "--mode", "append", "--json").stdout)
    assert out["version"] == 1 and out["rows"] == 2
    assert duckdb_rows(table, "id") == [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}, {"id": 3, "name": None}]
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\n4,d\n,e\n")
    proc = run_deltactl("convert", bad, "--to", table, "--mode", "append", check=False)
    assert proc.returncode != 0 and f"{bad}:3: column 1 (id)" in proc.stderr and "not nullable" in proc.stderr
    assert log_versions(table) == [0, 1]


def test_timestamps_booleans_doubles_and_filters(tmp_path):
    src = tmp_path / "ts.csv"
    src.write_text("id,ts,flag,x\n1,2024-01-02T03:04:05.123456Z,true,1e3\n2,2024-01-02 10:00:00+02:00,false,-2.5\n"
                   "3,,TRUE,\n")
    table = tmp_path / "ts"
    run_deltactl("convert", src, "--to", table)
    assert duckdb_types(table) == {"id": "INTEGER", "ts": "TIMESTAMP WITH TIME ZONE", "flag": "BOOLEAN", "x": "DOUBLE"}
    utc = datetime.timezone.utc
    expected_us = [int(datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=utc).timestamp() * 1e6),
                   int(datetime.datetime(2024, 1, 2, 8, 0, 0, tzinfo=utc).timestamp() * 1e6), None]
    con = duckdb_connection()
    try:
        rows = con.execute(f"SELECT id, epoch_us(ts), flag, x FROM delta_scan('{table}') ORDER BY id").fetchall()
        assert rows == [(1, expected_us[0], True, 1000.0), (2, expected_us[1], False, -2.5), (3, None, True, None)]
        # Filters use the per-file stats for skipping: a wrong min/max would drop matching rows.
        q = f"SELECT id FROM delta_scan('{table}') WHERE ts = TIMESTAMPTZ '2024-01-02 03:04:05.123456+00'"
        assert con.execute(q).fetchall() == [(1,)]
        q = f"SELECT id FROM delta_scan('{table}') WHERE ts >= TIMESTAMPTZ '2024-01-02 08:00:00+00'"
        assert con.execute(q).fetchall() == [(2,)]
    finally:
        con.close()


@pytest.mark.parametrize("codec", ["gzip", "none", "zstd", "snappy"])
def test_every_compression_is_readable(tmp_path, codec):
    table = tmp_path / codec
    run_deltactl("convert", MESSY, "--to", table, "--compression", codec)
    con = duckdb_connection()
    try:
        assert con.execute(f"SELECT count(*), sum(Score) FROM delta_scan('{table}')").fetchone() == (4, 16)
    finally:
        con.close()


DELTA_RS_PARTITIONS = """
import json, sys, deltalake
t = deltalake.DeltaTable(sys.argv[1]).to_pyarrow_dataset().to_table()
print(json.dumps(sorted(t.column(sys.argv[2]).to_pylist())))
"""


def test_partitioned_column_mapped_table(tmp_path):
    """Column mapping + partitions: partitionValues keyed by physical names, random-prefix folders (as Spark).
    DuckDB 1.5.5 reads the partition value only while the partition column is the first column (it reads NULL
    otherwise); delta-rs reads partition values in any position."""
    first = tmp_path / "first.csv"
    first.write_text("Status,File No.,x\nOpen,1,a\nClosed,2,b\n")
    table = tmp_path / "first"
    run_deltactl("convert", first, "--to", table, "--partition-by", "Status")
    commit = [json.loads(l) for l in (table / "_delta_log" / "00000000000000000000.json").read_text().splitlines()]
    fields = json.loads(next(a["metaData"] for a in commit if "metaData" in a)["schemaString"])["fields"]
    physical = {f["name"]: f["metadata"]["delta.columnMapping.physicalName"] for f in fields}
    adds = [a["add"] for a in commit if "add" in a]
    assert sorted(a["partitionValues"][physical["Status"]] for a in adds) == ["Closed", "Open"]
    assert all("=" not in a["path"] and len(a["path"].split("/")[0]) == 2 for a in adds)
    assert duckdb_rows(table, "File No.") == [{"Status": "Open", "File No.": 1, "x": "a"},
                                              {"Status": "Closed", "File No.": 2, "x": "b"}]
    last = tmp_path / "last.csv"
    last.write_text("File No.,x,Status\n1,a,Open\n2,b,Closed\n")
    run_deltactl("convert", last, "--to", tmp_path / "last", "--partition-by", "Status")
    assert child_python(DELTA_RS_PARTITIONS, tmp_path / "last", "Status") == ["Closed", "Open"]
