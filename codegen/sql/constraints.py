"""SQL for constraints, foreign keys and indexes."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import (
    AddConstraint,
    AddForeignKey,
    CreateIndex,
    DropConstraint,
    DropForeignKey,
    DropIndex,
    RenameConstraint,
    RenameIndex,
    ValidateConstraint,
    added_not_valid,
)
from codegen.schema import ir
from codegen.sql.dialect import ident, qualified, quote_ident, raw, table, to_sql
from codegen.sql.render import renderer
from codegen.sql.tables import alter_table_sql, constraint_element, named


def _actions(fk: ir.ForeignKey) -> list[str]:
    actions = []
    if fk.on_delete:
        actions.append(f"ON DELETE {fk.on_delete.upper()}")
    if fk.on_update:
        actions.append(f"ON UPDATE {fk.on_update.upper()}")
    return actions


def _add(name: ir.QualifiedName, constraint: exp.Expression) -> str:
    return to_sql(exp.Alter(this=table(name), kind="TABLE",
                            actions=[exp.AddConstraint(expressions=[constraint])]))


def _added(change: AddConstraint | AddForeignKey, sql: str) -> str | list[str]:
    """A foreign key or check on a table with rows is added without scanning them (a brief
    lock), then validated (no write lock): in the next migration file, or (migrations
    written before that) right after."""
    name = added_not_valid(change)
    if name is None:
        return sql
    if change.validate_later:
        return [f"{sql} NOT VALID"]
    return [f"{sql} NOT VALID", _validate(change.table, name)]


def _validate(name: ir.QualifiedName, constraint: str) -> str:
    return alter_table_sql(name, f"VALIDATE CONSTRAINT {quote_ident(constraint)}")


@renderer
def render_add_constraint(change: AddConstraint) -> str | list[str]:
    return _added(change, _add(change.table, constraint_element(change.constraint)))


@renderer
def render_validate_constraint(change: ValidateConstraint) -> str:
    return _validate(change.table, change.name)


@renderer
def render_add_foreign_key(change: AddForeignKey) -> str | list[str]:
    fk = change.foreign_key
    reference = exp.Reference(
        this=exp.Schema(this=table(fk.target), expressions=[ident(c) for c in fk.target_columns]),
        options=_actions(fk),
    )
    sql = _add(change.table, named(fk.name, exp.ForeignKey(
        expressions=[ident(c) for c in fk.columns], reference=reference)))
    return _added(change, sql)


@renderer
def render_drop_constraint(change: DropConstraint) -> str:
    return alter_table_sql(change.table, f"DROP CONSTRAINT {quote_ident(change.constraint.name)}")


@renderer
def render_drop_foreign_key(change: DropForeignKey) -> str:
    return alter_table_sql(change.table,
                           f"DROP CONSTRAINT {quote_ident(change.foreign_key.name)}")


@renderer
def render_rename_constraint(change: RenameConstraint) -> str:
    return alter_table_sql(change.table, f"RENAME CONSTRAINT {quote_ident(change.old)} "
                                         f"TO {quote_ident(change.new)}")


@renderer
def render_create_index(change: CreateIndex) -> str:
    return create_index_sql(change, concurrently=False)


def create_index_sql(change: CreateIndex, concurrently: bool) -> str:
    index = change.index
    params = exp.IndexParameters(
        using=exp.var(index.using) if index.using != "btree" else None,
        columns=[exp.Ordered(this=raw(f"{quote_ident(c)} {index.opclass}") if index.opclass
                             else exp.Column(this=ident(c))) for c in index.columns],
        where=exp.Where(this=raw(index.where)) if index.where else None,
    )
    return to_sql(exp.Create(
        kind="INDEX", unique=index.unique, concurrently=concurrently,
        this=exp.Index(this=ident(index.name), table=table(change.table), params=params),
    ))


@renderer
def render_drop_index(change: DropIndex) -> str:
    name = ir.QualifiedName(change.table.schema, change.index.name)
    return to_sql(exp.Drop(kind="INDEX", tables=[table(name)]))


@renderer
def render_rename_index(change: RenameIndex) -> str:
    return (f"ALTER INDEX {qualified(ir.QualifiedName(change.schema, change.old))} "
            f"RENAME TO {quote_ident(change.new)}")
