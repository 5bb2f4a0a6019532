"""The benchmark model: a workload is a set of tools timed alternately on one input, with targets."""
import dataclasses
import json
from typing import Any, Callable, Optional


@dataclasses.dataclass
class Tool:
    """One contender in a workload.

    role: "deltactl" (the subject; the first one is the reference of the ratios), "peer" (another engine),
    or "floor" (a physical limit such as `cat` or `cp -r`). command: argv list or shell string.
    prepare: untimed set-up before every run (e.g. remove the previous output). parse: turns stdout into a
    comparable answer (file or row count) or None. in_process: the command prints {"op_seconds": ...}.
    """
    name: str
    role: str
    command: Any
    prepare: Optional[Callable[[], None]] = None
    parse: Optional[Callable[[str], Any]] = None
    in_process: bool = False


@dataclasses.dataclass
class Target:
    """A speed target from an issue.

    kind "ratio": the peer's time over deltactl's must be at least `value` (for cp -r, 0.8 means deltactl
    reaches 80% of cp's speed). kind "seconds": deltactl's median must be below `value`.
    memory: deltactl's peak RSS must also be below the peer's. tool: the deltactl row the target is about (the
    first deltactl row when None).
    """
    text: str
    kind: str
    value: float
    peer: Optional[str] = None
    memory: bool = False
    tool: Optional[str] = None


@dataclasses.dataclass
class Workload:
    """A named measurement: its input, what it measures, its tools and its targets."""
    name: str
    group: str
    measures: str
    input_desc: str
    input_bytes: int
    tools: list
    targets: list = dataclasses.field(default_factory=list)
    max_runs: Optional[int] = None
    warmup: bool = True
    """One untimed run per tool first (off for the largest inputs, whose runs take tens of seconds)."""
    notes: list = dataclasses.field(default_factory=list)
    post_check: Optional[Callable[[], str]] = None
    """Untimed check after the runs (e.g. a peer reads deltactl's output); its text joins the notes."""


def json_key(*keys: str) -> Callable[[str], Any]:
    """A parser that returns the first of `keys` found in a JSON object printed on stdout (or None)."""
    def parse(stdout: str) -> Any:
        text = stdout.strip()
        try:
            obj = json.loads(text)
        except ValueError:
            lines = [x for x in text.splitlines() if x.startswith("{")]
            try:
                obj = json.loads(lines[-1]) if lines else None
            except ValueError:
                obj = None
        if not isinstance(obj, dict):
            return None
        for key in keys:
            node = obj
            for part in key.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if node is not None:
                return node
        return None
    return parse


def line_count(stdout: str) -> int:
    """The number of non-empty lines printed."""
    return sum(1 for x in stdout.splitlines() if x.strip())
