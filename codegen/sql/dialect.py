"""sqlglot building blocks for our PostgreSQL output.

Statements are sqlglot expression trees printed in the postgres dialect. Text
that must reach the migration exactly as written (a user's SQL expression, a
type spelled the way PostgreSQL documents it) travels in a :class:`Raw` node,
which our dialect prints verbatim; sqlglot would otherwise rewrite ``now()``
into ``CURRENT_TIMESTAMP`` and ``numeric`` into ``DECIMAL``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from pglast.keywords import UNRESERVED_KEYWORDS
from sqlglot import exp
from sqlglot.dialects.postgres import Postgres
from sqlglot.generators.postgres import PostgresGenerator  # what ``Postgres.Generator`` names

from codegen.schema import ir

_PLAIN_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_$]*")


class Raw(exp.Expression):
    """SQL text inserted as is."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


def _column_def(generator: PostgresGenerator, column: exp.ColumnDef) -> str:
    """``name type constraints``: what sqlglot prints for the column definitions we build
    (a name, a Raw type, constraints), without first searching each one for the serial,
    AUTO_INCREMENT and IN/OUT markers it converts (three tree walks a column, a fifth of
    the time of rendering a large schema)."""
    constraints = generator.expressions(column, key="constraints", sep=" ", flat=True)
    text = f"{generator.sql(column, 'this')} {generator.sql(column, 'kind')}"
    return f"{text} {constraints}" if constraints else text


class CodegenPostgres(Postgres):
    class Generator(PostgresGenerator):
        TRANSFORMS: ClassVar[dict[type[exp.Expr], Callable[..., str]]] = {
            **PostgresGenerator.TRANSFORMS, Raw: lambda self, e: e.this,
            exp.ColumnDef: _column_def}


def needs_quotes(name: str) -> bool:
    """Like PostgreSQL's quote_identifier: quote unless lowercase, plain and not a keyword."""
    return not _PLAIN_IDENTIFIER.fullmatch(name) or (
        name in _KEYWORDS and name not in UNRESERVED_KEYWORDS
    )


def _all_keywords() -> frozenset[str]:
    from pglast import keywords

    return frozenset(
        keywords.RESERVED_KEYWORDS
        | keywords.TYPE_FUNC_NAME_KEYWORDS
        | keywords.COL_NAME_KEYWORDS
        | keywords.UNRESERVED_KEYWORDS
    )


_KEYWORDS = _all_keywords()


def ident(name: str) -> exp.Identifier:
    return exp.Identifier(this=name, quoted=needs_quotes(name))


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"' if needs_quotes(name) else name


def qualified(name: ir.QualifiedName) -> str:
    return f"{quote_ident(name.schema)}.{quote_ident(name.name)}"


def table(name: ir.QualifiedName) -> exp.Table:
    return exp.Table(this=ident(name.name), db=ident(name.schema))


def column(table_name: ir.QualifiedName, name: str) -> exp.Column:
    return exp.Column(this=ident(name), table=ident(table_name.name), db=ident(table_name.schema))


def raw(text: str) -> Raw:
    return Raw(this=text)


_DIALECT = CodegenPostgres()
_GENERATOR = _DIALECT.generator()


def to_sql(expression: exp.Expression) -> str:
    # The trees are built fresh for every statement, so sqlglot's defensive deep copy
    # (Expression.sql copies the whole tree first) is skipped: a third of render time.
    return _GENERATOR.generate(expression, copy=False)
