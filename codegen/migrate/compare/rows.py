"""Compare a table's configuration rows by primary key (a new table: ``old`` None)."""

from __future__ import annotations

from codegen.migrate.changes import Change, DeleteRow, InsertRow, UpdateRow
from codegen.migrate.compare.renames import renamed_columns
from codegen.schema import ir


def compare_rows(old: ir.Table | None, new: ir.Table, changes: list[Change]) -> None:
    if new.primary_key is None or (not new.rows and (old is None or not old.rows)):
        return
    keys = new.primary_key.columns
    always = {c.name for c in new.columns if c.identity == "always"}
    renames = renamed_columns(old, new) if old is not None else {}
    before = {}
    for row in old.rows if old is not None else ():
        values = tuple(sorted((renames.get(c, c), v) for c, v in row.values))
        moved = ir.Row(tuple(dict(values).get(c) for c in keys), values)
        before[moved.key] = moved
    after = {row.key: row for row in new.rows}
    for row in new.rows:
        was = before.get(row.key)
        if was is None:
            overriding = any(c in always for c, _ in row.values)
            changes.append(InsertRow(new.name, keys, row, overriding))
        elif was != row:
            changes.append(UpdateRow(new.name, keys, was, row))
    changes.extend(DeleteRow(new.name, keys, row) for key, row in before.items()
                   if key not in after)
