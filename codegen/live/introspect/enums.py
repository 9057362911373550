"""Enum types and their labels in order (comments: :mod:`.comments`)."""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir
from codegen.schema.model_names import model_name

SQL = """
SELECT t.oid, n.nspname AS schema, t.typname AS name,
       array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
             ORDER BY e.enumsortorder) AS labels
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = ANY(%(schemas)s)
"""


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        name = ir.QualifiedName(row["schema"], row["name"])
        catalog.enums[row["oid"]] = ir.Enum(name, tuple(row["labels"]),
                                            model=model_name(name.name, None))
