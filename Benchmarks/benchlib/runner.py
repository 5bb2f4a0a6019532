"""Runs a workload's tools alternately and condenses the samples into per-tool statistics and targets."""
import json
import statistics
import sys

from . import measure
from .model import Workload


def _op_seconds(stdout: str):
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{") and "op_seconds" in line:
            try:
                return float(json.loads(line)["op_seconds"])
            except (ValueError, KeyError, TypeError):
                return None
    return None


def _run_tool(tool, cwd: str, timeout: float):
    if tool.prepare:
        try:
            tool.prepare()
        except (RuntimeError, OSError) as e:
            return measure.Sample(0.0, 0, 1, "", f"untimed set-up failed: {e}")
    return measure.run(tool.command, cwd, timeout=timeout)


def run_workload(w: Workload, runs: int, cwd: str, timeout: float) -> dict:
    """One untimed warm-up per tool (unless w.warmup is off), then `runs` rounds, each running every tool once
    (rotating the order). A tool that fails is dropped from the later rounds."""
    runs = min(runs, w.max_runs or runs)
    samples = {t.name: [] for t in w.tools}
    failed = {}
    for tool in w.tools if w.warmup else []:
        s = _run_tool(tool, cwd, timeout)
        if s.returncode != 0:
            failed[tool.name] = _failure(s)
            print(f"    {tool.name}: FAILED ({failed[tool.name]})", file=sys.stderr, flush=True)
    live = [t for t in w.tools if t.name not in failed]
    for r in range(runs):
        for tool in live[r % len(live):] + live[: r % len(live)] if live else []:
            if tool.name in failed:
                continue
            s = _run_tool(tool, cwd, timeout)
            if s.returncode != 0:
                failed[tool.name] = _failure(s)
                print(f"    {tool.name}: FAILED ({failed[tool.name]})", file=sys.stderr, flush=True)
            samples[tool.name].append(s)
        print(f"    round {r + 1}/{runs} done", file=sys.stderr, flush=True)
    if w.post_check and any(t.role == "deltactl" and t.name not in failed for t in w.tools):
        try:
            w.notes.append(w.post_check())
        except (RuntimeError, OSError, ValueError) as e:
            w.notes.append(f"check failed: {e}")
    return summarise(w, samples, failed)


def _failure(s) -> str:
    if s.timed_out:
        return "timed out"
    text = [x for x in (s.stderr.strip() or s.stdout.strip()).splitlines() if x.strip()]
    return f"exit {s.returncode}: " + (text[0].strip()[:200] if text else "no output")


def summarise(w: Workload, samples: dict, failed: dict) -> dict:
    tools = []
    for tool in w.tools:
        ok = [s for s in samples[tool.name] if s.returncode == 0]
        entry = {"tool": tool.name, "role": tool.role, "runs": len(ok), "error": failed.get(tool.name)}
        if ok and tool.name not in failed:
            walls = [s.seconds for s in ok]
            ops = [_op_seconds(s.stdout) for s in ok] if tool.in_process else []
            ops = [x for x in ops if x is not None]
            timed = ops if ops else walls
            entry.update({
                "median_s": statistics.median(timed), "min_s": min(timed), "max_s": max(timed),
                "process_median_s": statistics.median(walls),
                "timing": "in-process op (excludes interpreter start and imports)" if ops else "process wall",
                "peak_rss_mb": max(s.peak_rss_kb for s in ok) / 1024.0,
                "throughput_mb_s": (w.input_bytes / 1e6) / statistics.median(timed) if w.input_bytes else None,
                "result": tool.parse(ok[-1].stdout) if tool.parse else None,
            })
        tools.append(entry)
    ref = next((t for t in tools if t["role"] == "deltactl" and t.get("median_s")), None)
    for t in tools:
        if ref and t.get("median_s"):
            t["ratio"] = t["median_s"] / ref["median_s"]
    results = [t["result"] for t in tools if t.get("result") is not None]
    parsers = {t.name for t in w.tools if t.parse}
    missing = [t["tool"] for t in tools if t["tool"] in parsers and t.get("median_s") and t.get("result") is None]
    return {
        "workload": w.name, "group": w.group, "measures": w.measures, "input": w.input_desc,
        "input_bytes": w.input_bytes, "tools": tools, "notes": w.notes,
        "results_agree": (len(set(map(str, results))) == 1) if len(results) > 1 else None,
        "answers_missing": missing,
        "targets": [_target(tg, ref, tools) for tg in w.targets],
    }


def _target(tg, ref, tools) -> dict:
    out = {"target": tg.text, "met": False, "measured": None}
    if tg.tool is not None:
        ref = next((t for t in tools if t["tool"] == tg.tool and t.get("median_s")), None)
    if ref is None:
        out["measured"] = "deltactl did not run"
        return out
    if tg.kind == "seconds":
        out["measured"] = f"{ref['median_s']:.3f} s"
        out["met"] = ref["median_s"] < tg.value
        return out
    peer = next((t for t in tools if t["tool"] == tg.peer and t.get("median_s")), None)
    if peer is None:
        out["measured"] = f"{tg.peer} did not run"
        return out
    ratio = peer["median_s"] / ref["median_s"]
    out["measured"] = f"{ratio:.2f}x"
    out["met"] = ratio >= tg.value
    if tg.memory:
        out["measured"] += f", RSS {ref['peak_rss_mb']:.0f} vs {peer['peak_rss_mb']:.0f} MB"
        out["met"] = out["met"] and ref["peak_rss_mb"] < peer["peak_rss_mb"]
    return out
