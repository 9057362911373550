"""Storage buckets: the rows of Supabase's storage.buckets (none when the database has no
storage schema)."""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir

EXISTS = "SELECT to_regclass('storage.buckets') IS NOT NULL AS found"

SQL = """
SELECT b.id, b.name, b.public, b.file_size_limit, b.allowed_mime_types
FROM storage.buckets b
ORDER BY b.id
"""


def read(catalog: Catalog) -> None:
    if not catalog.rows(EXISTS)[0]["found"]:
        return
    for row in catalog.rows(SQL):
        mimes = row["allowed_mime_types"]
        catalog.buckets.append(ir.Bucket(
            row["id"], row["name"], bool(row["public"]), row["file_size_limit"],
            None if mimes is None else tuple(mimes)))
