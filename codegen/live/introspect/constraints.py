"""Primary keys, unique constraints, checks and foreign keys."""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir
from codegen.schema.naming import default_name

SQL = """
SELECT co.conrelid AS table_oid, co.conname AS name, co.contype::text AS kind,
       pg_get_expr(co.conbin, co.conrelid) AS expression,
       array(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num
             ORDER BY k.i) AS columns,
       fn.nspname AS target_schema, fc.relname AS target_name,
       array(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num
             ORDER BY k.i) AS target_columns,
       co.confdeltype::text AS on_delete, co.confupdtype::text AS on_update,
       co.confmatchtype::text AS match, co.condeferrable AS deferrable,
       co.convalidated AS validated, co.connoinherit AS no_inherit,
       {nulls_not_distinct} AS nulls_not_distinct,
       coalesce(ci.indnatts > ci.indnkeyatts, false) AS has_include
FROM pg_constraint co
LEFT JOIN pg_class fc ON fc.oid = co.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_index ci ON ci.indexrelid = co.conindid
WHERE co.conrelid = ANY(%(owned)s) AND co.contype IN ('p', 'u', 'c', 'f', 'x')
ORDER BY co.conrelid, co.conname
"""

# "no action" is PostgreSQL's default and the spec's when no action is written.
_ACTIONS: dict[str, ir.ReferentialAction | None] = {
    "a": None, "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}


def read(catalog: Catalog) -> None:
    # NULLS NOT DISTINCT came with PostgreSQL 15.
    nulls = "coalesce(ci.indnullsnotdistinct, false)" if catalog.server_version >= 150000 \
        else "false"
    for row in catalog.rows(SQL.format(nulls_not_distinct=nulls)):
        table = catalog.tables.get(row["table_oid"])
        if table is None:
            continue
        name, columns = row["name"], tuple(row["columns"])
        where = f"constraint {row['name']} on {table.name}"
        if row["deferrable"]:
            catalog.warn(f"{where}: DEFERRABLE is not in the spec (read as not deferrable)")
        if not row["validated"]:
            catalog.warn(f"{where}: NOT VALID (read as valid)")
        if row["has_include"]:
            catalog.warn(f"{where}: INCLUDE columns of a constraint are not in the spec (left "
                         "out)")
        match row["kind"]:
            case "p":
                if name != default_name(table.name.name, [], "pkey"):
                    catalog.warn(f"{where}: the spec names primary keys <table>_pkey")
                table.primary_key = ir.PrimaryKey(name, columns)
            case "u":
                table.uniques.append(ir.Unique(
                    name, columns, nulls_not_distinct=row["nulls_not_distinct"]))
            case "c":
                table.checks.append(ir.Check(name, row["expression"]))
            case "f":
                if row["match"] == "f":
                    catalog.warn(f"{where}: MATCH FULL is not in the spec (read as MATCH SIMPLE)")
                target = ir.QualifiedName(row["target_schema"], row["target_name"])
                table.foreign_keys.append(ir.ForeignKey(
                    name, columns, target, tuple(row["target_columns"]),
                    _ACTIONS[row["on_delete"]], _ACTIONS[row["on_update"]]))
            case _:
                catalog.warn(f"{where}: exclusion constraints are not in the spec (skipped)")
