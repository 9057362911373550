"""A tiny run of the benchmark, so `make bench` keeps working (the real one is not in make test)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import drizzle_schema
import floor
import peer
import synth
from support.postgres import DatabaseServer, apply_sql

from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.project import load_schema
from codegen.schema import ir
from codegen.spec.load import load_document

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


def _drizzle_tables(text: str) -> dict[str, dict[str, object]]:
    """Per pgTable of a drizzle schema.ts: its columns, foreign keys (name -> table), indexes
    and policies, read back from the text."""
    tables = {}
    blocks = re.split(r'^export const \w+ = pgTable\("(\w+)", \{$', text, flags=re.MULTILINE)
    for name, block in zip(blocks[1::2], blocks[2::2], strict=True):
        columns_part, extra = block.split("}, (t) => [", 1)
        tables[name] = {
            "columns": re.findall(r"^  (\w+): ", columns_part, flags=re.MULTILINE),
            "foreign_keys": dict(re.findall(
                r'name: "(\w+)", columns: \[t\.\w+\],\s*foreignColumns: \[\(?(\w+)', extra)),
            "indexes": re.findall(r'index\("(\w+)"\)', extra),
            "policies": re.findall(r'pgPolicy\("([\w ]+)"', extra),
        }
    return tables


def test_drizzle_schema_has_the_synthetic_specs_tables_and_edit() -> None:
    for variant in (0, 2):
        spec = load_document("bench.yaml", synth.spec_text(3, variant)).data["tables"]
        tables = _drizzle_tables(drizzle_schema.schema_text(3, variant))
        assert list(tables) == list(spec) == ["t00000", "t00001", "t00002"]
        for name, table in spec.items():
            assert tables[name]["columns"] == list(table["columns"])
            targets = {f"{name}_{column}_fkey": c["references"]["table"]
                       for column, c in table["columns"].items() if "references" in c}
            assert tables[name]["foreign_keys"] == {
                key: "authUsers" if target == "auth.users" else target
                for key, target in targets.items()}
            assert tables[name]["indexes"] == [f"{name}_owner_id_created_at_idx"]
            assert tables[name]["policies"] == [p["name"] for p in table["policies"]]
    edited = _drizzle_tables(drizzle_schema.schema_text(3, 2))
    assert edited["t00000"]["columns"][-2:] == ["note_1", "note_2"]
    assert "note_1" not in edited["t00001"]["columns"]


def test_budget_of_issue_16() -> None:
    assert [peer.budget(n) for n in (3, 50, 200, 1000, 3000)] == [0.3, 0.3, 0.35, 0.5, None]
    row = {"tables": 50, "codegen": {"median": 0.25}, "drizzle-kit": {"median": 0.2},
           "ratio": 1.25}
    [line] = peer.verdicts([row])
    assert line.startswith("SLOWER THAN DRIZZLE-KIT at 50 tables")
    assert peer.verdicts([{**row, "drizzle-kit": {"median": 0.3}, "ratio": 0.83}]) == []


def test_the_spec_with_functions_triggers_and_views_applies_on_postgres(
        pg_server: DatabaseServer) -> None:
    """`run.py --functions` times a spec with every kind issue 16 names: it must be one
    PostgreSQL takes."""
    schema = load_schema({"schema/bench.yaml": synth.spec_text(3, 2, functions=True)})
    assert (len(schema.tables), len(schema.functions), len(schema.views)) == (3, 4, 3)
    assert sum(len(t.triggers) for t in schema.tables) == 3
    with pg_server.fresh_database() as url:
        apply_sql(url, render_migration(compare(ir.Schema(), schema), schema.sources))


def test_floor_run_times_every_probe(tmp_path: Path) -> None:
    out = tmp_path / "floor.json"
    result = subprocess.run([sys.executable, "floor.py", "--runs", "1", "--json", str(out)],
                            cwd=BENCH, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert set(data["median"]) == set(floor.PROBES)
    assert all(t > 0 for times in data["times"].values() for t in times)
    assert "one change at 50 tables: budget 0.30 s, floor" in result.stdout


def test_floor_report_sets_each_budget_beside_the_floor() -> None:
    times = {name: [0.1] for name in floor.PROBES}
    times["edit floor"] = [0.36, 0.30, 0.33]
    times["without pydantic"] = [0.25]
    times["validate floor"] = [0.24]
    lines = floor.report(times)
    assert "      edit floor  0.330 s  (0.300-0.360)" in lines
    tail = "before codegen's own code"
    assert lines[-4:] == [
        f"one change at 50 tables: budget 0.30 s, floor 0.330 s (110% of it; 83% without pydantic) {tail}",
        f"one change at 200 tables: budget 0.35 s, floor 0.330 s (94% of it; 71% without pydantic) {tail}",
        f"one change at 1000 tables: budget 0.50 s, floor 0.330 s (66% of it; 50% without pydantic) {tail}",
        "validate at 100 tables: budget 0.20 s, floor 0.240 s (120% of it)",
    ]
