"""Benchmark of the live database commands, as whole `codegen` processes, against budgets:

  verify-cold   `codegen verify` on the seed project with an empty cache (initdb included)
  verify-warm   the same again: the cached data directory is reused
  verify-N      `codegen verify` on a synthetic project of N tables (warm)
  pull-N        `codegen pull --database-url` of that project's database

Budgets (median, seconds): verify-cold 10, verify-warm 2, verify-N and pull-N 3 for
N = 100. Exit 1 when a median is over its budget.

    python bench/live.py                # seed + 100 tables, 3 runs each
    python bench/live.py --tables 10 --runs 1 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import machine
from synth import write_project

REPO = Path(__file__).resolve().parent.parent
CODEGEN = [sys.executable, "-m", "codegen"]
BUDGETS = {"verify-cold": 10.0, "verify-warm": 2.0, "verify-N": 3.0, "pull-N": 3.0}


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(CODEGEN + args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _seed_project(root: Path) -> Path:
    project = root / "seed"
    shutil.copytree(REPO / "schema", project / "schema")
    shutil.copytree(REPO / "generated", project / "generated")
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    return project


def measure(tables: int, runs: int) -> dict[str, list[float]]:
    root = Path(tempfile.mkdtemp(prefix="codegen-bench-live-"))
    base = {k: v for k, v in os.environ.items()
            if k not in ("CODEGEN_SERVER_URL", "CODEGEN_DATABASE_URL")}
    base["PYTHONPATH"] = str(REPO)
    try:
        seed = _seed_project(root)
        cold = []
        for i in range(runs):
            env = {**base, "CODEGEN_CACHE_DIR": str(root / f"cache-cold-{i}")}
            cold.append(_run(["verify"], seed, env))
        env = {**base, "CODEGEN_CACHE_DIR": str(root / "cache-cold-0")}
        warm = [_run(["verify"], seed, env) for _ in range(runs)]
        project = root / f"tables-{tables}"
        write_project(project, tables)
        _run(["generate"], project, env)
        verify_n = [_run(["verify"], project, env) for _ in range(runs)]
        pull_n = _pull_times(project, env, runs)
        return {"verify-cold": cold, "verify-warm": warm, "verify-N": verify_n, "pull-N": pull_n}
    finally:
        subprocess.run(["rm", "-rf", str(root)], check=False)


def _pull_times(project: Path, env: dict[str, str], runs: int) -> list[float]:
    """Pull a database holding the project's migrations, on the cached server kept running."""
    sys.path.insert(0, str(REPO))
    os.environ["CODEGEN_CACHE_DIR"] = env["CODEGEN_CACHE_DIR"]
    from codegen.live.apply import apply_migration
    from codegen.live.connection import connect
    from codegen.live.server import scratch_server

    times = []
    with scratch_server() as server, server.database() as url:
        with connect(url) as conn:
            for sql in sorted((project / "generated/migrations").glob("*.sql")):
                apply_migration(conn, sql.name, sql.read_text())
        for i in range(runs):
            target = project / f"pulled-{i}"
            (target / "schema").mkdir(parents=True)
            (target / "pyproject.toml").write_text("[tool.codegen]\n")
            times.append(_run(["pull", "--database-url", url], target, env))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = measure(args.tables, args.runs)
    print(f"machine: {machine()}; {args.runs} runs each; N = {args.tables}; seconds")
    over = False
    rows = {}
    for name, times in results.items():
        median = statistics.median(times)
        budget = BUDGETS[name] if name in ("verify-cold", "verify-warm") or args.tables <= 100 \
            else None
        verdict = "" if budget is None else ("ok" if median <= budget else "OVER BUDGET")
        over |= verdict == "OVER BUDGET"
        label = name.replace("-N", f"-{args.tables}")
        print(f"{label:>12}  median {median:6.2f}  (min {min(times):.2f}, max {max(times):.2f})"
              + (f"  budget {budget:.0f}  {verdict}" if budget is not None else ""))
        rows[label] = {"median": median, "min": min(times), "max": max(times), "budget": budget}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": machine(), "runs": args.runs,
                                         "results": rows}, indent=2) + "\n")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
