"""SQL for schemas (namespaces)."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import CreateSchema
from codegen.sql.dialect import ident, to_sql
from codegen.sql.registry import renderer


@renderer
def render_create_schema(change: CreateSchema) -> str:
    return to_sql(exp.Create(kind="SCHEMA", this=exp.Table(db=ident(change.schema)), exists=True))
