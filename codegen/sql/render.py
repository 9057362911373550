"""Render change objects to SQL statements, and check them with PostgreSQL's parser.

The renderers live in the modules beside this one, one per object kind, each
registered with :func:`codegen.sql.registry.renderer`; :func:`_load_renderers` lists
those modules (imported on first use: a clean history is checked without sqlglot). Every statement is re-parsed by PostgreSQL's own parser
before a migration is returned; a failure there is a bug in a renderer, never a
user error.
"""

from __future__ import annotations

from functools import cache

from pglast import parser

from codegen.migrate.changes import Change, CreateIndex
from codegen.schema.expressions import is_valid_statement
from codegen.sql.registry import render_change


class InvalidSqlGenerated(AssertionError):
    """PostgreSQL's parser rejected SQL we generated: a bug in a renderer."""


def render_statements(change: Change, concurrent: bool = False) -> list[str]:
    """The statements of one change, each ending in a semicolon (not yet validated).

    ``concurrent``: indexes are built with CREATE INDEX CONCURRENTLY.
    """
    _load_renderers()
    if concurrent and isinstance(change, CreateIndex):
        from codegen.sql.indexes import create_index_sql

        return [create_index_sql(change, concurrently=True) + ";"]
    rendered = render_change(change)
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


@cache
def _load_renderers() -> None:
    # Registration: importing a kind's module registers its renderers (once: a migration of
    # 14,000 statements spent 0.1 s in the import statement alone).
    from codegen.sql import (  # noqa: F401
        buckets,
        columns,
        constraints,
        default_privileges,
        enums,
        extensions,
        functions,
        grants,
        indexes,
        policies,
        realtime,
        rows,
        schemas,
        tables,
        triggers,
        views,
    )
