"""Refuse migrations that could lose data or fail on existing rows, unless acknowledged.

Destructive changes need their key in the spec's ``allow_destructive:`` list
(or ``--allow-destructive``). A NOT NULL column added to an existing table
needs a default, an identity or a ``backfill:`` expression for the rows it
already has.
"""

from __future__ import annotations

from codegen.diagnostics import Diagnostic
from codegen.migrate.changes import AddColumn, Change, destructive_key, summary
from codegen.migrate.function_users import functions_still_used
from codegen.schema import ir


def _span(change: Change) -> object:
    for attr in ("column", "new", "function"):
        value = getattr(change, attr, None)
        if isinstance(value, (ir.Column, ir.Function)):
            return value.span
    return None


def check_changes(changes: list[Change], schema: ir.Schema, allow_destructive: bool) -> list[
        Diagnostic]:
    diagnostics = functions_still_used(changes, schema)
    for change in changes:
        key = destructive_key(change)
        if key is not None and not allow_destructive and key not in schema.allow_destructive:
            diagnostics.append(Diagnostic(
                _span(change), "E301",  # type: ignore[arg-type]
                f"destructive change refused: {summary(change).lstrip('+-~ ')} {change.risk}",
                hint=f'acknowledge it in the spec with `allow_destructive: ["{key}"]` '
                     "or run with --allow-destructive",
            ))
        if isinstance(change, AddColumn):
            column = change.column
            if (not column.nullable and column.default is None and column.identity is None
                    and column.backfill is None):
                diagnostics.append(Diagnostic(
                    column.span, "E302",
                    f'new NOT NULL column "{change.table}.{column.name}" has no value for the '
                    "rows the table already has",
                    hint="give it a `default`, make it nullable, or add `backfill: <SQL "
                         "expression>` to fill existing rows",
                ))
    return diagnostics
