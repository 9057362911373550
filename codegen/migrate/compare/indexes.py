"""Compare a table's indexes."""

from __future__ import annotations

from codegen.migrate.changes import Change, CreateIndex, DropIndex, RenameIndex
from codegen.migrate.compare.renames import match_by_definition, rename_in, renamed_columns
from codegen.schema import ir


def compare_indexes(old: ir.Table, new: ir.Table, changes: list[Change]) -> None:
    renames = renamed_columns(old, new)

    def definition(index: ir.Index) -> object:
        return (rename_in(index.columns, renames), index.unique, index.using, index.where,
                index.opclass, index.include, index.nulls_not_distinct, index.elements)

    dropped, added, renamed = match_by_definition(old.indexes, new.indexes, definition)
    changes.extend(DropIndex(new.name, index) for index in dropped)
    changes.extend(RenameIndex(new.name.schema, a.name, b.name) for a, b in renamed)
    changes.extend(CreateIndex(new.name, index) for index in added)
