"""SQL for configuration rows: an upsert by primary key, an UPDATE of what changed, a
DELETE."""

from __future__ import annotations

from codegen.migrate.changes import DeleteRow, InsertRow, UpdateRow
from codegen.schema import ir
from codegen.sql.dialect import qualified, quote_ident
from codegen.sql.registry import renderer


def _value(value: str | None) -> str:
    return "NULL" if value is None else value


def _where(key_columns: tuple[str, ...], row: ir.Row) -> str:
    return " AND ".join(f"{quote_ident(c)} = {_value(v)}" for c, v in zip(key_columns, row.key))


@renderer
def render_insert_row(change: InsertRow) -> str:
    columns = [c for c, _ in change.row.values]
    rest = [c for c in columns if c not in change.key_columns]
    overriding = " OVERRIDING SYSTEM VALUE" if change.overriding else ""
    if rest:
        sets = ", ".join(f"{quote_ident(c)} = EXCLUDED.{quote_ident(c)}" for c in rest)
        action = f"DO UPDATE SET {sets}"
    else:
        action = "DO NOTHING"
    return (f"INSERT INTO {qualified(change.table)} ({', '.join(map(quote_ident, columns))})"
            f"{overriding}\nVALUES ({', '.join(_value(v) for _, v in change.row.values)})\n"
            f"ON CONFLICT ({', '.join(map(quote_ident, change.key_columns))}) {action}")


@renderer
def render_update_row(change: UpdateRow) -> str:
    old = dict(change.old.values)
    new = dict(change.new.values)
    # A column the spec stops naming keeps its value: only named values are the spec's.
    changed = [(c, v) for c, v in change.new.values if c not in old or old[c] != v]
    assert changed or old.keys() - new.keys()
    sets = ", ".join(f"{quote_ident(c)} = {_value(v)}" for c, v in changed) or ", ".join(
        f"{quote_ident(c)} = {quote_ident(c)}" for c in change.key_columns)
    return f"UPDATE {qualified(change.table)} SET {sets}\nWHERE {_where(change.key_columns, change.new)}"


@renderer
def render_delete_row(change: DeleteRow) -> str:
    return f"DELETE FROM {qualified(change.table)} WHERE {_where(change.key_columns, change.row)}"
