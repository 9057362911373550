"""Statement pieces shared by the renderers of several object kinds."""

from __future__ import annotations

from sqlglot import exp

from codegen.schema import ir
from codegen.schema.defaults import quote_literal
from codegen.schema.pgtypes import type_sql
from codegen.sql.dialect import ident, qualified, quote_ident, raw, to_sql


def comment_sql(kind: str, target: exp.Expression, text: str | None) -> str:
    value: exp.Expression = raw(quote_literal(text)) if text is not None else exp.null()
    return to_sql(exp.Comment(this=target, kind=kind, expression=value))


def alter_table_sql(name: ir.QualifiedName, action: str) -> str:
    return f"ALTER TABLE {qualified(name)} {action}"


def alter_column_sql(name: ir.QualifiedName, col: str, action: str) -> str:
    return alter_table_sql(name, f"ALTER COLUMN {quote_ident(col)} {action}")


def default_sql(default: ir.Default) -> str:
    return f"SET DEFAULT {default.sql}"


def column_type_sql(column_type: ir.ColumnType) -> str:
    return type_sql(column_type, qualified)


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


def named(name: str, constraint: exp.Expression) -> exp.Constraint:
    return exp.Constraint(this=ident(name), expressions=[constraint])


def constraint_element(constraint: ir.PrimaryKey | ir.Unique | ir.Check) -> exp.Constraint:
    if isinstance(constraint, ir.PrimaryKey):
        return named(constraint.name, exp.PrimaryKey(
            expressions=[ident(c) for c in constraint.columns]))
    if isinstance(constraint, ir.Unique) and constraint.nulls_not_distinct:
        columns = ", ".join(quote_ident(c) for c in constraint.columns)
        return named(constraint.name, raw(f"UNIQUE NULLS NOT DISTINCT ({columns})"))
    if isinstance(constraint, ir.Unique):
        return named(constraint.name, exp.UniqueColumnConstraint(
            this=exp.Schema(expressions=[ident(c) for c in constraint.columns])))
    return named(constraint.name, exp.CheckColumnConstraint(this=raw(constraint.expression)))
