"""The kinds of ``allow_destructive:`` keys, in one place.

A key is ``<kind>:<object>``. Validation (:mod:`codegen.schema.lower.names`) accepts exactly
these kinds, and every change that may lose data builds its key with :func:`destructive_key`
(tests/test_destructive_keys.py checks that every kind a change produces is listed here).
"""

from __future__ import annotations

# kind -> how its object is written (for the hint of an unknown key)
DESTRUCTIVE_KINDS: dict[str, str] = {
    "alter_type": "schema.table.column",
    "delete_row": "schema.table:key",
    "drop_bucket": "bucket id",
    "drop_column": "schema.table.column",
    "drop_enum": "schema.enum",
    "drop_enum_value": "schema.enum:label",
    "drop_extension": "name",
    "drop_function": "schema.name(argument types)",
    "drop_table": "schema.table",
    "drop_view": "schema.view",
    "recreate_function": "schema.name(argument types)",
    "set_not_null": "schema.table.column",
}


def destructive_key(kind: str, target: str) -> str:
    """The ``allow_destructive:`` key acknowledging a ``kind`` change of ``target``."""
    assert kind in DESTRUCTIVE_KINDS, f"{kind} is not in DESTRUCTIVE_KINDS"
    return f"{kind}:{target}"
