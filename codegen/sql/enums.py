"""SQL for enum types."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import (
    AddEnumValue,
    CreateEnum,
    DropEnum,
    RecreateEnum,
    RenameEnumValue,
    SetEnumComment,
)
from codegen.schema import ir
from codegen.schema.defaults import quote_literal
from codegen.sql.dialect import qualified, quote_ident, table, to_sql
from codegen.sql.registry import renderer
from codegen.sql.statements import alter_column_sql, comment_sql, default_sql


def create_enum_sql(enum: ir.Enum) -> str:
    values = [exp.Literal.string(v) for v in enum.values]
    return to_sql(exp.Create(
        kind="TYPE", this=table(enum.name),
        expression=exp.DataType(this=exp.DataType.Type.ENUM, expressions=values),
    ))


@renderer
def render_create_enum(change: CreateEnum) -> str:
    return create_enum_sql(change.enum)


@renderer
def render_drop_enum(change: DropEnum) -> str:
    return to_sql(exp.Drop(kind="TYPE", tables=[table(change.enum.name)]))


@renderer
def render_add_enum_value(change: AddEnumValue) -> str:
    # Since PostgreSQL 12 this may run in a transaction, but the label cannot be used before
    # that transaction commits: the planner gives these statements a migration of their own.
    sql = f"ALTER TYPE {qualified(change.enum)} ADD VALUE {quote_literal(change.value)}"
    if change.before is not None:
        sql += f" BEFORE {quote_literal(change.before)}"
    return sql


@renderer
def render_rename_enum_value(change: RenameEnumValue) -> str:
    return (f"ALTER TYPE {qualified(change.enum)} RENAME VALUE {quote_literal(change.old)} "
            f"TO {quote_literal(change.new)}")


@renderer
def render_recreate_enum(change: RecreateEnum) -> list[str]:
    """Swap in a new type: rename the old one away, create the new, convert every column."""
    name = change.new.name
    retired = ir.QualifiedName(name.schema, f"{name.name}__old")
    statements = [
        f"ALTER TYPE {qualified(name)} RENAME TO {quote_ident(retired.name)}",
        create_enum_sql(change.new),
    ]
    for table_name, column in change.columns:
        type_sql = qualified(name) + "[]" * column.type.array_dims
        if column.default is not None:
            statements.append(alter_column_sql(table_name, column.name, "DROP DEFAULT"))
        statements.append(alter_column_sql(
            table_name, column.name,
            f"TYPE {type_sql} USING {quote_ident(column.name)}::text{'[]' * column.type.array_dims}"
            f"::{type_sql}"))
        if column.default is not None:
            statements.append(alter_column_sql(table_name, column.name, default_sql(column.default)))
    statements.append(f"DROP TYPE {qualified(retired)}")
    return statements


@renderer
def render_enum_comment(change: SetEnumComment) -> str:
    return comment_sql("TYPE", table(change.enum), change.comment)
