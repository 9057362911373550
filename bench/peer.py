"""The everyday edit, codegen against drizzle-kit in the same run (`run.py --peer drizzle`).

For each N, two projects of the same N tables (synth.py's spec; drizzle_schema.py's schema.ts,
see its docstring for what drizzle cannot express: comments and grants) are made ready untimed:
generated once (`codegen generate`, `drizzle-kit generate --name baseline`), then edited once,
table t00000 gaining the nullable text column note_1 (`generate --name warm_up`), so each
holds what a project edited before holds: a migration history, and codegen's cache as that
generate left it (the cache a user has). Both are put back to that state before every run, so
each run is the same edit, note_2 added to t00000, saved to both; each tool's whole process is
timed, in turn (codegen, drizzle-kit, codegen, …, so the machine's noise hits both):

    codegen generate --name edit_k          (every output: migration, snapshot, TS, pydantic…)
    drizzle-kit generate --name edit_k      (its migration and snapshot; offline, no database)

Why put back rather than edit on and on: drizzle-kit reads every snapshot of its folder on each
run (at 200 tables one snapshot is about 0.7 MB; 19 of them made its generate 2.4 s against
1.35 s with one), so a history growing run by run would time it slower and slower; with two
migrations behind it, it is near its fastest, the stricter yardstick. Why the warm-up edit:
the first column of a new kind is slower for codegen than the everyday one (datamodel-code-
generator runs for a field shape its cache has not seen); a project that has been edited
before has seen a nullable text column. Each run's migration is checked, untimed, to hold
exactly the one ADD COLUMN. drizzle-kit is started as node_modules/.bin/drizzle-kit (what
`npx drizzle-kit` runs, without npx's own start-up) from bench/peers/, whose
package-lock.json pins it; `npm ci` runs there when node_modules is missing or was installed
from another lock file.

The gate: exit 1 when codegen's median is over the budget of issue 16 (0.3 s at 50 tables,
0.35 s at 200, 0.5 s at 1,000; interpolated in between, 0.3 s below 50, none above 1,000) or
over drizzle-kit's median at any size.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import drizzle_schema
import synth

REPO = Path(__file__).resolve().parent.parent
PEERS = Path(__file__).resolve().parent / "peers"
NODE_MODULES = PEERS / "node_modules"
INSTALLED = NODE_MODULES / ".bench-installed"  # the digest of the lock file it was installed from
BUDGETS = ((50, 0.3), (200, 0.35), (1000, 0.5))  # tables, seconds: issue 16
TIMEOUT = 600.0  # seconds; only stops a hung run (a prompt drizzle-kit should never show)


def install_peers() -> None:
    """`npm ci` in bench/peers when node_modules is missing or stale."""
    digest = hashlib.sha256((PEERS / "package.json").read_bytes()
                            + (PEERS / "package-lock.json").read_bytes()).hexdigest()
    if INSTALLED.is_file() and INSTALLED.read_text() == digest:
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("bench: --peer drizzle needs node and npm on PATH (to install drizzle-kit)")
    print("bench: npm ci in bench/peers", file=sys.stderr)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEERS,
                   check=True)
    INSTALLED.write_text(digest)


def versions() -> dict[str, str]:
    def package(name: str) -> str:
        return str(json.loads((NODE_MODULES / name / "package.json").read_text())["version"])

    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    return {"drizzle-kit": package("drizzle-kit"), "drizzle-orm": package("drizzle-orm"),
            "node": node.stdout.strip().lstrip("v")}


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall seconds of one whole process, until it exits (as a shell waits for it): a file,
    not a pipe, takes its errors, so a helper it leaves to wind down (drizzle-kit's esbuild
    service) is not waited for; the errors are read only when it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        returncode = subprocess.run(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=errors, timeout=TIMEOUT,
                                    check=False).returncode
        elapsed = time.perf_counter() - start
        if returncode != 0:
            errors.seek(0)
            sys.exit(f"bench: {' '.join(command)} failed in {cwd} (exit {returncode}):\n"
                     + errors.read().decode(errors="replace"))
    return elapsed


def _expect_added_column(migrations: Path, pattern: str, statement: str) -> None:
    """The run's migration holds the one ADD COLUMN of the edit and nothing else."""
    [path] = migrations.glob(pattern)
    body = [line for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("--")]
    if body != [statement]:
        sys.exit(f"bench: {path} is not the one-column edit {statement!r}:\n" + "\n".join(body))


def _stats(times: list[float]) -> dict[str, object]:
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "runs": times}


