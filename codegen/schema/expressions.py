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
    if "--" in text or "/*" in text:
        _reject_comments(source)
    columns = tuple(_column_refs(target["val"], in_subquery=False))
    return Expression(text, columns, target["val"])


def _reject_comments(source: str) -> None:
    """An SQL comment would swallow what the generated statement puts after the expression
    (``-- …`` the closing parenthesis): comments belong in the YAML (``#``)."""
    for token in parser.scan(source):
        if token.name in ("SQL_COMMENT", "C_COMMENT"):
            raise ExpressionError("SQL comments are not allowed in an expression; write the "
                                  "comment in YAML (# …) instead", token.start - len(_PREFIX))


@lru_cache(maxsize=4096)
def expression_facts(text: str) -> tuple[Expression, int | None, tuple[int, str] | None]:
    """The parsed expression, its :func:`subquery_offset` and :func:`aggregate_offset`:
    worked out once per text (a thousand tables' policies repeat the same few)."""
    expression = parse_expression(text)
    return expression, subquery_offset(expression), aggregate_offset(expression)


def subquery_offset(expression: Expression) -> int | None:
    """Where the expression's first sub-select is (PostgreSQL refuses them in checks, defaults
    and generated columns), or None."""
    found = _find_key(expression.tree, "SubLink")
    return None if found is None else max(0, int(found.get("location", 0)) - len(_PREFIX))


# PostgreSQL's built-in aggregates (a call with DISTINCT, ORDER BY, FILTER or * is one too).
_AGGREGATES = frozenset({
    "array_agg", "avg", "bit_and", "bit_or", "bit_xor", "bool_and", "bool_or", "count",
    "every", "json_agg", "json_object_agg", "jsonb_agg", "jsonb_object_agg", "max", "min",
    "range_agg", "range_intersect_agg", "string_agg", "sum", "xmlagg", "stddev",
    "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "corr", "covar_pop",
    "covar_samp", "mode", "percentile_cont", "percentile_disc", "any_value",
})


def aggregate_offset(expression: Expression) -> tuple[int, str] | None:
    """Where the expression calls an aggregate or a window function outside a sub-select
    (PostgreSQL refuses both in checks, defaults, index predicates and policies), and which
    kind; None when it does not."""
    found = _find_aggregate(expression.tree)
    if found is None:
        return None
    call, kind = found
    return max(0, int(call.get("location", 0)) - len(_PREFIX)), kind


def _find_aggregate(node: Any) -> tuple[dict[str, Any], str] | None:
    if isinstance(node, list):
        for item in node:
            found = _find_aggregate(item)
            if found is not None:
                return found
    elif isinstance(node, dict):
        call = node.get("FuncCall")
        if isinstance(call, dict):
            name = call["funcname"][-1]["String"]["sval"]
            if "over" in call:
                return call, f"a window function ({name})"
            if name in _AGGREGATES or any(call.get(flag) for flag in (
                    "agg_star", "agg_distinct", "agg_order", "agg_filter", "agg_within_group")):
                return call, f"an aggregate ({name})"
        for key, value in node.items():
            if key == "SubLink":
                continue  # a sub-select may aggregate (where sub-selects are allowed)
            found = _find_aggregate(value)
            if found is not None:
                return found
    return None


def _find_key(node: Any, key: str) -> Any:
    if isinstance(node, list):
        for item in node:
            found = _find_key(item, key)
            if found is not None:
                return found
    elif isinstance(node, dict):
        if key in node:
            return node[key]
        for value in node.values():
            found = _find_key(value, key)
            if found is not None:
                return found
    return None


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
