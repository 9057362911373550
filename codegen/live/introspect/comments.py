"""COMMENT ON TABLE, COLUMN and TYPE (enums)."""

from __future__ import annotations

from dataclasses import replace

from codegen.live.introspect.catalog import Catalog

SQL = """
SELECT d.classoid = 'pg_class'::regclass AS on_relation, d.objoid AS oid,
       a.attname AS column, d.description AS comment
FROM pg_description d
LEFT JOIN pg_attribute a ON d.objsubid > 0 AND a.attrelid = d.objoid AND a.attnum = d.objsubid
WHERE (d.classoid = 'pg_class'::regclass AND d.objoid = ANY(%(owned)s))
   OR (d.classoid = 'pg_type'::regclass AND d.objoid = ANY(%(enums)s) AND d.objsubid = 0)
"""


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL, enums=list(catalog.enums)):
        if not row["on_relation"]:
            catalog.enums[row["oid"]] = replace(catalog.enums[row["oid"]], comment=row["comment"])
            continue
        table = catalog.tables[row["oid"]]
        if row["column"] is None:
            table.comment = row["comment"]
        else:
            table.set_column_comment(row["column"], row["comment"])
