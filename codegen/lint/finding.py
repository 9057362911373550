"""What a lint rule reports, and what it is about.

A rule yields :class:`Issue` values: a message and a fix hint about a
:class:`Subject` (a table, column, index, policy or foreign key of the spec).
The engine turns each into a :class:`Finding` with the rule's name and level,
unless the subject's ``lint_ignore`` (or its table's) acknowledges the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from codegen.diagnostics import Span
from codegen.schema import ir

Level = Literal["error", "warn", "info"]
LEVELS: tuple[Level, ...] = ("error", "warn", "info")


@dataclass(frozen=True)
class Finding:
    """A lint rule's finding about one object, located in the spec."""

    rule: str
    level: Level
    span: Span | None
    message: str  # one line
    hint: str  # how to fix it, one line
    object: str  # e.g. `table public.notes`, `policy "Owners read" on public.notes`


@dataclass(frozen=True)
class Subject:
    """What an issue is about: its display name, its place in the spec, and the objects
    (named like ``object``) whose ``lint_ignore`` may acknowledge it."""

    object: str
    span: Span | None
    owners: tuple[str, ...]


@dataclass(frozen=True)
class Issue:
    """What a check reports before it is located and named by its rule."""

    subject: Subject
    message: str
    hint: str


def table_name(table: ir.Table) -> str:
    return f"table {table.name}"


def column_name(table: ir.Table, column: ir.Column) -> str:
    return f"column {table.name}.{column.name}"


def index_name(table: ir.Table, index: ir.Index) -> str:
    return f"index {table.name.schema}.{index.name}"


def policy_name(table: ir.Table, policy: ir.Policy) -> str:
    return f'policy "{policy.name}" on {table.name}'


def function_name(function: ir.Function) -> str:
    types = ", ".join(a.type.base if a.type.enum is None and a.type.composite is None
                      else str(a.type.enum or a.type.composite) for a in function.args
                      if a.mode != "out")
    return f"function {function.name}({types})"


def extension_name(extension: ir.Extension) -> str:
    return f"extension {extension.name}"


def on_function(function: ir.Function) -> Subject:
    return Subject(function_name(function), function.span, (function_name(function),))


def on_extension(extension: ir.Extension) -> Subject:
    return Subject(extension_name(extension), extension.span, (extension_name(extension),))


def on_table(table: ir.Table, span: Span | None = None) -> Subject:
    return Subject(table_name(table), span or table.span, (table_name(table),))


def on_index(table: ir.Table, index: ir.Index) -> Subject:
    return Subject(index_name(table, index), index.span or table.span,
                   (index_name(table, index), table_name(table)))


def on_policy(table: ir.Table, policy: ir.Policy) -> Subject:
    return Subject(policy_name(table, policy), policy.span or table.span,
                   (policy_name(table, policy), table_name(table)))


def on_foreign_key(table: ir.Table, fk: ir.ForeignKey) -> Subject:
    """A foreign key has no ``lint_ignore`` of its own: its columns' or its table's count."""
    columns = [column_name(table, c) for c in table.columns if c.name in fk.columns]
    return Subject(f"foreign key {fk.name} on {table.name}", fk.span or table.span,
                   (*columns, table_name(table)))


@dataclass(frozen=True)
class Acknowledgements:
    """The ``lint_ignore`` written on one object of the spec."""

    object: str
    span: Span | None
    rules: tuple[tuple[str, str], ...]  # (rule, reason), sorted


def acknowledgements(schema: ir.Schema) -> dict[str, Acknowledgements]:
    """Every object of the spec that acknowledges something, by object name."""
    found: list[Acknowledgements] = []
    for table in schema.tables:
        found.append(Acknowledgements(table_name(table), table.span, table.lint_ignore))
        found.extend(Acknowledgements(column_name(table, c), c.span, c.lint_ignore)
                     for c in table.columns)
        found.extend(Acknowledgements(index_name(table, i), i.span, i.lint_ignore)
                     for i in table.indexes)
        found.extend(Acknowledgements(policy_name(table, p), p.span, p.lint_ignore)
                     for p in table.policies)
    found.extend(Acknowledgements(function_name(f), f.span, f.lint_ignore)
                 for f in schema.functions)
    found.extend(Acknowledgements(extension_name(e), e.span, e.lint_ignore)
                 for e in schema.extensions)
    found.extend(Acknowledgements(
        f"{'materialized view' if v.materialized else 'view'} {v.name}", v.span, v.lint_ignore)
        for v in schema.views)
    return {a.object: a for a in found if a.rules}
