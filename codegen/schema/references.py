"""What a piece of SQL refers to: the functions it calls and the tables it reads.

Read from PostgreSQL's own parse tree, so a name inside a string literal or a comment is
never mistaken for a reference. Used to order a migration by its objects' references and to
find what still uses a function that is about to be dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pglast import parser

from codegen.schema.expressions import parse_expression

Name = tuple[str | None, str]  # (schema as written, or None; name)


@dataclass(frozen=True)
class References:
    """Names a piece of SQL uses, each as written (schema-qualified or not)."""

    functions: frozenset[Name] = frozenset()
    relations: frozenset[Name] = frozenset()


@lru_cache(maxsize=4096)
def expression_references(text: str) -> References:
    """The references of one SQL expression (a default, a check, a policy's USING)."""
    return _collect(parse_expression(text).tree)


@lru_cache(maxsize=1024)
def statements_references(sql: str) -> References:
    """The references of SQL statements (an SQL function's body); none if it does not parse."""
    try:
        tree = json.loads(parser.parse_sql_json(sql))
    except parser.ParseError:
        return References()
    return _collect(tree)


def _collect(tree: Any) -> References:
    functions: set[Name] = set()
    relations: set[Name] = set()
    for kind, node in _nodes(tree):
        if kind == "FuncCall":
            parts = [p["String"]["sval"] for p in node.get("funcname", []) if "String" in p]
            if parts:
                functions.add((parts[-2] if len(parts) > 1 else None, parts[-1]))
        elif kind == "RangeVar":
            relations.add((node.get("schemaname"), node["relname"]))
    return References(frozenset(functions), frozenset(relations))


def _nodes(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, list):
        for item in node:
            yield from _nodes(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("FuncCall", "RangeVar") and isinstance(value, dict):
                yield key, value
            yield from _nodes(value)


def calls_function(text: str, schema: str, function: tuple[str, str]) -> bool:
    """Whether the SQL expression ``text`` (in a table of ``schema``) calls ``function``
    (schema, name): qualified, or unqualified where the search path finds it."""
    function_schema, name = function
    for written_schema, written_name in expression_references(text).functions:
        if written_name == name and (written_schema == function_schema or (
                written_schema is None and function_schema in (schema, "public"))):
            return True
    return False
