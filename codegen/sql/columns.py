"""SQL for columns."""

from __future__ import annotations

from codegen.migrate.changes import (
    AddColumn,
    AlterColumnType,
    DropColumn,
    RenameColumn,
    SetColumnComment,
    SetColumnDefault,
    SetColumnIdentity,
    SetColumnNullable,
)
from codegen.schema import ir
from codegen.sql.dialect import column, qualified, quote_ident, to_sql
from codegen.sql.registry import renderer
from codegen.sql.statements import (
    alter_column_sql,
    alter_table_sql,
    column_def,
    column_type_sql,
    comment_sql,
    default_sql,
)


def backfill_sql(name: ir.QualifiedName, col: ir.Column) -> str:
    assert col.backfill is not None
    target = quote_ident(col.name)
    return f"UPDATE {qualified(name)} SET {target} = {col.backfill} WHERE {target} IS NULL"


@renderer
def render_add_column(change: AddColumn) -> list[str]:
    col = change.column
    needs_backfill = not col.nullable and col.default is None and col.identity is None
    if not needs_backfill:
        return [alter_table_sql(change.table, f"ADD COLUMN {to_sql(column_def(col))}")]
    # Add it nullable, fill existing rows from the spec's backfill, then forbid NULL.
    return [
        alter_table_sql(change.table, f"ADD COLUMN {to_sql(column_def(col, with_not_null=False))}"),
        backfill_sql(change.table, col),
        alter_column_sql(change.table, col.name, "SET NOT NULL"),
    ]


@renderer
def render_drop_column(change: DropColumn) -> str:
    return alter_table_sql(change.table, f"DROP COLUMN {quote_ident(change.column.name)}")


@renderer
def render_rename_column(change: RenameColumn) -> str:
    return alter_table_sql(
        change.table, f"RENAME COLUMN {quote_ident(change.old)} TO {quote_ident(change.new)}")


@renderer
def render_alter_column_type(change: AlterColumnType) -> list[str]:
    old, new = change.old, change.new
    statements = []
    # A default of the old type may not cast to the new one: move it out of the way.
    if old.default is not None:
        statements.append(alter_column_sql(change.table, new.name, "DROP DEFAULT"))
    new_type = column_type_sql(new.type)
    using = new.using or _cast(new.name, old.type, new.type)
    statements.append(alter_column_sql(change.table, new.name, f"TYPE {new_type} USING {using}"))
    if new.default is not None:
        statements.append(alter_column_sql(change.table, new.name, default_sql(new.default)))
    return statements


def _cast(name: str, old: ir.ColumnType, new: ir.ColumnType) -> str:
    """The default USING expression; enums have no casts but through text."""
    if old.enum is not None or new.enum is not None:
        via = "text" + "[]" * old.array_dims
        return f"{quote_ident(name)}::{via}::{column_type_sql(new)}"
    return f"{quote_ident(name)}::{column_type_sql(new)}"


@renderer
def render_set_nullable(change: SetColumnNullable) -> list[str]:
    if change.nullable:
        return [alter_column_sql(change.table, change.column.name, "DROP NOT NULL")]
    statements = [backfill_sql(change.table, change.column)] if change.column.backfill else []
    statements.append(alter_column_sql(change.table, change.column.name, "SET NOT NULL"))
    return statements


@renderer
def render_set_default(change: SetColumnDefault) -> str:
    action = default_sql(change.default) if change.default else "DROP DEFAULT"
    return alter_column_sql(change.table, change.column, action)


@renderer
def render_set_identity(change: SetColumnIdentity) -> str:
    if change.new is None:
        return alter_column_sql(change.table, change.column, "DROP IDENTITY")
    kind = "ALWAYS" if change.new == "always" else "BY DEFAULT"
    if change.old is None:
        return alter_column_sql(change.table, change.column, f"ADD GENERATED {kind} AS IDENTITY")
    return alter_column_sql(change.table, change.column, f"SET GENERATED {kind}")


@renderer
def render_column_comment(change: SetColumnComment) -> str:
    return comment_sql("COLUMN", column(change.table, change.column), change.comment)
