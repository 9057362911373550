"""Inputs that used to fall off a cliff: refused quickly with a clear message, at a cost
linear in their size (README, "Limits", has the figures)."""

from __future__ import annotations

import time

import pytest

from codegen.diagnostics import SpecError
from codegen.project import load_schema
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
