"""Storage buckets: the rows of Supabase's storage.buckets (none when the database has no
storage schema). They are read as the connecting role sees them; a role that may not read
them gets a warning, not a failed run."""

from __future__ import annotations

import psycopg

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir

EXISTS = """
SELECT EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'storage' AND c.relname = 'buckets') AS found
"""

SQL = """
SELECT b.id, b.name, b.public, b.file_size_limit, b.allowed_mime_types
FROM storage.buckets b
ORDER BY b.id
"""


def read(catalog: Catalog) -> None:
    if not catalog.rows(EXISTS)[0]["found"]:
        return
    try:
        with catalog.conn.transaction():
            rows = catalog.rows(SQL)
    except psycopg.Error as err:
        catalog.warn(f"storage buckets: cannot be read: {err.diag.message_primary or err}")
        return
    for row in rows:
        mimes = row["allowed_mime_types"]
        catalog.buckets.append(ir.Bucket(
            row["id"], row["name"], bool(row["public"]), row["file_size_limit"],
            None if mimes is None else tuple(mimes)))
