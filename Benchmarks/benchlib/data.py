"""Workload inputs, generated once by the seeded generators and cached under the work folder.

Each input lives in its own folder with a `.done` marker holding the generator's parameters and summary; a
folder without a matching marker is deleted and regenerated, so an interrupted generation never leaves a
half-written input behind. Generators run in a child process of the benchmark venv's Python.
"""
import json
import os
import shutil
import subprocess
import sys

GENERATOR_VERSION = 1
"""Bump when a generator's output changes, so cached inputs are rebuilt."""


class Inputs:
    """Paths of the cached workload inputs under `work` (created on demand)."""

    def __init__(self, work: str, python: str, bench_dir: str):
        self.work, self.python, self.bench_dir = work, python, bench_dir
        os.makedirs(work, exist_ok=True)

    def _cached(self, name: str, params: dict, build) -> tuple[str, dict]:
        path = os.path.join(self.work, name)
        marker = path + ".done"
        want = {"generator": GENERATOR_VERSION, **params}
        if os.path.exists(marker):
            with open(marker) as f:
                done = json.load(f)
            if done.get("params") == want:
                return path, done["summary"]
        for stale in (path, path + ".blob", marker):
            if os.path.isdir(stale):
                shutil.rmtree(stale)
            elif os.path.exists(stale):
                os.unlink(stale)
        print(f"  generating {name} {params} ...", file=sys.stderr, flush=True)
        summary = build(path)
        with open(marker, "w") as f:
            json.dump({"params": want, "summary": summary}, f)
        return path, summary

    def _gen(self, module: str, *args) -> dict:
        out = subprocess.run([self.python, "-m", f"benchlib.{module}", *map(str, args)], cwd=self.bench_dir,
                             check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    def _file_list(self, table: str, names: list[str], list_name: str) -> str:
        """Writes absolute paths, one per line, for `xargs -a LIST cat` floors."""
        path = os.path.join(table, list_name)
        with open(path, "w") as f:
            f.writelines(os.path.join(table, n) + "\n" for n in names)
        return path

    def log(self, commits: int, checkpoint: bool = False) -> tuple[str, dict]:
        """A synthetic log of `commits` x 10 adds; with checkpoint, a delta-rs checkpoint at the last version."""
        base = f"log-{commits}"

        def build_plain(path: str) -> dict:
            summary = self._gen("gen_log", path, "--commits", commits, "--adds", 10, "--seed", 42)
            names = [f"_delta_log/{v:020d}.json" for v in range(commits)]
            self._file_list(path, names, "commits.list")
            self._file_list(path, names[: commits // 2 + 1], "commits-half.list")
            return summary

        plain, summary = self._cached(base, {"commits": commits, "adds": 10, "seed": 42}, build_plain)
        if not checkpoint:
            return plain, summary

        def build_cp(path: str) -> dict:
            subprocess.run(["cp", "-al", plain, path], check=True)
            subprocess.run([self.python, os.path.join(self.bench_dir, "benchlib", "peers.py"),
                            "deltars-checkpoint", path], check=True, capture_output=True)
            cps = [n for n in os.listdir(os.path.join(path, "_delta_log")) if ".checkpoint." in n]
            self._file_list(path, ["_delta_log/" + n for n in cps], "checkpoint.list")
            size = sum(os.path.getsize(os.path.join(path, "_delta_log", n)) for n in cps)
            return {**summary, "checkpoint_files": cps, "checkpoint_bytes": size}

        return self._cached(base + "-cp", {"commits": commits, "from": base}, build_cp)

    def csv(self, rows: int) -> tuple[str, dict]:
        """A complaints CSV of `rows` rows (seed 7)."""
        def build(path: str) -> dict:
            os.makedirs(path)
            return self._gen("gen_complaints", os.path.join(path, "complaints.csv"), "--rows", rows, "--seed", 7)
        folder, summary = self._cached(f"csv-{rows}", {"rows": rows, "seed": 7}, build)
        return os.path.join(folder, "complaints.csv"), summary

    def scan_table(self, rows: int) -> tuple[str, dict]:
        """The complaints CSV converted by pyarrow + delta-rs: a table every reader reads (no column mapping)."""
        csv_path, _ = self.csv(rows)

        def build(path: str) -> dict:
            subprocess.run([self.python, os.path.join(self.bench_dir, "benchlib", "peers.py"),
                            "pyarrow-convert", csv_path, path], check=True, capture_output=True)
            names = sorted(os.path.relpath(os.path.join(r, n), path)
                           for r, _, ns in os.walk(path) for n in ns if n.endswith(".parquet"))
            self._file_list(path, names, "data.list")
            return {"rows": rows, "files": len(names),
                    "bytes": sum(os.path.getsize(os.path.join(path, n)) for n in names)}

        return self._cached(f"scan-{rows}", {"rows": rows, "from": f"csv-{rows}"}, build)

    def replicate_source(self) -> tuple[str, dict]:
        """About 100 MB in 300 data files and 300 commits plus a checkpoint, written by delta-rs."""
        def build(path: str) -> dict:
            return self._gen("gen_table", path, "--files", 300, "--rows", 10000, "--seed", 11)
        return self._cached("replicate-src", {"files": 300, "rows": 10000, "seed": 11}, build)

    def scratch(self, name: str) -> str:
        """A scratch path under work/runs (the caller creates or removes it)."""
        os.makedirs(os.path.join(self.work, "runs"), exist_ok=True)
        return os.path.join(self.work, "runs", name)
