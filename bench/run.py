"""Benchmark: whole `codegen` processes on synthetic specs of N tables.

For each N it measures, over repeated runs (median and min-max, wall clock):
  generate   cold `codegen generate --no-cache` in a project with no outputs yet
  check      `codegen check` on an up-to-date tree, fresh process (what CI runs)
  check-full `codegen check --no-cache` (regenerates everything in memory)
  one-change `codegen generate --name ...` after one table's comment changed
  watch      with `codegen generate --watch` running: from saving a one-table edit to
             the watcher's report that it regenerated (the edit loop, no start-up cost)
and the peak resident memory of the slowest process (ru_maxrss of the child).
The package is byte-compiled first, as an installed one is (PYTHONDONTWRITEBYTECODE
would otherwise make every process compile it again).

    python bench/run.py                 # N = 10, 100, 1000
    python bench/run.py --sizes 3000 --runs 1 --json bench/results/3000.json

With --peer drizzle it times instead the one-table change against drizzle-kit's, run by run
in the same process tree, and exits 1 when codegen is over issue 16's budget or slower
(peer.py says how; N = 50, 200, 1000 unless --sizes):

    python bench/run.py --peer drizzle --runs 5 --json bench/results/peer.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from synth import spec_text, write_project

CODEGEN = [sys.executable, "-m", "codegen"]
REPO = Path(__file__).resolve().parent.parent
WATCH_TIMEOUT = 120.0  # seconds; only stops a hung benchmark


def _run(args: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(CODEGEN + args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    # ru_maxrss of children is the maximum over all children so far: run the biggest last.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def _stats(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def measure(n: int, runs: int, functions: bool = False) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix=f"codegen-bench-{n}-"))
    try:
        write_project(root, n, functions)
        generate, peak = [], 0
        for _ in range(runs):
            shutil.rmtree(root / "generated", ignore_errors=True)
            seconds, rss = _run(["generate", "--no-cache"], root)
            generate.append(seconds)
            peak = max(peak, rss)
        check = [_run(["check"], root)[0] for _ in range(runs)]
        check_full = [_run(["check", "--no-cache"], root)[0] for _ in range(runs)]
        one_change = []
        for i in range(runs):
            (root / "schema" / "bench.yaml").write_text(spec_text(n, i + 1, functions))
            one_change.append(_run(["generate", "--name", f"edit_{i + 1}"], root)[0])
        return {
            "tables": n,
            "functions": functions,
            "generate": _stats(generate),
            "check": _stats(check),
            "check_full": _stats(check_full),
            "one_change": _stats(one_change),
            "watch": _stats(watch_latency(root, n, runs, runs + 1, functions)),
            "peak_rss_mb": round(peak / 1024, 1),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def watch_latency(root: Path, n: int, runs: int, first_variant: int,
                  functions: bool = False) -> list[float]:
    """Seconds from saving a one-table edit to the report of the run it triggered."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    process = subprocess.Popen(CODEGEN + ["generate", "--watch"], cwd=root, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    def wait_for(text: str) -> None:
        while text not in lines.get(timeout=WATCH_TIMEOUT):
            pass

    threading.Thread(target=read, daemon=True).start()
    try:
        wait_for("watching")
        latencies = []
        for variant in range(first_variant, first_variant + runs):
            temp = root / "schema" / "bench.yaml.tmp"  # not *.yaml: the watcher ignores it
            temp.write_text(spec_text(n, variant, functions))
            start = time.perf_counter()
            os.replace(temp, root / "schema" / "bench.yaml")  # a save the watcher sees whole
            wait_for(" changed: ")
            latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        process.kill()
        process.wait()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+",
                        help="tables (default 10 100 1000; with --peer 50 200 1000)")
    parser.add_argument("--functions", action="store_true",
                        help="specs with a trigger and an RPC function per table")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--peer", choices=["drizzle"],
                        help="time the one-table change against this tool's, interleaved")
    args = parser.parse_args()
    if args.peer and args.functions:
        parser.error("--peer drizzle has no functions: drizzle cannot declare them")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "codegen")], check=True,
                   stdout=subprocess.DEVNULL)
    if args.peer:
        import peer

        sys.exit(peer.main(args.sizes or [50, 200, 1000], args.runs, args.json, machine()))
    results = [measure(n, args.runs, args.functions) for n in args.sizes or [10, 100, 1000]]
    print(f"machine: {machine()}; {args.runs} runs each; seconds as median (min-max)")
    header = f"{'tables':>7} {'generate':>20} {'check':>20} {'check --no-cache':>20} " \
             f"{'one change':>20} {'watch, one change':>20} {'peak MB':>8}"
    print(header)
    for r in results:
        cells = [f"{r[k]['median']:.3f} ({r[k]['min']:.2f}-{r[k]['max']:.2f})"  # type: ignore[index]
                 for k in ("generate", "check", "check_full", "one_change", "watch")]
        print(f"{r['tables']:>7} " + " ".join(f"{c:>20}" for c in cells) + f" {r['peak_rss_mb']:>8}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": machine(), "runs": args.runs,
                                         "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
