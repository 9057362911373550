"""Extensions: name, the schema their objects live in, version (plpgsql is PostgreSQL's)."""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir

SQL = """
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname
"""


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        catalog.extensions.append(ir.Extension(row["name"], row["schema"], row["version"]))
