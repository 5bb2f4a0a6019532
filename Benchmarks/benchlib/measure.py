"""Runs one command as a child process and measures it: wall time, peak RSS, exit status.

A command is either an argv list or a shell string (run with /bin/sh -c, for the physical floors such as
`cat` or `cp -r`); for a shell, the peak RSS is the largest among the shell and the children it waited for.

Peak RSS comes from GNU time (`/usr/bin/time -f %M`, i.e. the child's getrusage ru_maxrss). The driver does
not read ru_maxrss itself: Linux carries the spawning process's memory high-water mark into a child's
ru_maxrss at exec (even with vfork/posix_spawn), so a Python driver would add its own ~12 MB or more to
every measurement, while GNU time is a small process. Without GNU time, wait4 is used and says so.
"""
import dataclasses
import os
import signal
import threading
import time


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
"""GNU time, the peak-RSS probe (None: fall back to wait4, which includes the driver's high-water mark)."""


@dataclasses.dataclass
class Sample:
    """One measured run."""
    seconds: float
    peak_rss_kb: int
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False


def run(command, cwd: str, env: dict | None = None, timeout: float = 900.0) -> Sample:
    """Runs command to completion (killing its process group after timeout seconds) and measures it.

    The child is started with posix_spawn (vfork semantics), not fork: a forked child would inherit the
    driver's memory high-water mark into its own ru_maxrss. A shell command runs as `cd CWD && COMMAND`;
    an argv command must not depend on its working directory (it runs in CWD only when it is a shell).
    """
    argv = ["/bin/sh", "-c", f"cd '{cwd}' && {command}"] if isinstance(command, str) else list(command)
    rss_path = os.path.join(cwd, f".bench-rss-{os.getpid()}")
    if GNU_TIME:
        argv = [GNU_TIME, "-f", "%M", "-o", rss_path, "--"] + argv
    out_path = os.path.join(cwd, f".bench-stdout-{os.getpid()}")
    err_path = os.path.join(cwd, f".bench-stderr-{os.getpid()}")
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    timed_out = threading.Event()
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, dict(os.environ if env is None else env),
                          file_actions=actions, setsid=True)

    def _kill() -> None:
        timed_out.set()
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, _kill)
    timer.start()
    try:
        _, status, usage = os.wait4(pid, 0)
    finally:
        timer.cancel()
    seconds = time.perf_counter() - start
    with open(out_path, "rb") as f:
        stdout = f.read().decode("utf-8", "replace")
    with open(err_path, "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    os.unlink(out_path)
    os.unlink(err_path)
    peak = int(usage.ru_maxrss)
    if GNU_TIME and os.path.exists(rss_path):
        with open(rss_path) as f:
            lines = [x for x in f.read().split() if x.isdigit()]
        os.unlink(rss_path)
        peak = int(lines[-1]) if lines else peak
    return Sample(seconds, peak, os.waitstatus_to_exitcode(status), stdout, stderr,
                  timed_out.is_set())
