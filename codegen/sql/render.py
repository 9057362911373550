"""Render change objects to SQL statements: one renderer per change type.

The renderers live in the modules beside this one, grouped by object kind;
each returns one statement or several (a type change that must move a default
out of the way, say). Every statement is re-parsed by PostgreSQL's own parser
before a migration is returned; a failure there is a bug in a renderer, never a
user error.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatch
from typing import Any, TypeVar

from pglast import parser

from codegen.migrate.changes import Change, CreateIndex
from codegen.schema.expressions import is_valid_statement

F = TypeVar("F", bound=Callable[..., Any])


class InvalidSqlGenerated(AssertionError):
    """PostgreSQL's parser rejected SQL we generated: a bug in a renderer."""


@singledispatch
def _render(change: object) -> str | list[str]:
    raise TypeError(f"no renderer for {type(change).__name__}")


def renderer(function: F) -> F:
    """Register ``function`` as the renderer of the change type its first argument names."""
    _render.register(function)
    return function


def render_statements(change: Change, concurrent: bool = False) -> list[str]:
    """The statements of one change, each ending in a semicolon (not yet validated).

    ``concurrent``: indexes are built with CREATE INDEX CONCURRENTLY.
    """
    _load_renderers()
    if concurrent and isinstance(change, CreateIndex):
        from codegen.sql.constraints import create_index_sql

        return [create_index_sql(change, concurrently=True) + ";"]
    rendered = _render(change)
    statements = [rendered] if isinstance(rendered, str) else rendered
    return [sql + ";" for sql in statements]


def validate_statements(statements: list[str]) -> None:
    """Parse all statements with PostgreSQL's parser at once (one call for a whole migration);
    on a failure, find and name the statement at fault."""
    try:
        count = len(parser.split("\n".join(statements), with_parser=True))
    except parser.ParseError:
        count = -1
    if count == len(statements):
        return
    for sql in statements:
        problem = is_valid_statement(sql)
        if problem is not None:
            raise InvalidSqlGenerated(f"generated SQL does not parse ({problem}):\n{sql}")
    raise InvalidSqlGenerated(f"expected {len(statements)} statements, PostgreSQL read {count}")


def _load_renderers() -> None:
    from codegen.sql import constraints, security, tables, types  # noqa: F401  (registration)
