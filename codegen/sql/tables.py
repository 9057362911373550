"""SQL for tables and their columns."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import (
    AddColumn,
    AlterColumnType,
    CreateTable,
    DropColumn,
    DropTable,
    RenameColumn,
    RenameTable,
    SetColumnComment,
    SetColumnDefault,
    SetColumnIdentity,
    SetColumnNullable,
    SetTableComment,
)
from codegen.schema import ir
from codegen.schema.pgtypes import type_sql
from codegen.sql.dialect import column, ident, qualified, quote_ident, raw, table, to_sql
from codegen.sql.render import renderer
from codegen.sql.types import comment_sql


def column_type_sql(column_type: ir.ColumnType) -> str:
    return type_sql(column_type, qualified)


def named(name: str, constraint: exp.Expression) -> exp.Constraint:
    return exp.Constraint(this=ident(name), expressions=[constraint])


def column_def(col: ir.Column, with_not_null: bool = True) -> exp.ColumnDef:
    constraints: list[exp.ColumnConstraint] = []
    if col.identity is not None:
        constraints.append(exp.ColumnConstraint(
            kind=exp.GeneratedAsIdentityColumnConstraint(this=col.identity == "always")
        ))
    if col.default is not None:
        constraints.append(exp.ColumnConstraint(
            kind=exp.DefaultColumnConstraint(this=raw(col.default.sql))
        ))
    if not col.nullable and with_not_null:
        constraints.append(exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))
    return exp.ColumnDef(this=ident(col.name), kind=raw(column_type_sql(col.type)),
                         constraints=constraints)


def constraint_element(constraint: ir.PrimaryKey | ir.Unique | ir.Check) -> exp.Constraint:
    if isinstance(constraint, ir.PrimaryKey):
        return named(constraint.name, exp.PrimaryKey(
            expressions=[ident(c) for c in constraint.columns]))
    if isinstance(constraint, ir.Unique):
        return named(constraint.name, exp.UniqueColumnConstraint(
            this=exp.Schema(expressions=[ident(c) for c in constraint.columns])))
    return named(constraint.name, exp.CheckColumnConstraint(this=raw(constraint.expression)))


def alter_table_sql(name: ir.QualifiedName, action: str) -> str:
    return f"ALTER TABLE {qualified(name)} {action}"


def alter_column_sql(name: ir.QualifiedName, col: str, action: str) -> str:
    return alter_table_sql(name, f"ALTER COLUMN {quote_ident(col)} {action}")


def default_sql(default: ir.Default) -> str:
    return f"SET DEFAULT {default.sql}"


def backfill_sql(name: ir.QualifiedName, col: ir.Column) -> str:
    assert col.backfill is not None
    target = quote_ident(col.name)
    return f"UPDATE {qualified(name)} SET {target} = {col.backfill} WHERE {target} IS NULL"


@renderer
def render_create_table(change: CreateTable) -> str:
    t = change.table
    elements: list[exp.Expression] = [column_def(c) for c in t.columns]
    constraints: list[ir.PrimaryKey | ir.Unique | ir.Check] = [
        *([t.primary_key] if t.primary_key else []), *t.uniques, *t.checks]
    elements.extend(constraint_element(c) for c in constraints)
    # One element per line, each printed compactly (sqlglot's pretty mode would also
    # spread every constraint's column list over several lines).
    body = ",\n  ".join(to_sql(element) for element in elements)
    return f"CREATE TABLE {to_sql(table(t.name))} (\n  {body}\n)"


@renderer
def render_drop_table(change: DropTable) -> str:
    return to_sql(exp.Drop(kind="TABLE", tables=[table(change.table.name)]))


@renderer
def render_rename_table(change: RenameTable) -> list[str]:
    statements = []
    if change.old.schema != change.new.schema:
        statements.append(alter_table_sql(change.old, f"SET SCHEMA {quote_ident(change.new.schema)}"))
    if change.old.name != change.new.name:
        moved = ir.QualifiedName(change.new.schema, change.old.name)
        statements.append(alter_table_sql(moved, f"RENAME TO {quote_ident(change.new.name)}"))
    return statements


@renderer
def render_table_comment(change: SetTableComment) -> str:
    return comment_sql("TABLE", table(change.table), change.comment)


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
