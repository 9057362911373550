"""The ``allow_destructive:`` keys that validation accepts are the ones the changes produce."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import codegen.migrate.changes as changes_package
from codegen.diagnostics import SpecError
from codegen.project import load_schema
from codegen.schema.destructive import DESTRUCTIVE_KINDS, destructive_key

CHANGES = Path(changes_package.__file__).parent


def test_every_kind_a_change_produces_is_accepted() -> None:
    """Each change's key is built by destructive_key(kind, …) (or, in modules not yet moved
    to it, spelt ``return f"kind:…"``): every such kind is one that validation accepts."""
    used: set[str] = set()
    for module in sorted(CHANGES.glob("*.py")):
        text = module.read_text(encoding="utf-8")
        used |= set(re.findall(r'destructive_key\("(\w+)"', text))
        used |= set(re.findall(r'return f?"(\w+):', text))
    assert {"drop_column", "drop_table", "alter_type"} <= used, used
    assert used <= set(DESTRUCTIVE_KINDS), used - set(DESTRUCTIVE_KINDS)


def test_an_unknown_kind_cannot_be_built() -> None:
    with pytest.raises(AssertionError):
        destructive_key("nuke", "everything")


SPEC = "allow_destructive: [{key}]\ntables:\n  t:\n    columns:\n      id: {{type: uuid, primary_key: true}}\n"


@pytest.mark.parametrize("key", [
    "drop_function:public.f(integer, text)", "recreate_function:public.f()",
    "drop_extension:pg_trgm", "drop_enum_value:public.status:a,b", "drop_table:public.t",
])
def test_every_kind_is_accepted(key: str) -> None:
    load_schema({"app.yaml": SPEC.format(key=f'"{key}"')})


@pytest.mark.parametrize(("key", "message"), [
    ("nuke:everything", '"nuke:everything" is not a key of a destructive change'),
    ("drop_colum:public.t.x", '(did you mean "drop_column"?)'),
    ("drop_function", '"drop_function" is not a key'),
    ("drop_table:  ", "is not a key"),
])
def test_unknown_keys_are_refused(key: str, message: str) -> None:
    with pytest.raises(SpecError) as caught:
        load_schema({"app.yaml": SPEC.format(key=f'"{key}"')})
    assert [d.code for d in caught.value.diagnostics] == ["E209"]
    assert message in caught.value.diagnostics[0].message
