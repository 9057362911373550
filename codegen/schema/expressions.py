"""Checking SQL expressions written by users (defaults, checks, predicates, policies).

PostgreSQL's own parser (libpg_query through pglast) reads each expression as
the single target of ``SELECT <expr>``; anything else in that statement (a
second statement, a FROM clause, an alias, a second target) means the text was
not exactly one expression, which is how ``true); drop table x; --`` is caught.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pglast import parser

_PREFIX = "SELECT "
# Clauses that may not appear in the wrapper statement if the text is one expression.
_FORBIDDEN_CLAUSES = (
    "fromClause", "whereClause", "groupClause", "havingClause", "sortClause", "limitCount",
    "limitOffset", "windowClause", "distinctClause", "valuesLists", "withClause",
    "intoClause", "lockingClause", "larg", "rarg",
)


class ExpressionError(ValueError):
    """``offset`` is the 0-based position inside the expression text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class ColumnReference:
    """A column an expression names, where in the text it is named."""

    name: str
    qualifier: str | None
    offset: int


@dataclass(frozen=True)
class Expression:
    """A parsed SQL expression: its text, the columns it uses and PostgreSQL's tree."""

    text: str
    columns: tuple[ColumnReference, ...]  # references that must be columns of the table
    # PostgreSQL's parse tree of the expression (pglast's JSON), shared: read, never modify.
    tree: Any = field(compare=False, repr=False, default=None)


@lru_cache(maxsize=4096)
def parse_expression(text: str) -> Expression:
    """Parse once per distinct text: policies repeat the same expressions across tables."""
    source = _PREFIX + text
    try:
        tree = json.loads(parser.parse_sql_json(source))
    except parser.ParseError as err:
        message, cursor = err.args[0], err.args[1] if len(err.args) > 1 else None
        offset = len(text) if cursor is None else max(0, int(cursor) - len(_PREFIX))
        raise ExpressionError(f"invalid SQL expression: {message}", offset) from None
    statements = tree.get("stmts", [])
    if len(statements) != 1:
        offset = _statement_end(statements[0]) if statements else 0
        raise ExpressionError("must be exactly one SQL expression, not several statements", offset)
    select = statements[0]["stmt"].get("SelectStmt")
    targets = select.get("targetList", []) if select else []
    if not select or len(targets) != 1 or select.get("op", "SETOP_NONE") != "SETOP_NONE":
        raise ExpressionError("must be exactly one SQL expression", 0)
    for clause in _FORBIDDEN_CLAUSES:
        if clause in select:
            raise ExpressionError("must be exactly one SQL expression, not a query", 0)
    target = targets[0]["ResTarget"]
    if "name" in target:
        offset = max(0, int(target.get("location", len(_PREFIX))) - len(_PREFIX))
        raise ExpressionError("must be exactly one SQL expression (no alias)", offset)
    columns = tuple(_column_refs(target["val"], in_subquery=False))
    return Expression(text, columns, target["val"])


def _statement_end(statement: dict[str, Any]) -> int:
    return max(0, int(statement.get("stmt_len", 0)) - len(_PREFIX))


def _column_refs(node: Any, in_subquery: bool) -> Iterator[ColumnReference]:
    """Column references that resolve against the table the expression belongs to.

    Inside a sub-select with its own FROM clause an unqualified name may belong
    to that query's tables, so only references outside such sub-selects count.
    """
    if isinstance(node, list):
        for item in node:
            yield from _column_refs(item, in_subquery)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "ColumnRef" and not in_subquery:
            fields = value.get("fields", [])
            names = [f["String"]["sval"] for f in fields if "String" in f]
            if len(names) == len(fields) and names and len(names) <= 2:
                offset = max(0, int(value.get("location", 0)) - len(_PREFIX))
                qualifier = names[0] if len(names) == 2 else None
                yield ColumnReference(names[-1], qualifier, offset)
        elif key == "SelectStmt":
            yield from _column_refs(value, in_subquery or "fromClause" in value)
        else:
            yield from _column_refs(value, in_subquery)


def is_valid_statement(sql: str) -> str | None:
    """Parse one generated statement with PostgreSQL's parser; return the error, if any."""
    try:
        tree = json.loads(parser.parse_sql_json(sql))
    except parser.ParseError as err:
        return str(err.args[0])
    count = len(tree.get("stmts", []))
    return None if count == 1 else f"expected one statement, found {count}"
