"""Order a migration's changes by the references between the objects they create.

The rank table (:mod:`codegen.migrate.plan`) puts functions after types and before tables,
so defaults, checks and policies can call them. Some functions need more: an SQL function's
body is checked when it is created, so every table it reads must exist first, and a function
may take or return a table's row type. Each change says what it creates and what it needs;
a change that needs what another creates in the same migration moves after it, otherwise the
rank order stays (a stable topological sort). Only functions and views create such
references, so a migration without new or replaced ones keeps its rank order untouched. A
view is a relation like a table: other views, SQL functions and policies may read it.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator

from codegen.migrate.changes import (
    AddColumn,
    AddConstraint,
    AlterColumnType,
    AlterPolicy,
    Change,
    CreateFunction,
    CreatePolicy,
    CreateTable,
    CreateTrigger,
    CreateView,
    RecreateFunction,
    RenameColumn,
    RenameFunction,
    ReplaceFunction,
    ReplaceView,
    SetColumnDefault,
)
from codegen.schema import ir
from codegen.schema.references import (
    Name,
    References,
    expression_references,
    statements_references,
)

Key = tuple[str, ir.QualifiedName]  # ("function" | "relation", name)
_REFERRING_CHANGES = (CreateFunction, ReplaceFunction, RecreateFunction, RenameFunction,
                      CreateView, ReplaceView)


def order_by_references(changes: list[Change]) -> list[Change]:
    if not any(isinstance(c, _REFERRING_CHANGES) for c in changes):
        return changes
    providers: dict[Key, list[int]] = {}
    for i, change in enumerate(changes):
        for key in creates(change):
            providers.setdefault(key, []).append(i)
    before: list[set[int]] = [set() for _ in changes]
    for i, change in enumerate(changes):
        for key in needs(change):
            before[i].update(j for j in providers.get(key, ()) if j != i)
    return _stable_topological(changes, before)


def _stable_topological(changes: list[Change], before: list[set[int]]) -> list[Change]:
    """Kahn's algorithm, always taking the earliest ready change: the rank order wherever
    references allow. A cycle (a table whose default calls an SQL function that reads the
    table) keeps the rank order; PostgreSQL then names the object it misses."""
    waiting = [len(b) for b in before]
    after: list[list[int]] = [[] for _ in changes]
    for i, predecessors in enumerate(before):
        for j in predecessors:
            after[j].append(i)
    ready = [i for i, count in enumerate(waiting) if count == 0]
    heapq.heapify(ready)
    result: list[Change] = []
    while ready:
        i = heapq.heappop(ready)
        result.append(changes[i])
        for k in after[i]:
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(ready, k)
    return result if len(result) == len(changes) else changes


def creates(change: Change) -> Iterator[Key]:
    match change:
        case CreateFunction(function) | RenameFunction(_, function):
            yield "function", function.name
        case ReplaceFunction(_, function) | RecreateFunction(_, function):
            yield "function", function.name
        case CreateTable(table):
            yield "relation", table.name
        case CreateView(view) | ReplaceView(_, view):
            yield "relation", view.name
        case AddColumn(table) | AlterColumnType(table) | RenameColumn(table):
            yield "relation", table  # the table's shape as the migration leaves it


def needs(change: Change) -> Iterator[Key]:
    match change:
        case CreateFunction(function) | ReplaceFunction(_, function) | \
                RecreateFunction(_, function):
            yield from _function_needs(function)
        case CreateTable(table):
            yield from _calls(table.name.schema, _column_expressions(table.columns))
            yield from _calls(table.name.schema, (c.expression for c in table.checks))
        case AddColumn(table, column) | AlterColumnType(table, _, column):
            yield from _calls(table.schema, _column_expressions((column,)))
        case SetColumnDefault(table, _, default) if default is not None and not default.literal:
            yield from _calls(table.schema, (default.sql,))
        case AddConstraint(table, ir.Check() as check):
            yield from _calls(table.schema, (check.expression,))
        case CreatePolicy(table, policy) | AlterPolicy(table, policy):
            yield from _calls(table.schema, (t for t in (policy.using, policy.with_check) if t))
        case CreateTrigger(_, trigger):
            yield "function", trigger.function
        case CreateView(view) | ReplaceView(_, view):
            # A view reads relations and calls functions when it is created.
            yield from _resolved(view.name.schema, statements_references(view.query))


def _function_needs(function: ir.Function) -> Iterator[Key]:
    schema = function.name.schema
    types = [a.type for a in (*function.args, *function.returns_table)]
    if function.returns is not None:
        types.append(function.returns)
    for column_type in types:
        if column_type.composite is not None:
            yield "relation", column_type.composite
    if function.language == "sql":  # checked when created
        yield from _resolved(schema, statements_references(function.body))
    else:  # plpgsql: only the types of its declared variables are resolved when created
        yield from _resolved(schema, declared_types(function.body))


_DECLARE_SECTION = re.compile(r"\bdeclare\b(.*?)\bbegin\b", re.IGNORECASE | re.DOTALL)
_WORD = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
_DOTTED = re.compile(rf"(?<![\w$.]){_WORD}(?:\s*\.\s*{_WORD})?")


def _unquoted(word: str) -> str:
    return word[1:-1].replace('""', '"') if word.startswith('"') else word.lower()


def declared_types(body: str) -> References:
    """What the DECLARE sections of a plpgsql body may name as types (a table's row type,
    ``table.column%TYPE``): every word and dotted pair in them, an over-approximation that
    only matters where it names a relation the migration creates."""
    names: set[Name] = set()
    for section in _DECLARE_SECTION.findall(body):
        for match in _DOTTED.finditer(section):
            parts = [_unquoted(p.strip()) for p in
                     re.findall(rf"{_WORD}", match.group(0))]
            names.add((parts[0], parts[1]) if len(parts) == 2 else (None, parts[0]))
            names.update((None, part) for part in parts)
    return References(relations=frozenset(names))


def _column_expressions(columns: Iterable[ir.Column]) -> Iterator[str]:
    for column in columns:
        if column.default is not None and not column.default.literal:
            yield column.default.sql


def _calls(schema: str, expressions: Iterable[str]) -> Iterator[Key]:
    for text in expressions:
        yield from _resolved(schema, expression_references(text))


def _resolved(schema: str, references: References) -> Iterator[Key]:
    for kind, names in (("function", references.functions),
                        ("relation", references.relations)):
        for name in names:
            yield from ((kind, candidate) for candidate in _candidates(schema, name))


def _candidates(schema: str, name: Name) -> Iterator[ir.QualifiedName]:
    """An unqualified name may resolve in the object's own schema or in public."""
    written_schema, written_name = name
    if written_schema is not None:
        yield ir.QualifiedName(written_schema, written_name)
        return
    yield ir.QualifiedName(schema, written_name)
    if schema != "public":
        yield ir.QualifiedName("public", written_name)
