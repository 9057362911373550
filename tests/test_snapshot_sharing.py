"""Reading the last snapshot while sharing the spec's tables gives the schema from_json gives.

generate encodes the spec's tables once (the new snapshot needs their lines) and takes a table
from the spec where the last snapshot has its very line, instead of decoding it. These tests
hold that shortcut to the plain decoder: the same schema, the same changes, the same errors.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_diffs import CASES, versions
from test_properties import _schema, specs

from codegen.migrate.compare import compare
from codegen.migrate.snapshot import (
    SnapshotError,
    from_json,
    from_json_sharing,
    table_lines,
    to_json,
)
from codegen.schema import ir


def _assert_shared_like_decoded(old: ir.Schema, new: ir.Schema) -> None:
    text = to_json(old)
    lines = table_lines(new.tables)
    assert to_json(new, lines) == to_json(new)
    decoded = from_json(text)
    shared = from_json_sharing(text, new.tables, lines)
    assert shared == decoded
    assert compare(shared, new) == compare(decoded, new)
    by_line = dict(zip(lines, new.tables, strict=True))
    for table, line in zip(shared.tables, table_lines(decoded.tables), strict=True):
        # a table recorded alike is the spec's own object; any other is decoded
        assert (table is by_line[line]) if line in by_line else \
            all(table is not t for t in new.tables)


@pytest.mark.parametrize("case", CASES)
def test_each_step_of_the_diff_histories(case: str) -> None:
    steps = versions(case)
    for old, new in itertools.pairwise(steps):
        _assert_shared_like_decoded(old, new)
    _assert_shared_like_decoded(steps[-1], steps[-1])


@st.composite
def edited(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A spec, and the same spec with one table given a column (the everyday edit)."""
    before = draw(specs())
    after = json.loads(json.dumps(before))
    table = draw(st.sampled_from(sorted(after["tables"])))
    after["tables"][table]["columns"]["note"] = {"type": "text", "nullable": True}
    return before, after


@settings(max_examples=40, deadline=None)
@given(edited())
def test_random_one_table_edits(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    before, after = (_schema(spec) for spec in pair)
    _assert_shared_like_decoded(before, after)
    shared = from_json_sharing(to_json(before), after.tables, table_lines(after.tables))
    assert sum(any(t is s for s in after.tables) for t in shared.tables) == \
        len(after.tables) - 1


def _edit_schema() -> tuple[ir.Schema, ir.Schema]:
    before = _schema({"tables": {"a": {"columns": {"id": {"type": "uuid", "primary_key": True}}},
                                 "b": {"columns": {"id": {"type": "text", "primary_key": True}}}}})
    after = _schema({"tables": {"a": {"columns": {"id": {"type": "uuid", "primary_key": True}}},
                                "b": {"columns": {"id": {"type": "text", "primary_key": True},
                                                  "n": {"type": "text", "nullable": True}}}}})
    return before, after


def _error(text: str, *decode: Any) -> str:
    with pytest.raises(SnapshotError) as caught:
        (from_json_sharing(text, *decode) if decode else from_json(text))
    return f"{caught.value.message} at {caught.value.line}:{caught.value.column}"


@pytest.mark.parametrize("damage", [
    lambda text: text.replace('"columns":[', '"columns":5,"x":[', 1),  # no table
    lambda text: text.replace('"name":"b"', '"name":"b"]'),  # not JSON
    lambda text: text.replace('"format": 2', '"format": 3'),
    lambda text: text.replace('"migration_name"', '"migration"'),
    lambda text: text.replace(' "tables": [\n', ' "tables": [\n5,\n'),
])
def test_a_damaged_snapshot_is_the_same_error(damage: Any) -> None:
    before, after = _edit_schema()
    text = damage(to_json(before))
    assert text != to_json(before)
    lines = table_lines(after.tables)
    assert _error(text, after.tables, lines) == _error(text)


def test_a_snapshot_laid_out_otherwise_is_read_alike() -> None:
    before, after = _edit_schema()
    text = json.dumps(json.loads(to_json(before)), indent=1)
    assert from_json_sharing(text, after.tables, table_lines(after.tables)) == from_json(text)
