"""Render each change object to one SQL statement (one dispatch target per change type).

Every rendered statement is re-parsed by PostgreSQL's own parser before it is
returned; a failure there is a bug in this module, never a user error.
"""

from __future__ import annotations

from functools import singledispatch

from sqlglot import exp

from codegen import ir
from codegen.changes import (
    AddForeignKey,
    Change,
    CreateEnum,
    CreateSchema,
    CreateIndex,
    CreatePolicy,
    CreateTable,
    EnableRls,
    GrantPrivileges,
    SetColumnComment,
    SetEnumComment,
    SetTableComment,
)
from codegen.defaults import quote_literal
from codegen.pgtypes import type_sql
from codegen.sql.dialect import column, ident, qualified, quote_ident, raw, table, to_sql
from codegen.sqlexpr import is_valid_statement


class InvalidSqlGenerated(AssertionError):
    """PostgreSQL's parser rejected SQL we generated: a bug in the renderer."""


def render_statement(change: Change) -> str:
    sql = _render(change)
    problem = is_valid_statement(sql)
    if problem is not None:
        raise InvalidSqlGenerated(f"generated SQL does not parse ({problem}):\n{sql}")
    return sql + ";"


@singledispatch
def _render(change: object) -> str:
    raise TypeError(f"no renderer for {type(change).__name__}")


def column_type_sql(column_type: ir.ColumnType) -> str:
    return type_sql(column_type, qualified)


def _actions(fk: ir.ForeignKey) -> list[str]:
    actions = []
    if fk.on_delete:
        actions.append(f"ON DELETE {fk.on_delete.upper()}")
    if fk.on_update:
        actions.append(f"ON UPDATE {fk.on_update.upper()}")
    return actions


def _column_def(col: ir.Column) -> exp.ColumnDef:
    constraints: list[exp.ColumnConstraint] = []
    if col.identity is not None:
        constraints.append(exp.ColumnConstraint(
            kind=exp.GeneratedAsIdentityColumnConstraint(this=col.identity == "always")
        ))
    if col.default is not None:
        constraints.append(exp.ColumnConstraint(
            kind=exp.DefaultColumnConstraint(this=raw(col.default.sql))
        ))
    if not col.nullable:
        constraints.append(exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))
    return exp.ColumnDef(this=ident(col.name), kind=raw(column_type_sql(col.type)),
                         constraints=constraints)


def _named(name: str, constraint: exp.Expression) -> exp.Constraint:
    return exp.Constraint(this=ident(name), expressions=[constraint])


@_render.register
def render_create_schema(change: CreateSchema) -> str:
    return to_sql(exp.Create(kind="SCHEMA", this=exp.Table(db=ident(change.schema)), exists=True))


@_render.register
def render_create_enum(change: CreateEnum) -> str:
    values = [exp.Literal.string(v) for v in change.enum.values]
    statement = exp.Create(
        kind="TYPE", this=table(change.enum.name),
        expression=exp.DataType(this=exp.DataType.Type.ENUM, expressions=values),
    )
    return to_sql(statement)


@_render.register
def render_create_table(change: CreateTable) -> str:
    t = change.table
    elements: list[exp.Expression] = [_column_def(c) for c in t.columns]
    if t.primary_key is not None:
        elements.append(_named(t.primary_key.name, exp.PrimaryKey(
            expressions=[ident(c) for c in t.primary_key.columns])))
    for unique in t.uniques:
        elements.append(_named(unique.name, exp.UniqueColumnConstraint(
            this=exp.Schema(expressions=[ident(c) for c in unique.columns]))))
    for check in t.checks:
        elements.append(_named(check.name, exp.CheckColumnConstraint(this=raw(check.expression))))
    # One element per line, each printed compactly (sqlglot's pretty mode would also
    # spread every constraint's column list over several lines).
    body = ",\n  ".join(to_sql(element) for element in elements)
    return f"CREATE TABLE {to_sql(table(t.name))} (\n  {body}\n)"


@_render.register
def render_add_foreign_key(change: AddForeignKey) -> str:
    fk = change.foreign_key
    reference = exp.Reference(
        this=exp.Schema(this=table(fk.target), expressions=[ident(c) for c in fk.target_columns]),
        options=_actions(fk),
    )
    constraint = _named(fk.name, exp.ForeignKey(expressions=[ident(c) for c in fk.columns],
                                                reference=reference))
    statement = exp.Alter(this=table(change.table), kind="TABLE",
                          actions=[exp.AddConstraint(expressions=[constraint])])
    return to_sql(statement)


@_render.register
def render_create_index(change: CreateIndex) -> str:
    index = change.index
    params = exp.IndexParameters(
        using=exp.var(index.using) if index.using != "btree" else None,
        columns=[exp.Ordered(this=raw(f"{quote_ident(c)} {index.opclass}") if index.opclass
                             else exp.Column(this=ident(c))) for c in index.columns],
        where=exp.Where(this=raw(index.where)) if index.where else None,
    )
    statement = exp.Create(
        kind="INDEX", unique=index.unique,
        this=exp.Index(this=ident(index.name), table=table(change.table), params=params),
    )
    return to_sql(statement)


@_render.register
def render_enable_rls(change: EnableRls) -> str:
    return f"ALTER TABLE {qualified(change.table)} ENABLE ROW LEVEL SECURITY"


@_render.register
def render_create_policy(change: CreatePolicy) -> str:
    policy = change.policy
    kind = "PERMISSIVE" if policy.permissive else "RESTRICTIVE"
    roles = ", ".join(role if role == "public" else quote_ident(role) for role in policy.roles)
    sql = (f"CREATE POLICY {quote_ident(policy.name)} ON {qualified(change.table)}\n"
           f"  AS {kind} FOR {policy.command.upper()} TO {roles}")
    if policy.using is not None:
        sql += f"\n  USING ({policy.using.strip()})"
    if policy.with_check is not None:
        sql += f"\n  WITH CHECK ({policy.with_check.strip()})"
    return sql


@_render.register
def render_grant(change: GrantPrivileges) -> str:
    grant = change.grant
    privileges = [exp.GrantPrivilege(this=exp.var(p.upper())) for p in grant.privileges]
    principal = exp.GrantPrincipal(this=exp.var("public") if grant.role == "public"
                                   else ident(grant.role))
    statement = exp.Grant(privileges=privileges, kind="TABLE", securable=table(change.table),
                          principals=[principal])
    return to_sql(statement)


def _comment(kind: str, target: exp.Expression, text: str | None) -> str:
    value: exp.Expression = exp.Literal.string(text) if text is not None else exp.null()
    return to_sql(exp.Comment(this=target, kind=kind, expression=value))


@_render.register
def render_table_comment(change: SetTableComment) -> str:
    return _comment("TABLE", table(change.table), change.comment)


@_render.register
def render_column_comment(change: SetColumnComment) -> str:
    return _comment("COLUMN", column(change.table, change.column), change.comment)


@_render.register
def render_enum_comment(change: SetEnumComment) -> str:
    return _comment("TYPE", table(change.enum), change.comment)


__all__ = ["render_statement", "InvalidSqlGenerated", "column_type_sql", "quote_literal"]
