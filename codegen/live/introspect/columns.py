"""Columns: type (a supported built-in type or an enum, arrays of either), nullability,
default and identity. Comments come from :mod:`.comments`."""

from __future__ import annotations

from typing import Any

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS, TypeSyntaxError, parse_type

SQL = """
SELECT a.attrelid AS table_oid, a.attname AS name, a.attnotnull AS not_null,
       a.attndims AS dims, a.attidentity::text AS identity, a.attgenerated::text AS generated,
       pg_get_expr(d.adbin, d.adrelid) AS default,
       (t.typcategory = 'A') AS is_array,
       en.nspname AS element_schema, et.typname AS element_name, et.typtype::text AS element_kind,
       format_type(et.oid, a.atttypmod) AS element_type,
       CASE WHEN a.attcollation <> t.typcollation
            THEN (SELECT quote_ident(co.collname) FROM pg_collation co
                  WHERE co.oid = a.attcollation) END AS collation
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
JOIN pg_namespace en ON en.oid = et.typnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY(%(owned)s) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
"""

_IDENTITY: dict[str, ir.IdentityKind] = {"a": "always", "d": "by_default"}
# Types PostgreSQL keeps outside pg_catalog that the spec names without a schema.
_EXTENSION_TYPES = {"citext"}


def column_type(row: dict[str, Any]) -> ir.ColumnType | None:
    """The spec's type for a catalog row, or None when the spec has no such type."""
    dims = max(1, row["dims"]) if row["is_array"] else 0
    if row["element_kind"] == "e":
        enum = ir.QualifiedName(row["element_schema"], row["element_name"])
        return ir.ColumnType(enum.name, (), dims, enum)
    text = row["element_type"]
    if row["element_schema"] != "pg_catalog":
        builtin = BUILTINS.get(row["element_name"])
        if row["element_name"] not in _EXTENSION_TYPES and (
                builtin is None or builtin.extension is None):
            return None
        # An extension's type, wherever it is installed: vector(3), not extensions.vector(3).
        text = text.removeprefix(f"{row['element_schema']}.").removeprefix(
            f'"{row["element_schema"]}".')
    try:
        parsed = parse_type(text)
    except TypeSyntaxError:
        return None
    if not parsed.builtin:
        return None
    return ir.ColumnType(parsed.name, parsed.args, dims)


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        table = catalog.tables[row["table_oid"]]
        where = f"column {table.name}.{row['name']}"
        kind = column_type(row)
        if kind is None:
            catalog.warn(f"{where}: type {row['element_type']}{'[]' if row['is_array'] else ''}"
                         " is not a type the spec supports (column skipped)")
            continue
        if row["collation"]:
            catalog.warn(f"{where}: collation {row['collation']} is not in the spec (read "
                         "without it)")
        if row["generated"]:
            catalog.warn(f"{where}: generated columns are not in the spec (read as a plain "
                         "column without its expression)")
        default = row["default"] if not row["generated"] else None
        table.columns.append(ir.Column(
            name=row["name"], type=kind, nullable=not row["not_null"],
            default=ir.Default(default, literal=False) if default is not None else None,
            identity=_IDENTITY.get(row["identity"])))
