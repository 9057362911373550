"""Compare a table's primary key, unique constraints, checks and foreign keys."""

from __future__ import annotations

from codegen.migrate.changes import (
    AddConstraint,
    AddForeignKey,
    Change,
    Constraint,
    DropConstraint,
    DropForeignKey,
    RenameConstraint,
)
from codegen.migrate.compare.renames import (
    Renames,
    match_by_definition,
    rename_in,
    renamed_columns,
)
from codegen.schema import ir


def compare_constraints(old: ir.Table, new: ir.Table, table_renames: Renames,
                        changes: list[Change]) -> None:
    name = new.name
    renames = renamed_columns(old, new)

    def definition(c: Constraint) -> object:
        if isinstance(c, ir.Check):
            return c.expression
        if isinstance(c, ir.Unique) and c.nulls_not_distinct:
            return rename_in(c.columns, renames), "nulls not distinct"
        return rename_in(c.columns, renames)

    for kind in ("pk", "unique", "check"):
        dropped, added, renamed = match_by_definition(
            _constraints(old, kind), _constraints(new, kind), definition)
        changes.extend(DropConstraint(name, c) for c in dropped)
        changes.extend(RenameConstraint(name, a.name, b.name) for a, b in renamed)
        changes.extend(AddConstraint(name, c, existing_table=True) for c in added)

    def fk_definition(fk: ir.ForeignKey) -> object:
        return (rename_in(fk.columns, renames), table_renames.target(fk), fk.on_delete,
                fk.on_update)

    dropped_fks, added_fks, renamed_fks = match_by_definition(
        old.foreign_keys, new.foreign_keys, fk_definition)
    changes.extend(DropForeignKey(name, fk) for fk in dropped_fks)
    changes.extend(RenameConstraint(name, a.name, b.name) for a, b in renamed_fks)
    changes.extend(AddForeignKey(name, fk, existing_table=True) for fk in added_fks)


def _constraints(table: ir.Table, kind: str) -> list[Constraint]:
    if kind == "pk":
        return [table.primary_key] if table.primary_key else []
    if kind == "unique":
        return list(table.uniques)
    return list(table.checks)
