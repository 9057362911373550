"""Policies that name columns no table in scope has (our addition).

lower.py already rejects unknown unqualified columns (and ``<table>.<column>``)
at the top level of an expression: error E242, so such a spec never reaches
the linter. This rule covers the rest, which PostgreSQL also rejects when the
migration runs ``CREATE POLICY``: ``schema.table.column`` references, qualifiers
that name no table in scope, and columns inside sub-selects over the spec's
own tables (``exists (select 1 from members m where m.team = team_id)``).
A sub-select reading a table outside the spec (``auth.users``, a function, a
CTE) is not checked: its columns are unknown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from codegen.lint import sqltree
from codegen.lint.finding import Issue, on_policy
from codegen.schema import ir

SYSTEM_COLUMNS = frozenset({"tableoid", "xmin", "xmax", "cmin", "cmax", "ctid"})
_SEARCH_PATH = ("public", "extensions")  # Supabase's search_path, after "$user"


@dataclass(frozen=True)
class _Source:
    """One entry of a FROM clause: how it may be named, and its columns if known."""

    name: str | None  # alias, or the table's own name; None: cannot be named
    schema: str | None  # set when `schema.table.column` may name it (no alias)
    table: str  # for messages
    columns: frozenset[str] | None  # None: not a table of the spec, columns unknown


def policy_unknown_column(schema: ir.Schema) -> Iterator[Issue]:
    for table in schema.tables:
        own = _Source(table.name.name, table.name.schema, str(table.name),
                      frozenset(c.name for c in table.columns))
        for policy in table.policies:
            problems: dict[str, None] = {}
            for key, text in (("using", policy.using), ("with_check", policy.with_check)):
                tree = sqltree.parse(text) if text is not None else None
                for problem in _problems(schema, tree, [[own]]):
                    problems[f"`{key}` {problem}"] = None
            for problem in problems:
                yield Issue(
                    on_policy(table, policy),
                    f'policy "{policy.name}" on "{table.name}": {problem}',
                    "PostgreSQL rejects this CREATE POLICY, so the migration would fail: fix the "
                    "name, qualified by the table's name or by the alias its FROM clause gives it",
                )


def _problems(schema: ir.Schema, node: Any, scopes: list[list[_Source]]) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _problems(schema, item, scopes)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "ColumnRef":
            problem = _resolve(sqltree.names(value.get("fields", [])), value, scopes)
            if problem:
                yield problem
        elif key == "SelectStmt" and "fromClause" in value:
            level = [s for item in value["fromClause"] for s in _sources(schema, item)]
            yield from _problems(schema, value, [*scopes, level])
        else:
            yield from _problems(schema, value, scopes)


def _sources(schema: ir.Schema, item: dict[str, Any]) -> Iterator[_Source]:
    if "RangeVar" in item:
        var = item["RangeVar"]
        alias = var.get("alias", {}).get("aliasname")
        written = var.get("schemaname")
        table = _spec_table(schema, written, var["relname"])
        columns = None if table is None else frozenset(c.name for c in table.columns)
        shown = str(table.name) if table else ".".join(filter(None, (written, var["relname"])))
        if alias:
            yield _Source(alias, None, shown, columns)
        else:
            resolved = table.name.schema if table else written
            yield _Source(var["relname"], resolved, shown, columns)
    elif "JoinExpr" in item and "alias" not in item["JoinExpr"]:
        join = item["JoinExpr"]
        for side in ("larg", "rarg"):
            yield from _sources(schema, join[side])
    else:  # sub-select, function, aliased join: columns unknown
        alias = next((v.get("alias", {}).get("aliasname") for v in item.values()
                      if isinstance(v, dict)), None)
        yield _Source(alias, None, alias or "?", None)


def _spec_table(schema: ir.Schema, written: str | None, name: str) -> ir.Table | None:
    for candidate in ([written] if written else _SEARCH_PATH):
        table = schema.table(ir.QualifiedName(candidate, name))
        if table is not None:
            return table
    return None


def _resolve(names: list[str], ref: dict[str, Any], scopes: list[list[_Source]]) -> str | None:
    if len(names) != len(ref.get("fields", [])) or not 1 <= len(names) <= 3:
        return None  # `t.*`, or db.schema.table.column
    if len(names) == 1:
        if len(scopes) == 1:
            return None  # the policy's own table: lower.py checks these (E242)
        return _unqualified(names[0], scopes)
    *qualifier, column = names
    matches = [s for level in reversed(scopes) for s in level
               if s.name == qualifier[-1] and (len(qualifier) == 1 or s.schema == qualifier[0])]
    written = ".".join(qualifier)
    if not matches and any(s.name is None for level in scopes for s in level):
        return None  # e.g. `from generate_series(1, 3)`: named after the function
    if not matches:
        return f'refers to "{written}.{column}", but no table "{written}" is in scope there'
    source = matches[0]
    if source.columns is None or column in source.columns or column in SYSTEM_COLUMNS:
        return None
    return (f'refers to column "{written}.{column}", which table "{source.table}" does not '
            f"have{_did_you_mean(column, source.columns)}")


def _unqualified(column: str, scopes: list[list[_Source]]) -> str | None:
    tables = []
    for level in reversed(scopes):
        for source in level:
            if source.columns is None or column in source.columns:
                return None
            tables.append(source.table)
    if column in SYSTEM_COLUMNS:
        return None
    candidates = {c for level in scopes for s in level for c in (s.columns or ())}
    names = ", ".join(f'"{t}"' for t in dict.fromkeys(tables))
    return (f'refers to column "{column}", which no table in scope ({names}) has'
            f"{_did_you_mean(column, candidates)}")


def _did_you_mean(word: str, choices: frozenset[str] | set[str]) -> str:
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f' (did you mean "{found[0]}"?)' if found else ""
