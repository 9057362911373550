"""How the IR's fields are recorded in snapshots and compared (see codegen.schema.ir)."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from codegen.diagnostics import Span

# Fields that describe how the spec was written, not the database: excluded from equality
# and from snapshots.
NOT_RECORDED = {"snapshot": False}
# Fields added after snapshots were first written: recorded only when they differ from their
# default, so the snapshots of earlier migrations keep their bytes.
RECORDED_IF_SET = {"snapshot": "if_set"}


def added_field(default: Any) -> Any:
    return field(default=default, metadata=RECORDED_IF_SET)


def span_field() -> Span | None:
    return field(default=None, compare=False, repr=False, metadata=NOT_RECORDED)


def hint_field() -> Any:
    # Migration hints (renames, conversions): how to get here, not what the schema is.
    # ``Any``: the fields it defaults have different types (``str | None``, names, ...).
    return field(default=None, compare=False, repr=False, metadata=NOT_RECORDED)


def lint_ignore_field() -> tuple[tuple[str, str], ...]:
    # Acknowledged lint findings (rule, reason); they change no SQL, so not part of equality.
    return field(default=(), compare=False, repr=False, metadata=NOT_RECORDED)
