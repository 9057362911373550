"""Compare a table's columns."""

from __future__ import annotations

from codegen.migrate.changes import (
    AddColumn,
    AlterColumnType,
    Change,
    DropColumn,
    RenameColumn,
    SetColumnComment,
    SetColumnDefault,
    SetColumnIdentity,
    SetColumnNullable,
)
from codegen.schema import ir


def compare_columns(old: ir.Table, new: ir.Table, recreated: set[ir.QualifiedName],
                    changes: list[Change]) -> set[str]:
    """Append column changes; return the columns whose type changes (in place or by recreation)."""
    name = new.name
    old_columns = {c.name: c for c in old.columns}
    new_names = {c.name for c in new.columns}
    matched: set[str] = set()
    retyped: set[str] = set()
    for column in new.columns:
        before = old_columns.get(column.name)
        if (before is None and column.renamed_from in old_columns
                and column.renamed_from not in new_names):
            before = old_columns[column.renamed_from]
            changes.append(RenameColumn(name, before.name, column.name))
        if before is None:
            changes.append(AddColumn(name, column))
            if column.comment:
                changes.append(SetColumnComment(name, column.name, column.comment))
            continue
        matched.add(before.name)
        if column.type.enum in recreated:
            retyped.add(column.name)
        if before.type != column.type:
            changes.append(AlterColumnType(name, before, column))
            retyped.add(column.name)
        elif before.default != column.default:
            changes.append(SetColumnDefault(name, column.name, column.default))
        if before.nullable != column.nullable:
            changes.append(SetColumnNullable(name, column, column.nullable))
        if before.identity != column.identity:
            changes.append(SetColumnIdentity(name, column.name, before.identity, column.identity))
        if before.comment != column.comment:
            changes.append(SetColumnComment(name, column.name, column.comment))
    for column in old.columns:
        if column.name not in matched and column.name not in new_names:
            changes.append(DropColumn(name, column))
    return retyped
