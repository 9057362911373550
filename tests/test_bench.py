"""A tiny run of the benchmark, so `make bench` keeps working (the real one is not in make test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "bench"


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, "run.py", "--sizes", "3", "--runs", "1",
                             "--json", str(out)], cwd=BENCH, capture_output=True, text=True, check=False,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "tables" in result.stdout and "peak MB" in result.stdout
    data = json.loads(out.read_text())
    [row] = data["results"]
    assert row["tables"] == 3 and row["peak_rss_mb"] > 0
    for key in ("generate", "check", "check_full", "one_change", "watch"):
        assert 0 < row[key]["min"] <= row[key]["median"] <= row[key]["max"]


def test_stage_breakdown_runs() -> None:
    result = subprocess.run([sys.executable, "stages.py", "5"], cwd=BENCH, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "render SQL + pglast" in result.stdout and "total" in result.stdout
