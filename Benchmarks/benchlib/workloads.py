"""The workloads of the suite, built on demand (building one generates its cached input)."""
import os
import shutil
import subprocess

from .data import Inputs
from .model import Target, Tool, Workload, json_key, line_count


def remover(path: str):
    """An untimed prepare step: removes a previous run's output folder (and its .blob file)."""
    def remove() -> None:
        shutil.rmtree(path, ignore_errors=True)
        if os.path.exists(path + ".blob"):
            os.unlink(path + ".blob")
    return remove


class Suite:
    """Builds workloads for one deltactl binary and one peer venv."""

    def __init__(self, deltactl: str, python: str, inputs: Inputs):
        self.bin, self.python, self.inputs = deltactl, python, inputs
        self.peers = os.path.join(inputs.bench_dir, "benchlib", "peers.py")

    def _peer(self, name: str, *args) -> Tool:
        return Tool(name, "peer", [self.python, self.peers, *map(str, args)], in_process=True,
                    parse=json_key("result"))

    # Log replay -----------------------------------------------------------------------------------------
    def replay(self, commits: int, checkpoint: bool, label: str) -> Workload:
        path, s = self.inputs.log(commits, checkpoint)
        if checkpoint:
            floor = Tool("cat checkpoint (floor)", "floor", f"xargs -a '{path}/checkpoint.list' cat > /dev/null")
            nbytes, what = s["checkpoint_bytes"], f"checkpoint at v{commits - 1} ({s['checkpoint_bytes']:,} B)"
        else:
            floor = Tool("cat log (floor)", "floor", f"xargs -a '{path}/commits.list' cat > /dev/null")
            nbytes, what = s["log_bytes"], f"{commits:,} JSON commits ({s['log_bytes']:,} B)"
        targets = []
        if commits == 10_000:
            targets = [Target("≥10x delta-rs, less memory (issue 3)", "ratio", 10.0, "delta-rs", memory=True)
                       if not checkpoint else
                       Target("≥3x delta-rs, less memory (issue 3)", "ratio", 3.0, "delta-rs", memory=True)]
        big = commits >= 100_000
        tools = [Tool("deltactl info --json", "deltactl", [self.bin, "info", path, "--json"],
                      parse=json_key("numFiles"))]
        if not big:
            tools.append(Tool("deltactl files", "deltactl", [self.bin, "files", path], parse=line_count))
        return Workload(
            label, "replay", "snapshot load of the latest version: log replay to the active file list",
            f"synthetic log, {commits:,} commits x 10 adds, {what}", nbytes,
            tools + [self._peer("delta-rs", "deltars-load", path), floor],
            targets, max_runs=2 if big else None, warmup=not big,
            notes=["at most 2 runs, no warm-up (each delta-rs run takes about a minute here)"] if big else [])

    def timetravel(self, commits: int) -> Workload:
        path, s = self.inputs.log(commits)
        mid = commits // 2
        return Workload(
            f"timetravel-{commits // 1000}k", "replay", f"snapshot load at the middle version {mid} (--version)",
            f"synthetic log, {commits:,} commits x 10 adds, no checkpoint", s["log_bytes"] // 2,
            [Tool("deltactl info --version", "deltactl", [self.bin, "info", path, "--version", str(mid), "--json"],
                  parse=json_key("numFiles")),
             self._peer("delta-rs", "deltars-load", path, mid),
             Tool("cat log (floor)", "floor", f"xargs -a '{path}/commits-half.list' cat > /dev/null")])

    # Checkpoint -----------------------------------------------------------------------------------------
    def checkpoint(self, commits: int) -> Workload:
        path, s = self.inputs.log(commits)

        def fresh(name: str):
            copy = self.inputs.scratch(name)

            def prepare() -> None:
                shutil.rmtree(copy, ignore_errors=True)
                subprocess.run(["cp", "-al", path, copy], check=True)
            return copy, prepare

        ours, prep_ours = fresh("checkpoint-deltactl")
        theirs, prep_theirs = fresh("checkpoint-deltars")
        return Workload(
            f"checkpoint-{commits // 1000}k", "checkpoint",
            "checkpoint creation: replay, then write the classic Parquet checkpoint and _last_checkpoint",
            f"synthetic log, {commits:,} commits x 10 adds (hard-linked fresh copy per run)", s["log_bytes"],
            [Tool("deltactl checkpoint", "deltactl", [self.bin, "checkpoint", ours], prepare=prep_ours),
             Tool("delta-rs", "peer", [self.python, self.peers, "deltars-checkpoint", theirs], prepare=prep_theirs,
                  in_process=True),
             Tool("cat log (floor)", "floor", f"xargs -a '{path}/commits.list' cat > /dev/null")],
            [Target("≥3x delta-rs create_checkpoint (issue 4)", "ratio", 3.0, "delta-rs")],
            max_runs=3, post_check=lambda: self._read_back(ours, s["adds"], "deltactl's checkpoint"))

    def _read_back(self, table: str, expected: int, what: str) -> str:
        """Untimed: delta-rs loads `table` (using its newest checkpoint) and counts the active files."""
        proc = subprocess.run([self.python, self.peers, "deltars-load", table], capture_output=True, text=True)
        got = json_key("result")(proc.stdout) if proc.returncode == 0 else None
        if got == expected:
            return f"delta-rs read {what}: {got} files, as expected"
        return f"**delta-rs read {what}: {got if got is not None else proc.stderr.strip()[-200:]} " \
               f"(expected {expected})**"

    def _duckdb_rows(self, table: str, expected: int, what: str) -> str:
        """Untimed: DuckDB's delta extension counts the rows of `table`."""
        proc = subprocess.run([self.python, self.peers, "duckdb-count", table], capture_output=True, text=True)
        got = json_key("result")(proc.stdout) if proc.returncode == 0 else None
        if got == expected:
            return f"DuckDB read {what}: {got} rows, as expected"
        return f"**DuckDB read {what}: {got if got is not None else proc.stderr.strip()[-200:]} " \
               f"(expected {expected})**"

    # CSV -> Delta ---------------------------------------------------------------------------------------
    def convert(self, rows: int, label: str) -> Workload:
        csv_path, s = self.inputs.csv(rows)
        outs = {k: self.inputs.scratch(f"convert-{k}") for k in ("deltactl", "pyarrow", "polars")}

        targets = [Target("faster than pyarrow+delta-rs, less memory (issue 5)", "ratio", 1.0,
                          "pyarrow + delta-rs", memory=True)] if rows >= 1_000_000 else []
        return Workload(
            label, "convert", "CSV to a new Delta table (parse, infer types, write Parquet, commit)",
            f"complaints CSV, {rows:,} rows, {s['bytes']:,} B", s["bytes"],
            [Tool("deltactl convert", "deltactl",
                  [self.bin, "convert", csv_path, "--to", outs["deltactl"], "--compression", "snappy", "--json"],
                  prepare=remover(outs["deltactl"]), parse=json_key("rows", "numRecords", "numRows")),
             Tool("pyarrow + delta-rs", "peer", [self.python, self.peers, "pyarrow-convert", csv_path, outs["pyarrow"]],
                  prepare=remover(outs["pyarrow"]), in_process=True, parse=json_key("result")),
             Tool("polars", "peer", [self.python, self.peers, "polars-convert", csv_path, outs["polars"]],
                  prepare=remover(outs["polars"]), in_process=True, parse=json_key("result")),
             Tool("cat csv (floor)", "floor", f"cat '{csv_path}' > /dev/null")],
            targets, max_runs=3 if rows >= 1_000_000 else None,
            notes=["all write snappy-compressed Parquet; pyarrow leaves US dates as strings, deltactl "
                            "and polars (try_parse_dates) type them"],
            post_check=lambda: self._duckdb_rows(outs["deltactl"], rows, "deltactl's table"))

    def append_small(self, rows: int = 100) -> Workload:
        csv_path, s = self.inputs.csv(rows)
        ours, theirs = self.inputs.scratch("append-deltactl"), self.inputs.scratch("append-deltars")
        for p in (ours, theirs):
            shutil.rmtree(p, ignore_errors=True)

        def ensure(table: str, create: list):
            def prepare() -> None:
                if not os.path.isdir(os.path.join(table, "_delta_log")):
                    proc = subprocess.run(create, capture_output=True, text=True)
                    if proc.returncode != 0:
                        raise RuntimeError(f"creating {table} failed: {proc.stderr.strip()[:200]}")
            return prepare
        return Workload(
            f"append-{rows}", "convert", "commit latency: append a small CSV to an existing table (one new version)",
            f"complaints CSV, {rows} rows, {s['bytes']:,} B; the table grows by one version per run", s["bytes"],
            [Tool("deltactl convert --mode append", "deltactl",
                  [self.bin, "convert", csv_path, "--to", ours, "--mode", "append", "--compression", "snappy",
                   "--json"], parse=json_key("rows"), prepare=ensure(ours, [self.bin, "convert", csv_path, "--to", ours, "--compression", "snappy"])),
             Tool("pyarrow + delta-rs append", "peer", [self.python, self.peers, "pyarrow-append", csv_path, theirs],
                  prepare=ensure(theirs, [self.python, self.peers, "pyarrow-convert", csv_path, theirs]),
                  in_process=True, parse=json_key("result"))])

    # Reads of a converted table -------------------------------------------------------------------------
    def count(self, rows: int) -> Workload:
        path, s = self.inputs.scan_table(rows)
        return Workload(
            f"count-{self._k(rows)}", "scan", "row count of the table (metadata: stats or Parquet footers)",
            f"complaints table written by pyarrow + delta-rs, {rows:,} rows, {s['files']} files", s["bytes"],
            [Tool("deltactl info --json", "deltactl", [self.bin, "info", path, "--json"],
                  parse=json_key("numRecords")),
             self._peer("DuckDB delta_scan count(*)", "duckdb-count", path),
             self._peer("delta-rs count_rows", "deltars-count", path)],
            notes=["no engine decodes pages here: deltactl sums add.stats numRecords, the others read footers"])

    def scan(self, rows: int) -> Workload:
        path, s = self.inputs.scan_table(rows)
        return Workload(
            f"scan-{self._k(rows)}", "scan", "full scan: decode every row and column, serialise as CSV",
            f"complaints table written by pyarrow + delta-rs, {rows:,} rows, {s['files']} files", s["bytes"],
            [Tool("deltactl cat --format csv", "deltactl", f"'{self.bin}' cat '{path}' --format csv > /dev/null"),
             self._peer("DuckDB COPY TO csv", "duckdb-scan-csv", path),
             self._peer("delta-rs to_table", "deltars-scan", path),
             Tool("cat data files (floor)", "floor", f"xargs -a '{path}/data.list' cat > /dev/null")],
            max_runs=3 if rows >= 1_000_000 else None,
            notes=["delta-rs only decodes into Arrow memory (no CSV text): less work than the other two"])

    def scan_own(self, rows: int) -> Workload:
        """Full scan of the table deltactl itself converted (column mapping on: `File No.` needs it)."""
        csv_path, _ = self.inputs.csv(rows)
        path = self.inputs.scratch(f"scan-own-{rows}")
        shutil.rmtree(path, ignore_errors=True)
        proc = subprocess.run([self.bin, "convert", csv_path, "--to", path, "--compression", "snappy"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"deltactl convert (set-up) failed: {proc.stderr.strip()[:300]}")
        names = sorted(os.path.join(r, n) for r, _, ns in os.walk(path) for n in ns if n.endswith(".parquet"))
        listing = path + ".list"
        with open(listing, "w") as f:
            f.writelines(n + "\n" for n in names)
        size = sum(os.path.getsize(n) for n in names)
        return Workload(
            f"scan-{self._k(rows)}-own", "scan", "full scan of deltactl's own converted table, serialised as CSV",
            f"complaints table written by deltactl convert (column mapping), {rows:,} rows, {len(names)} files",
            size,
            [Tool("deltactl cat --format csv", "deltactl", f"'{self.bin}' cat '{path}' --format csv > /dev/null"),
             self._peer("DuckDB COPY TO csv", "duckdb-scan-csv", path),
             Tool("cat data files (floor)", "floor", f"xargs -a '{listing}' cat > /dev/null")],
            max_runs=2 if rows >= 1_000_000 else None, warmup=rows < 1_000_000,
            notes=["delta-rs 1.6.6 reads column-mapped data columns as nulls, so it is left out here"]
            + (["at most 2 runs, no warm-up (the table was just written: warm cache)"] if rows >= 1_000_000 else []))

    # Replication ----------------------------------------------------------------------------------------
    def replicate(self) -> Workload:
        src, s = self.inputs.replicate_source()
        dst = {k: self.inputs.scratch(f"replica-{k}") for k in ("deltactl", "nosync", "cp", "cpsync", "dd", "ddsync")}

        return Workload(
            "replicate-full", "replicate", "full replica of a table into an empty folder",
            f"delta-rs table, {s['files']} files, {s['bytes']:,} B, 300 commits + checkpoint", s["bytes"],
            [Tool("deltactl replicate", "deltactl", [self.bin, "replicate", src, dst["deltactl"]],
                  prepare=remover(dst["deltactl"])),
             Tool("deltactl replicate --no-sync", "deltactl", [self.bin, "replicate", src, dst["nosync"], "--no-sync"],
                  prepare=remover(dst["nosync"])),
             Tool("cp -r", "floor", f"cp -r '{src}' '{dst['cp']}'", prepare=remover(dst["cp"])),
             Tool("cp -r + fsync", "floor", f"cp -r '{src}' '{dst['cpsync']}' && find '{dst['cpsync']}' -type f "
                  f"-exec sync --data {{}} +", prepare=remover(dst["cpsync"])),
             Tool("dd one blob", "floor", f"dd if='{src}.blob' of='{dst['dd']}.blob' bs=4M status=none",
                  prepare=remover(dst["dd"])),
             Tool("dd one blob + fsync", "floor",
                  f"dd if='{src}.blob' of='{dst['ddsync']}.blob' bs=4M conv=fsync status=none",
                  prepare=remover(dst["ddsync"]))],
            [Target("≥0.8 of cp -r speed (issue 6)", "ratio", 0.8, "cp -r"),
             Target("≥0.8 of cp -r speed, --no-sync (like for like: no flush)", "ratio", 0.8, "cp -r",
                    tool="deltactl replicate --no-sync"),
             Target("faster than cp -r + fsync (durable, like for like)", "ratio", 1.0, "cp -r + fsync")],
            post_check=lambda: self._read_back(dst["deltactl"], self._files_of(src), "the replica"),
            notes=["warm page cache; cp -r does not fsync: the +fsync rows show the durable cost; "
                   "--no-sync skips every flush (ordered publish only), the like-for-like peer of cp -r"])

    def _replica(self) -> tuple[str, str, dict]:
        src, s = self.inputs.replicate_source()
        done = self.inputs.scratch("replica-done")
        shutil.rmtree(done, ignore_errors=True)
        proc = subprocess.run([self.bin, "replicate", src, done], capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"deltactl replicate (setup) failed: {proc.stderr.strip()[:300]}")
        return src, done, s

    def replicate_noop(self) -> Workload:
        src, done, s = self._replica()
        return Workload(
            "replicate-noop", "replicate", "incremental re-run onto a complete replica (nothing to copy)",
            f"the replicate-full table ({s['files']} files) and its complete replica", s["bytes"],
            [Tool("deltactl replicate (no-op)", "deltactl", [self.bin, "replicate", src, done]),
             Tool("find -printf size (floor)", "floor", f"find '{src}' '{done}' -type f -printf '%s\\n' > /dev/null")],
            [Target("well under 1 s (issue 6)", "seconds", 1.0)])

    def verify(self) -> Workload:
        src, done, s = self._replica()
        return Workload(
            "verify", "replicate", "verify a replica: log bytes, sizes and checksums of every referenced file",
            f"the replicate-full table ({s['files']} files) and its complete replica", 2 * s["bytes"],
            [Tool("deltactl verify", "deltactl", [self.bin, "verify", src, done]),
             Tool("sha256sum both trees (floor)", "floor",
                  f"find '{src}' '{done}' -type f -print0 | xargs -0 sha256sum > /dev/null")])

    def _files_of(self, table: str) -> int:
        proc = subprocess.run([self.python, self.peers, "deltars-load", table], capture_output=True, text=True)
        return json_key("result")(proc.stdout) if proc.returncode == 0 else -1

    @staticmethod
    def _k(rows: int) -> str:
        return f"{rows // 1_000_000}m" if rows >= 1_000_000 else f"{rows // 1000}k"


def registry(suite: Suite) -> list:
    """(name, in quick subset, factory) for every workload, in run order."""
    return [
        ("replay-1k", True, lambda: suite.replay(1_000, False, "replay-1k")),
        ("replay-1k-cp", True, lambda: suite.replay(1_000, True, "replay-1k-cp")),
        ("replay-10k", True, lambda: suite.replay(10_000, False, "replay-10k")),
        ("replay-10k-cp", True, lambda: suite.replay(10_000, True, "replay-10k-cp")),
        ("replay-100k", False, lambda: suite.replay(100_000, False, "replay-100k")),
        ("timetravel-10k", True, lambda: suite.timetravel(10_000)),
        ("checkpoint-10k", True, lambda: suite.checkpoint(10_000)),
        ("convert-100k", True, lambda: suite.convert(100_000, "convert-100k")),
        ("convert-1m", False, lambda: suite.convert(1_000_000, "convert-1m")),
        ("append-100", True, suite.append_small),
        ("count-100k", True, lambda: suite.count(100_000)),
        ("scan-100k", True, lambda: suite.scan(100_000)),
        ("scan-100k-own", True, lambda: suite.scan_own(100_000)),
        ("count-1m", False, lambda: suite.count(1_000_000)),
        ("scan-1m", False, lambda: suite.scan(1_000_000)),
        ("scan-1m-own", False, lambda: suite.scan_own(1_000_000)),
        ("replicate-full", True, suite.replicate),
        ("replicate-noop", True, suite.replicate_noop),
        ("verify", True, suite.verify),
    ]
