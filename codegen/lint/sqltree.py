"""Reading policy and index expressions as PostgreSQL's parse tree (pglast's JSON).

The spec's expressions were parsed by :mod:`codegen.schema.expressions` when the spec was
lowered (the parse is cached); here their trees are walked for what the lint
rules look for: function calls and whether a
scalar sub-select wraps them, relations read, string constants, always-true
conditions. Locations in pglast's tree are byte offsets in the UTF-8 text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pglast import parser

from codegen.schema.expressions import ExpressionError, parse_expression

_OFFSET = len(b"SELECT ")  # parse_expression reads the text as "SELECT <expr>"


def parse(text: str) -> Any:
    """The expression's parse tree (plain JSON data, shared: do not modify), or None if it
    does not parse (lower.py reports that; there is nothing to lint)."""
    try:
        return parse_expression(text).tree
    except ExpressionError:
        return None


def nodes(node: Any) -> Iterator[tuple[str, Any]]:
    """Every ``(node type, fields)`` pair in the tree, depth first."""
    if isinstance(node, list):
        for item in node:
            yield from nodes(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict) and key[:1].isupper():
                yield key, value
            yield from nodes(value)


def names(name_list: list[Any]) -> list[str]:
    return [n["String"]["sval"] for n in name_list if "String" in n]


@dataclass(frozen=True)
class Call:
    """A function call in an SQL expression: where it starts, whether a sub-select wraps it."""

    name: str  # as written, without quotes: "auth.uid", "current_setting"
    args: tuple[Any, ...]
    start: int  # byte offset of the call in the expression text
    wrapped: bool  # inside a scalar sub-select without FROM: evaluated once per query


def calls(node: Any, wrapped: bool = False) -> Iterator[Call]:
    """Function calls in the tree, with whether a ``(select …)`` without FROM encloses them."""
    if isinstance(node, list):
        for item in node:
            yield from calls(item, wrapped)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "FuncCall":
            name = ".".join(names(value["funcname"]))
            start = int(value.get("location", _OFFSET)) - _OFFSET
            yield Call(name, tuple(value.get("args", [])), start, wrapped)
            yield from calls(value, wrapped)
        elif key == "SelectStmt":
            yield from calls(value, wrapped or "fromClause" not in value)
        else:
            yield from calls(value, wrapped)


def relations(node: Any) -> Iterator[tuple[str | None, str]]:
    """``(schema, name)`` of every table a sub-select reads."""
    for kind, fields in nodes(node):
        if kind == "RangeVar":
            yield fields.get("schemaname"), fields["relname"]


def strings(node: Any) -> Iterator[str]:
    """Every string constant (``'user_metadata'``, ``'{a,b}'``)."""
    for kind, fields in nodes(node):
        if kind == "A_Const" and "sval" in fields:
            yield str(fields["sval"]["sval"])


def column_names(node: Any) -> Iterator[str]:
    """The last name of every column reference (``u.raw_user_meta_data`` → raw_user_meta_data)."""
    for kind, fields in nodes(node):
        if kind == "ColumnRef":
            found = names(fields.get("fields", []))
            if found:
                yield found[-1]


def without_locations(node: Any) -> Any:
    if isinstance(node, list):
        return [without_locations(item) for item in node]
    if isinstance(node, dict):
        return {k: without_locations(v) for k, v in node.items() if k != "location"}
    return node


def normalized(text: str) -> str:
    """A canonical form of an expression: equal for texts that parse to the same tree."""
    tree = parse(text)
    return text.strip() if tree is None else json.dumps(without_locations(tree), sort_keys=True)


def always_true(text: str) -> bool:
    """``true``, ``(true)``, ``1 = 1``, ``'a' = 'a'``: conditions that admit every row."""
    tree = parse(text)
    if not isinstance(tree, dict):
        return False
    const = tree.get("A_Const")
    if const is not None:
        return bool(const.get("boolval", {}).get("boolval", False))
    expr = tree.get("A_Expr")
    if expr is not None and expr.get("kind") == "AEXPR_OP" and names(expr["name"]) == ["="]:
        left, right = without_locations(expr.get("lexpr")), without_locations(expr.get("rexpr"))
        return isinstance(left, dict) and "A_Const" in left and left == right
    return False


def call_end(text: str, start: int) -> int:
    """The byte offset just after the call starting at ``start`` (its closing parenthesis)."""
    source = text.encode()
    depth = 0
    for token in parser.scan(text):
        if token.start < start:
            continue
        if token.name == "ASCII_40":
            depth += 1
        elif token.name == "ASCII_41":
            depth -= 1
            if depth == 0:
                return int(token.end) + 1
    return len(source)


def wrap_calls(text: str, starts: list[int]) -> str:
    """The expression with each call at ``starts`` written as ``(select <call>)``."""
    source = text.encode()
    ranges = sorted((s, call_end(text, s)) for s in starts)
    out, position = [], 0
    for start, end in ranges:
        if start < position:  # nested in a call already wrapped
            continue
        out += [source[position:start], b"(select ", source[start:end], b")"]
        position = end
    out.append(source[position:])
    return b"".join(out).decode()
