"""Shared pytest fixtures for the interop tests: the deltactl binary and the referees.

Referees: delta-rs (`deltalake`), DuckDB's delta extension (delta-kernel-rs), pyarrow, polars.
"""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures"


# delta-rs 1.6.6 can abort the interpreter at exit ("terminate called without an active exception", SIGABRT) after
# it has done its work and printed its answer. Referee snippets end with this epilogue, reached only when the snippet
# ran to its end: it flushes and leaves without the interpreter's teardown.
CLEAN_EXIT = "\nimport os as _os, sys as _sys\n_sys.stdout.flush(); _sys.stderr.flush(); _os._exit(0)\n"


def with_clean_exit(code: str) -> str:
    """A referee snippet that exits 0 right after its last statement (see CLEAN_EXIT)."""
    return code + CLEAN_EXIT


def deltactl_path() -> str:
    return os.environ.get("DELTACTL_BIN", str(ROOT / ".build" / "debug" / "deltactl"))


def run_deltactl(*args, check=True, **kwargs):
    """Runs deltactl; returns the CompletedProcess (text mode)."""
    proc = subprocess.run([deltactl_path(), *map(str, args)], capture_output=True, text=True, **kwargs)
    if check and proc.returncode != 0:
        raise AssertionError(f"deltactl {' '.join(map(str, args))} exited {proc.returncode}\n"
                             f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


def duckdb_connection():
    """A new DuckDB connection with the delta extension loaded offline from its pip package."""
    import duckdb
    import duckdb_extension_delta  # noqa: F401  (the package ships the extension binary)
    con = duckdb.connect(config={"allow_unsigned_extensions": "true"})
    ext_dir = pathlib.Path(duckdb_extension_delta.__file__).parent
    candidates = list(ext_dir.rglob("*.duckdb_extension"))
    if candidates:
        con.execute(f"LOAD '{candidates[0]}'")
    else:
        con.execute("LOAD delta")
    return con


def duckdb_count(table_path) -> int:
    con = duckdb_connection()
    try:
        return con.execute(f"SELECT count(*) FROM delta_scan('{table_path}')").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def deltactl():
    return run_deltactl


@pytest.fixture
def shared_fixtures():
    if not (SHARED_FIXTURES / "INDEX.md").exists():
        pytest.skip("../shared/fixtures is absent (a fresh clone has none): shared-fixture tests skipped")
    return SHARED_FIXTURES
