"""Refuse dropping a function that something in the schema still calls.

Policies, triggers and column defaults that call a function being dropped and created
again are rebuilt around it in the same migration (:mod:`codegen.migrate.compare.functions`).
Checks are not (adding one back scans the table): PostgreSQL refuses DROP FUNCTION while one
depends on it. Anything still calling a function that is gone for good could never be created.
"""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diagnostics import Diagnostic, Span
from codegen.migrate.changes import Change, DropFunction, RecreateFunction, signature
from codegen.schema import ir
from codegen.schema.references import calls_function


def functions_still_used(changes: list[Change], schema: ir.Schema) -> list[Diagnostic]:
    dropped = [c.function for c in changes if isinstance(c, DropFunction)]
    recreated = [c.old for c in changes if isinstance(c, RecreateFunction)]
    if not dropped and not recreated:
        return []
    remaining = {f.name for f in schema.functions}
    diagnostics = []
    for function in dropped + recreated:
        gone = function in dropped and function.name not in remaining
        for what, text, span in _callers(schema, function.name, gone):
            if gone:
                message = (f"{what} calls {signature(function)}, which the spec no longer "
                           "defines")
                hint = "keep the function, or change what calls it"
            else:
                message = (f"{what} calls {signature(function)}, which this migration drops "
                           "and creates again; PostgreSQL refuses while a check depends on it")
                hint = ("migrate in two steps: first change the check so it no longer calls "
                        "the function, then change the function")
            diagnostics.append(Diagnostic(span, "E303", message, hint))
    return diagnostics


def _callers(schema: ir.Schema, name: ir.QualifiedName,
             gone: bool) -> Iterator[tuple[str, str, Span | None]]:
    for table in schema.tables:
        texts: list[tuple[str, str | None, Span | None]] = []
        for column in table.columns:
            # A default is rebuilt around a function dropped and created again (RecreateFunction).
            if column.default is not None and not column.default.literal and gone:
                texts.append((f'the default of "{table.name}.{column.name}"', column.default.sql,
                              column.span))
        texts.extend((f'check "{c.name}" of "{table.name}"', c.expression, c.span)
                     for c in table.checks)
        if gone:
            for policy in table.policies:
                texts.extend((f'policy "{policy.name}" on "{table.name}"', text, policy.span)
                             for text in (policy.using, policy.with_check))
        for what, text, span in texts:
            if text is not None and calls_function(text, table.name.schema,
                                                   (name.schema, name.name)):
                yield what, text, span
