"""Indexes that are not a constraint's own: columns, method, uniqueness, predicate, opclass."""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir

SQL = """
SELECT i.indrelid AS table_oid, ic.relname AS name, am.amname AS method,
       i.indisunique AS is_unique, i.indnkeyatts AS key_count, i.indnatts AS all_count,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       (i.indexprs IS NOT NULL) AS has_expressions,
       i.indisvalid AS valid,
       array(SELECT coalesce(a.attname::text, '') FROM unnest(i.indkey) WITH ORDINALITY k(num, n)
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
             ORDER BY k.n) AS columns,
       array(SELECT CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname::text END
             FROM unnest(i.indclass) WITH ORDINALITY k(opc, n)
             JOIN pg_opclass oc ON oc.oid = k.opc ORDER BY k.n) AS opclasses,
       array(SELECT o::int FROM unnest(i.indoption) o) AS options
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY(%(owned)s)
  AND NOT EXISTS (SELECT FROM pg_constraint co WHERE co.conindid = i.indexrelid
                  AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname
"""

_METHODS = {"btree", "gin", "gist", "hash", "brin", "spgist"}


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        table = catalog.tables[row["table_oid"]]
        where = f"index {table.name.schema}.{row['name']}"
        columns = tuple(row["columns"][: row["key_count"]])
        if row["has_expressions"] or "" in columns:
            catalog.warn(f"{where}: indexes on expressions are not in the spec (skipped)")
            continue
        if row["method"] not in _METHODS:
            catalog.warn(f"{where}: access method {row['method']} is not in the spec (skipped)")
            continue
        if row["all_count"] > row["key_count"]:
            catalog.warn(f"{where}: INCLUDE columns are not in the spec (left out)")
        if any(option & 3 for option in row["options"]):
            catalog.warn(f"{where}: DESC / NULLS FIRST are not in the spec (read as ascending)")
        if not row["valid"]:
            catalog.warn(f"{where}: INVALID (a failed concurrent build)")
        opclasses = set(row["opclasses"][: row["key_count"]])
        opclass = next(iter(opclasses)) or None if len(opclasses) == 1 else None
        if len(opclasses) > 1:
            catalog.warn(f"{where}: different operator classes per column are not in the spec "
                         "(default classes assumed)")
        table.indexes.append(ir.Index(row["name"], columns, row["is_unique"], row["method"],
                                      row["predicate"], opclass))