def measure(n: int, runs: int) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix=f"codegen-peer-{n}-"))
    # The checkout this bench belongs to, not whichever one the venv's editable install names.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
    codegen_root, drizzle_root = root / "codegen", root / "drizzle"
    codegen = [sys.executable, "-m", "codegen", "generate"]
    drizzle_kit = [str(NODE_MODULES / ".bin" / "drizzle-kit"), "generate"]
    def restore(project: Path) -> None:
        """Put a project back to the state it was kept in after the warm-up edit."""
        shutil.rmtree(project)
        shutil.copytree(project.with_name(project.name + "-kept"), project, symlinks=True)

    def edit(variant: int, name: str, fresh: bool) -> tuple[float, float]:
        """Save variant's spec and schema.ts, run both tools in turn; each one's seconds.
        Each tool's project is put back just before its own run, so that both follow the
        same file copying."""
        if fresh:
            restore(codegen_root)
        (codegen_root / "schema" / "bench.yaml").write_text(synth.spec_text(n, variant))
        codegen_seconds = _timed(codegen + ["--name", name], codegen_root, env)
        _expect_added_column(codegen_root / "generated" / "migrations", f"*_{name}.sql",
                             f"ALTER TABLE public.t00000 ADD COLUMN note_{variant} text;")
        if fresh:
            restore(drizzle_root)
        (drizzle_root / "schema.ts").write_text(drizzle_schema.schema_text(n, variant))
        drizzle_seconds = _timed(drizzle_kit + ["--name", name], drizzle_root, env)
        _expect_added_column(drizzle_root / "drizzle", f"*_{name}.sql",
                             f'ALTER TABLE "t00000" ADD COLUMN "note_{variant}" text;')
        return codegen_seconds, drizzle_seconds

    try:
        synth.write_project(codegen_root, n)
        drizzle_schema.write_project(drizzle_root, n, NODE_MODULES)
        baseline = {"codegen": _timed(codegen, codegen_root, env),
                    "drizzle-kit": _timed(drizzle_kit + ["--name", "baseline"], drizzle_root, env)}
        warm_up = dict(zip(("codegen", "drizzle-kit"), edit(1, "warm_up", fresh=False),
                           strict=True))
        for project in (codegen_root, drizzle_root):
            shutil.copytree(project, project.with_name(project.name + "-kept"), symlinks=True)
        codegen_times, drizzle_times = [], []
        for k in range(1, runs + 1):
            codegen_seconds, drizzle_seconds = edit(2, f"edit_{k}", fresh=True)
            codegen_times.append(codegen_seconds)
            drizzle_times.append(drizzle_seconds)
        codegen_stats, drizzle_stats = _stats(codegen_times), _stats(drizzle_times)
        return {"tables": n, "baseline": baseline, "warm_up": warm_up, "codegen": codegen_stats,
                "drizzle-kit": drizzle_stats,
                "ratio": statistics.median(codegen_times) / statistics.median(drizzle_times),
                # Run by run, each pair under the same load: steadier on a shared machine.
                "ratio_paired": statistics.median(
                    c / d for c, d in zip(codegen_times, drizzle_times, strict=True))}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def budget(n: int) -> float | None:
    """Issue 16's budget for a one-table change at N tables, in seconds."""
    if n > BUDGETS[-1][0]:
        return None
    if n <= BUDGETS[0][0]:
        return BUDGETS[0][1]
    for (low_n, low), (high_n, high) in itertools.pairwise(BUDGETS):
        if n <= high_n:
            return low + (high - low) * (n - low_n) / (high_n - low_n)
    raise AssertionError(n)


def verdicts(results: list[dict[str, object]]) -> list[str]:
    """One line per broken promise of issue 16; empty when codegen keeps them all."""
    failures = []
    for r in results:
        mine = r["codegen"]["median"]  # type: ignore[index]
        theirs = r["drizzle-kit"]["median"]  # type: ignore[index]
        limit = budget(r["tables"])  # type: ignore[arg-type]
        if limit is not None and mine > limit:
            failures.append(f"OVER BUDGET at {r['tables']} tables: codegen's one change takes "
                            f"{mine:.3f} s (median), the budget is {limit:.3f} s")
        if mine > theirs:
            failures.append(f"SLOWER THAN DRIZZLE-KIT at {r['tables']} tables: codegen "
                            f"{mine:.3f} s, drizzle-kit {theirs:.3f} s (median; "
                            f"{r['ratio']:.2f}x)")
    return failures


def main(sizes: list[int], runs: int, json_path: Path | None, machine: str) -> int:
    install_peers()
    tools = versions()
    results = [measure(n, runs) for n in sizes]
    print(f"machine: {machine}; node {tools['node']}, drizzle-kit {tools['drizzle-kit']}, "
          f"drizzle-orm {tools['drizzle-orm']}")
    print(f"one table changed (a column added), then generate: {runs} interleaved runs each; "
          "seconds as median (min-max)\ncodegen/drizzle: the ratio of the medians; paired: the "
          "median of the run-by-run ratios")
    print(f"{'tables':>7} {'codegen':>20} {'drizzle-kit':>20} {'codegen/drizzle':>16} "
          f"{'paired':>7} {'budget':>7}")
    for r in results:
        cells = [f"{r[k]['median']:.3f} ({r[k]['min']:.2f}-{r[k]['max']:.2f})"  # type: ignore[index]
                 for k in ("codegen", "drizzle-kit")]
        limit = budget(r["tables"])  # type: ignore[arg-type]
        print(f"{r['tables']:>7} {cells[0]:>20} {cells[1]:>20} {r['ratio']:>15.2f}x "
              f"{r['ratio_paired']:>6.2f}x {'-' if limit is None else f'{limit:.3f}':>7}")
    failures = verdicts(results)
    for line in failures:
        print(line)
    if not failures:
        print("within budget: codegen's one change is under issue 16's budget and faster than "
              "drizzle-kit at every size")
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps({"machine": machine, "runs": runs, "versions": tools,
                                         "results": results, "failures": failures},
                                        indent=2) + "\n")
    return 1 if failures else 0
