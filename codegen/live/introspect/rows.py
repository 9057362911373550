"""The configuration rows a spec keeps in its tables, found by primary key.

Only the rows asked for are read (:attr:`Catalog.wanted_rows`, the spec's when verifying):
which rows of a table are configuration rather than the app's data only a spec can say, so
``pull`` reads none. Each value the spec names is compared by PostgreSQL itself (``IS NOT
DISTINCT FROM`` the spec's literal, in the column's type): equal, it reads as the spec's
literal; different, as a literal of the value found.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg
from psycopg import sql

from codegen.live.introspect.catalog import Catalog, TableParts
from codegen.schema import ir
from codegen.schema.defaults import DefaultError, literal_default, quote_literal


def read(catalog: Catalog) -> None:
    for table in catalog.tables.values():
        wanted = catalog.wanted_rows.get(table.name)
        if not wanted or table.primary_key is None or table.external:
            continue
        columns = {c.name: c for c in table.columns}
        named = {c for row in wanted for c, _ in row.values} | set(table.primary_key.columns)
        if named - columns.keys():
            continue  # a column missing: reported as such; the rows cannot be asked for
        enums = {e.name: e.values for e in catalog.enums.values()}
        for row in wanted:
            found = _read_row(catalog, table, row, columns, enums)
            if found is not None:
                table.rows.append(found)


def _read_row(catalog: Catalog, table: TableParts, row: ir.Row, columns: dict[str, ir.Column],
              enums: dict[ir.QualifiedName, tuple[str, ...]]) -> ir.Row | None:
    assert table.primary_key is not None
    selected: list[sql.Composable] = []
    for name, literal in row.values:
        ident = sql.Identifier(name)
        value = sql.SQL("NULL") if literal is None else sql.SQL(literal)
        if columns[name].type.base == "json" and not columns[name].type.array_dims:
            same = sql.SQL("{}::text IS NOT DISTINCT FROM ({})::text").format(ident, value)
        else:
            same = sql.SQL("{} IS NOT DISTINCT FROM {}").format(ident, value)
        selected += [same, sql.SQL("to_jsonb({})").format(ident),
                     sql.SQL("{}::text").format(ident)]
    where = sql.SQL(" AND ").join(
        sql.SQL("{} = {}").format(sql.Identifier(c), sql.SQL(v or "NULL"))
        for c, v in zip(table.primary_key.columns, row.key, strict=True))
    query = sql.SQL("SELECT {} FROM {} WHERE {}").format(
        sql.SQL(", ").join(selected), sql.Identifier(table.name.schema, table.name.name), where)
    try:
        with catalog.conn.transaction(), catalog.conn.cursor() as cur:
            cur.execute(query)
            found = cur.fetchone()
    except psycopg.Error as err:
        catalog.warn(f"row {table.name} ({', '.join(map(str, row.key))}): cannot be read: "
                     f"{err.diag.message_primary or err}")
        return None
    if found is None:
        return None
    values: list[tuple[str, str | None]] = []
    for i, (name, literal) in enumerate(row.values):
        same, value, text = found[3 * i: 3 * i + 3]
        values.append((name, literal if same else _literal(value, text, columns[name], enums)))
    return ir.Row(row.key, tuple(values))


def _literal(value: Any, text: str | None, column: ir.Column,
             enums: dict[ir.QualifiedName, tuple[str, ...]]) -> str | None:
    """The value found, as the spec would write it (else as quoted text)."""
    if text is None:
        return None
    if column.type.base in ("json", "jsonb") and not column.type.array_dims:
        return quote_literal(json.dumps(value, separators=(",", ":"), ensure_ascii=False))
    try:
        return literal_default(value, column.type,
                               enums.get(column.type.enum, ()) if column.type.enum else ())
    except DefaultError:
        return quote_literal(text)
