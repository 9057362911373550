"""SQL for extensions."""

from __future__ import annotations

from codegen.migrate.changes import AlterExtension, CreateExtension, DropExtension
from codegen.schema.defaults import quote_literal
from codegen.sql.dialect import quote_ident
from codegen.sql.registry import renderer


@renderer
def render_create_extension(change: CreateExtension) -> str:
    extension = change.extension
    sql = (f"CREATE EXTENSION IF NOT EXISTS {quote_ident(extension.name)} "
           f"WITH SCHEMA {quote_ident(extension.schema)}")
    if extension.version is not None:
        sql += f" VERSION {quote_literal(extension.version)}"
    return sql


@renderer
def render_alter_extension(change: AlterExtension) -> list[str]:
    name = quote_ident(change.new.name)
    statements = []
    if change.old.schema != change.new.schema:
        statements.append(f"ALTER EXTENSION {name} SET SCHEMA {quote_ident(change.new.schema)}")
    if change.old.version != change.new.version:
        version = f" TO {quote_literal(change.new.version)}" if change.new.version else ""
        statements.append(f"ALTER EXTENSION {name} UPDATE{version}")
    return statements


@renderer
def render_drop_extension(change: DropExtension) -> str:
    return f"DROP EXTENSION {quote_ident(change.extension.name)}"
