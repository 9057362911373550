"""Type oids as the spec's types: built-in and extension types, enums, tables' row types."""

from __future__ import annotations

from typing import Any

from codegen.live.introspect.catalog import Catalog
from codegen.live.introspect.columns import column_type
from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS

SQL = """
SELECT t.oid, 0 AS dims, (t.typcategory = 'A') AS is_array,
       en.nspname AS element_schema, et.typname AS element_name, et.typtype::text AS element_kind,
       format_type(et.oid, NULL) AS element_type, rc.relkind::text AS relation_kind
FROM pg_type t
JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
JOIN pg_namespace en ON en.oid = et.typnamespace
LEFT JOIN pg_class rc ON rc.oid = et.typrelid
WHERE t.oid = ANY(%(types)s)
"""


def routine_types(catalog: Catalog, oids: set[int]) -> dict[int, ir.ColumnType]:
    """The types a function's arguments and result may have; oids missing from the result
    have none in the spec (domains, composite types, other schemas' types)."""
    found: dict[int, ir.ColumnType] = {}
    for row in catalog.rows(SQL, types=sorted(oids)):
        kind = routine_type(row)
        if kind is not None:
            found[row["oid"]] = kind
    return found


def routine_type(row: dict[str, Any]) -> ir.ColumnType | None:
    dims = 1 if row["is_array"] else 0
    if row["element_kind"] == "c" and row["relation_kind"] in ("r", "p"):
        table = ir.QualifiedName(row["element_schema"], row["element_name"])
        return ir.ColumnType(table.name, (), dims, composite=table)
    if row["element_kind"] == "p":  # pseudo-types: trigger, void, record
        name = row["element_name"]
        builtin = BUILTINS.get(name)
        return ir.ColumnType(name, (), dims) if builtin and builtin.kind == "pseudo" else None
    return column_type(row)
