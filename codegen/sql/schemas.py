"""SQL for schemas (namespaces)."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import (
    CreateSchema,
    GrantSchemaUsage,
    RevokeSchemaUsage,
    SetSchemaComment,
)
from codegen.schema.defaults import quote_literal
from codegen.sql.dialect import ident, quote_ident, to_sql
from codegen.sql.registry import renderer


@renderer
def render_create_schema(change: CreateSchema) -> str:
    return to_sql(exp.Create(kind="SCHEMA", this=exp.Table(db=ident(change.schema)), exists=True))


@renderer
def render_schema_comment(change: SetSchemaComment) -> str:
    value = "NULL" if change.comment is None else quote_literal(change.comment)
    return f"COMMENT ON SCHEMA {quote_ident(change.schema)} IS {value}"


def _role(role: str) -> str:
    return "PUBLIC" if role.lower() == "public" else quote_ident(role)


@renderer
def render_grant_schema_usage(change: GrantSchemaUsage) -> str:
    return f"GRANT USAGE ON SCHEMA {quote_ident(change.schema)} TO {_role(change.role)}"


@renderer
def render_revoke_schema_usage(change: RevokeSchemaUsage) -> str:
    return f"REVOKE USAGE ON SCHEMA {quote_ident(change.schema)} FROM {_role(change.role)}"
