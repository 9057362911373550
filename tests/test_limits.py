"""Inputs that used to fall off a cliff: refused quickly with a clear message, at a cost
linear in their size (README, "Limits", has the figures)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest
from synth import spec_text

from codegen.diagnostics import SpecError
from codegen.emit.database_types import emit_database_types
from codegen.emit.json_schema import emit_json_schema
from codegen.emit.typescript import emit_typescript
from codegen.project import load_schema
from codegen.schema import ir
from codegen.schema.lower.context import MAX_TEXT_CHARACTERS

BASE = "tables:\n  notes:\n    columns:\n      id: {type: uuid, primary_key: true}\n"


def test_many_unknown_keys_are_refused_in_linear_time() -> None:
    """100,000 unknown keys took 133 s to be refused before this work (9bdfd9b); now a
    second or two, and the report is capped (E106)."""
    spec = BASE + "".join(f"    k{i}: 1\n" for i in range(100_000))
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        load_schema({"schema/app.yaml": spec})
    elapsed = time.perf_counter() - started
    codes = [d.code for d in caught.value.diagnostics]
    assert codes.count("E101") == 100 and "E106" in codes
    assert "99,900 more errors" in str(caught.value)
    assert elapsed < 20, elapsed  # ~1.5 s here; the old cost was quadratic


def test_a_huge_comment_is_refused_before_any_generator_sees_it() -> None:
    spec = BASE.replace("      id:", f'      title: {{type: text, comment: "{"x" * 2**20}"}}\n      id:')
    with pytest.raises(SpecError) as caught:
        load_schema({"schema/app.yaml": spec})
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.code == "E214"
    assert f"is 1,048,576 characters long; the limit is {MAX_TEXT_CHARACTERS:,}" in \
        diagnostic.message


def test_functions_triggers_and_views_scale_linearly() -> None:
    """Reading and lowering the bench's spec with a function, a trigger and a view per table,
    and each type output of it: eight times the tables, well under twenty times the time,
    stage by stage. Lookups that grew with the square of the schema (the views exposing a
    table, searched for each foreign key) made database.types.ts 35 times slower for 8 times
    the tables, 5.6 s at 1,000."""
    stages: dict[str, Callable[[ir.Schema], object]] = {
        "database.types.ts": emit_database_types,
        "JSON Schema": lambda schema: emit_json_schema(schema, None),
        "index.ts": lambda schema: emit_typescript(schema, None),
    }

    def best_of_two(tables: int) -> dict[str, float]:
        text = spec_text(tables, functions=True)
        best: dict[str, float] = {}
        for _ in range(2):
            # Timed as a `codegen` run does its work: without the cycle collector, whose
            # passes over the test process's own objects are no cost of these stages (one
            # landing in the large run failed this test once in a full suite).
            gc.collect()
            gc.disable()
            try:
                started = time.perf_counter()
                schema = load_schema({"schema/bench.yaml": text})
                timings = {"load": time.perf_counter() - started}
                for name, stage in stages.items():
                    started = time.perf_counter()
                    stage(schema)
                    timings[name] = time.perf_counter() - started
            finally:
                gc.enable()
            best = {k: min(v, best.get(k, v)) for k, v in timings.items()}
        assert len(schema.views) == len(schema.functions) - 1 == tables
        return best

    small, large = best_of_two(100), best_of_two(800)
    slow = {name: round(large[name] / small[name], 1) for name in small
            if large[name] > small[name] * 8 * 2.5}
    assert not slow, (slow, small, large)
