"""Writes the report: results/latest.json (everything) and results/latest.md (tables)."""
import json
import os


def _fmt_s(x) -> str:
    if x is None:
        return "—"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def _fmt(x, spec: str) -> str:
    return "—" if x is None else format(x, spec)


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        "# deltactl benchmark report", "",
        f"- when: {report['started']} → {report['finished']} (UTC); command: `{report['command']}`",
        f"- machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['mem_gb']:.0f} GB RAM, {m['os']}; "
        f"load average at start {m['load_start']}, at end {m['load_end']} (shared machine: expect ±30% noise)",
        f"- deltactl {report['deltactl']['version']} (commit {report['deltactl']['commit']}, {report['deltactl']['build']} build); "
        f"peers: {', '.join(f'{k} {v}' for k, v in report['peers'].items())}",
        f"- runs per tool: {report['runs']} timed (+1 warm-up; fewer where the runs column says so), tools "
        "alternating; warm page cache",
        "- time = median; for Python peers it is the in-process operation time (interpreter start and imports "
        "excluded, which favours the peer), for deltactl and floors the whole process. "
        "ratio = tool time / deltactl time (>1: deltactl is faster). RSS = peak resident set of the process.",
        "", "## Targets", "", "| workload | target | measured | met |", "|---|---|---|---|",
    ]
    for w in report["workloads"]:
        for t in w["targets"]:
            lines.append(f"| {w['workload']} | {t['target']} | {t['measured']} | {'yes' if t['met'] else '**no**'} |")
    lines += ["", "## Results", "",
              "| workload | tool | median | min | max | runs | peak RSS | MB/s | ratio |", "|---|---|---|---|---|---|---|---|---|"]
    for w in report["workloads"]:
        for t in w["tools"]:
            if t.get("error") or t.get("median_s") is None:
                lines.append(f"| {w['workload']} | {t['tool']} | failed: {t.get('error') or 'no runs'} | | | | | | |")
                continue
            lines.append(
                f"| {w['workload']} | {t['tool']} | {_fmt_s(t['median_s'])} | {_fmt_s(t['min_s'])} | "
                f"{_fmt_s(t['max_s'])} | {t['runs']} | {t['peak_rss_mb']:.0f} MB | {_fmt(t['throughput_mb_s'], '.0f')} | "
                f"{_fmt(t.get('ratio'), '.2f')} |")
    lines += ["", "## Scaling of log replay (no checkpoint)", "",
              "| commits | deltactl info | µs/commit | delta-rs | µs/commit | ratio |", "|---|---|---|---|---|---|"]
    for w in report["workloads"]:
        if w["group"] == "replay" and w["workload"].startswith("replay-") and not w["workload"].endswith("-cp"):
            commits = {"1k": 1_000, "10k": 10_000, "100k": 100_000}.get(w["workload"].split("-")[1])
            ours = next((t for t in w["tools"] if t["role"] == "deltactl" and t.get("median_s")), None)
            peer = next((t for t in w["tools"] if t["tool"] == "delta-rs" and t.get("median_s")), None)
            if commits:
                lines.append(
                    f"| {commits:,} | {_fmt_s(ours and ours['median_s'])} | "
                    f"{_fmt(ours and ours['median_s'] * 1e6 / commits, '.0f')} | {_fmt_s(peer and peer['median_s'])} | "
                    f"{_fmt(peer and peer['median_s'] * 1e6 / commits, '.0f')} | "
                    f"{_fmt(peer and ours and peer['median_s'] / ours['median_s'], '.1f')} |")
    lines += ["", "## Workloads", ""]
    for w in report["workloads"]:
        agree = {True: "answers agree", False: "**answers differ**", None: ""}[w["results_agree"]]
        if w.get("answers_missing"):
            agree += f" (no answer parsed from: {', '.join(w['answers_missing'])})"
        answers = ", ".join(f"{t['tool']}={t['result']}" for t in w["tools"] if t.get("result") is not None)
        parts = [f"{w['measures']}", f"input: {w['input']}"]
        if agree.strip():
            parts.append(agree.strip() + (f" ({answers})" if answers else ""))
        parts += w["notes"]
        lines.append(f"- **{w['workload']}**: " + "; ".join(parts))
    if report.get("micro"):
        lines += ["", "## Micro-benchmarks (hot paths, release build, in-process)", "",
                  "| benchmark | MB/s (median) | median | bytes/iteration |", "|---|---|---|---|"]
        for b in report["micro"]:
            lines.append(f"| {b['name']} | {b['mb_s']:.0f} | {_fmt_s(b['median_s'])} | {b['bytes']:,} |")
    if report.get("micro_error"):
        lines += ["", f"Micro-benchmarks: {report['micro_error']}"]
    return "\n".join(lines) + "\n"


README_START, README_END = "<!-- results:start -->", "<!-- results:end -->"


def update_readme(report: dict, readme: str) -> bool:
    """Replaces the README section between the results markers with this report's summary; False if absent."""
    with open(readme) as f:
        text = f.read()
    if README_START not in text or README_END not in text:
        return False
    md = markdown(report)
    body = md.split("\n## Workloads\n", 1)[0].split("\n", 2)[2].replace("\n## ", "\n### ")
    head, rest = text.split(README_START, 1)
    tail = rest.split(README_END, 1)[1]
    with open(readme, "w") as f:
        f.write(f"{head}{README_START}\n{body.strip()}\n\nEvery workload, its input and the answers compared: "
                f"[results/latest.md](results/latest.md).\n{README_END}{tail}")
    return True


def write(report: dict, out_dir: str) -> tuple[str, str]:
    os.makedirs(out_dir, exist_ok=True)
    js, md = os.path.join(out_dir, "latest.json"), os.path.join(out_dir, "latest.md")
    with open(js, "w") as f:
        json.dump(report, f, indent=1, default=str)
    with open(md, "w") as f:
        f.write(markdown(report))
    return js, md
