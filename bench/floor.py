"""The floor under issue 16's budgets: what a process pays before codegen's own code runs.

An everyday edit (`codegen generate --name x`) must load the libraries the pipeline is built
on: click (the CLI), pydantic (the spec's shape), rapidyaml (reading it with positions),
pglast (PostgreSQL's parser, checking the SQL) and sqlglot (writing it). `codegen validate`
needs all but sqlglot. This times fresh interpreters that only import them, run by run in
turn (so the machine's noise hits all alike), and prints each median beside the budget:

    python bench/floor.py [--runs 15] [--json bench/results/floor.json]

A budget below the floor cannot be met by any change to codegen's own code on this machine;
the gap between the floor and a codegen run is what codegen's code and imports cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from peer import BUDGETS
from run import machine

# What each library's use imports (`import pydantic` alone defers its models to first use).
_IMPORTS = {
    "click": "import click",
    "pydantic": "from pydantic import BaseModel",
    "ryml": "import ryml",
    "pglast": "import pglast.parser",
    "sqlglot": "import sqlglot",
}
# name -> the libraries imported (none: the interpreter alone, site and the venv included).
PROBES: dict[str, tuple[str, ...]] = {
    "interpreter": (),
    **{name: (name,) for name in _IMPORTS},
    "validate floor": ("click", "pydantic", "ryml", "pglast"),
    "edit floor": ("click", "pydantic", "ryml", "pglast", "sqlglot"),
    # pydantic checks the spec's shape by codegen's choice; the others the mission names.
    "without pydantic": ("click", "ryml", "pglast", "sqlglot"),
}
VALIDATE_BUDGET = 0.2  # seconds: issue 16, `codegen validate` at 100 tables


def _time(modules: tuple[str, ...]) -> float:
    code = "import gc; gc.disable()\n" + "".join(f"{_IMPORTS[m]}\n" for m in modules)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in PROBES}
    for name, modules in PROBES.items():  # untimed: the first import writes bytecode
        _time(modules)
    for _ in range(runs):
        for name, modules in PROBES.items():
            times[name].append(_time(modules))
    return times


def report(times: dict[str, list[float]]) -> list[str]:
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    lines = [f"{name:>16}  {medians[name]:.3f} s  ({min(ts):.3f}-{max(ts):.3f})"
             for name, ts in times.items()]
    edit, validate = medians["edit floor"], medians["validate floor"]
    bare = medians["without pydantic"]
    for n, budget in BUDGETS:
        lines.append(f"one change at {n} tables: budget {budget:.2f} s, floor {edit:.3f} s "
                     f"({edit / budget:.0%} of it; {bare / budget:.0%} without pydantic) "
                     "before codegen's own code")
    lines.append(f"validate at 100 tables: budget {VALIDATE_BUDGET:.2f} s, floor {validate:.3f} s "
                 f"({validate / VALIDATE_BUDGET:.0%} of it)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    times = measure(args.runs)
    print(f"machine: {machine()}; {args.runs} runs each, interleaved; median (min-max)")
    print("\n".join(report(times)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "machine": machine(), "runs": args.runs, "libraries": PROBES,
            "median": {name: round(statistics.median(ts), 4) for name, ts in times.items()},
            "times": {name: [round(t, 4) for t in ts] for name, ts in times.items()},
        }, indent=2) + "\n")


if __name__ == "__main__":
    main()
