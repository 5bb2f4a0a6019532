#!/usr/bin/env python3
"""deltactl benchmark driver: generates the workloads, runs deltactl and its peers alternately, writes the report.

Normally started by Benchmarks/run.sh (which builds deltactl in release mode and prepares the peers' venv).
Usage: driver.py --deltactl BIN --python VENV_PYTHON [--quick] [--only W[,W...]] [--runs N] [--list]
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from benchlib import report as report_mod  # noqa: E402
from benchlib.data import Inputs  # noqa: E402
from benchlib.runner import run_workload  # noqa: E402
from benchlib.workloads import Suite, registry  # noqa: E402


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def _machine() -> dict:
    def read(path: str) -> str:
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ""
    model = next((x.split(":", 1)[1].strip() for x in read("/proc/cpuinfo").splitlines()
                  if x.startswith("model name")), platform.processor() or "unknown")
    mem = next((int(x.split()[1]) / 1024 / 1024 for x in read("/proc/meminfo").splitlines()
                if x.startswith("MemTotal")), 0.0)
    pretty = next((x.split("=", 1)[1].strip('"') for x in read("/etc/os-release").splitlines()
                   if x.startswith("PRETTY_NAME")), platform.system())
    return {"cpus": os.cpu_count(), "cpu_model": model, "mem_gb": mem, "os": f"{pretty}, Linux {platform.release()}",
            "load_start": " ".join(read("/proc/loadavg").split()[:3])}


def _peer_versions(python: str) -> dict:
    code = ("import importlib.metadata as m, json; print(json.dumps({k: m.version(k) for k in "
            "['deltalake', 'pyarrow', 'polars', 'duckdb', 'duckdb-extension-delta']}))")
    try:
        return json.loads(subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout)
    except (subprocess.CalledProcessError, ValueError) as e:
        return {"error": str(e)}


def _deltactl_info(binary: str) -> dict:
    root = os.path.dirname(HERE)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip() or "?"
    commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    build = "release" if "/release/" in binary else "debug" if "/debug/" in binary else "unknown"
    return {"version": version, "commit": commit + ("+dirty" if dirty else ""), "path": binary, "build": build}


def _micro(binary: str, quick: bool) -> tuple[list, str | None]:
    if not binary or not os.access(binary, os.X_OK):
        return [], "not built (run.sh builds Benchmarks/Micro)"
    proc = subprocess.run([binary] + (["--quick"] if quick else []), capture_output=True, text=True)
    rows = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]
    return rows, None if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"


def main() -> int:
    ap = argparse.ArgumentParser(description="deltactl benchmark driver")
    ap.add_argument("--deltactl", default=os.path.join(os.path.dirname(HERE), ".build", "release", "deltactl"))
    ap.add_argument("--python", default=sys.executable, help="the venv Python that has the peers")
    ap.add_argument("--micro", default=None, help="the micro-benchmark executable (Benchmarks/Micro)")
    ap.add_argument("--quick", action="store_true", help="the quick subset, 2 runs")
    ap.add_argument("--only", action="append", default=[], help="workload name(s), comma separated; 'micro'")
    ap.add_argument("--runs", type=int, default=None, help="timed runs per tool (default 5, quick 2)")
    ap.add_argument("--work", default=os.path.join(HERE, "results", "work"), help="scratch folder (inputs)")
    ap.add_argument("--out", default=os.path.join(HERE, "results"), help="report folder")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds before one run is killed")
    ap.add_argument("--list", action="store_true", help="list the workloads and exit")
    ap.add_argument("--generate-only", action="store_true", help="generate (cache) the inputs, run nothing")
    ap.add_argument("--command", default=None, help="the command line to print in the report")
    ap.add_argument("--update-readme", action="store_true", help="copy the summary into Benchmarks/README.md")
    a = ap.parse_args()

    suite = Suite(os.path.abspath(a.deltactl), a.python, Inputs(os.path.abspath(a.work), a.python, HERE))
    entries = registry(suite)
    if a.list:
        for name, quick, _ in entries:
            print(f"{name}{'  (quick)' if quick else ''}")
        print("micro  (quick)")
        return 0
    only = {x.strip() for item in a.only for x in item.split(",") if x.strip()}
    unknown = only - {n for n, _, _ in entries} - {"micro"}
    if unknown:
        print(f"unknown workload(s): {', '.join(sorted(unknown))} (see --list)", file=sys.stderr)
        return 2
    chosen = [(n, f) for n, q, f in entries if (n in only if only else (q or not a.quick))]
    runs = a.runs or (2 if a.quick else 5)

    report = {"started": _now(), "command": a.command or " ".join(sys.argv), "runs": runs,
              "machine": _machine(), "deltactl": _deltactl_info(suite.bin), "peers": _peer_versions(a.python),
              "workloads": []}
    if a.generate_only:
        for name, factory in chosen:
            try:
                factory()
                print(f"{name}: input ready", file=sys.stderr)
            except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
                print(f"{name}: {e}", file=sys.stderr)
        return 0
    for name, factory in chosen:
        print(f"== {name}", file=sys.stderr, flush=True)
        try:
            workload = factory()
        except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
            print(f"    skipped: {e}", file=sys.stderr, flush=True)
            report["workloads"].append({"workload": name, "group": "?", "measures": "set-up failed",
                                        "input": str(e)[:300], "input_bytes": 0, "tools": [], "notes": [],
                                        "results_agree": None, "targets": []})
            continue
        report["workloads"].append(run_workload(workload, runs, suite.inputs.work, a.timeout))
    if not only or "micro" in only:
        print("== micro", file=sys.stderr, flush=True)
        report["micro"], report["micro_error"] = _micro(a.micro, a.quick)
    report["finished"] = _now()
    report["machine"]["load_end"] = " ".join(open("/proc/loadavg").read().split()[:3])
    js, md = report_mod.write(report, a.out)
    print(open(md).read())
    print(f"report: {md} and {js}", file=sys.stderr)
    if a.update_readme:
        done = report_mod.update_readme(report, os.path.join(HERE, "README.md"))
        print("README.md results updated" if done else "README.md has no results markers", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
