"""SQL for primary keys, unique constraints, checks and foreign keys."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import (
    AddConstraint,
    AddForeignKey,
    DropConstraint,
    DropForeignKey,
    RenameConstraint,
    ValidateConstraint,
    added_not_valid,
)
from codegen.schema import ir
from codegen.sql.dialect import ident, quote_ident, table, to_sql
from codegen.sql.registry import renderer
from codegen.sql.statements import alter_table_sql, constraint_element, named


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
