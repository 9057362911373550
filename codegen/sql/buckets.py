"""SQL for storage buckets: an upsert by id, so a migration also adopts a bucket made
by hand, and a delete."""

from __future__ import annotations

from codegen.migrate.changes import DeleteBucket, UpsertBucket
from codegen.schema.defaults import quote_literal
from codegen.sql.registry import renderer


@renderer
def render_upsert_bucket(change: UpsertBucket) -> str:
    bucket = change.bucket
    size = "NULL" if bucket.file_size_limit is None else str(bucket.file_size_limit)
    if bucket.allowed_mime_types is None:
        mimes = "NULL"
    else:
        mimes = f"ARRAY[{', '.join(map(quote_literal, bucket.allowed_mime_types))}]::text[]"
    return (
        "INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types)\n"
        f"VALUES ({quote_literal(bucket.id)}, {quote_literal(bucket.name)}, "
        f"{'true' if bucket.public else 'false'}, {size}, {mimes})\n"
        "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, public = EXCLUDED.public,\n"
        "  file_size_limit = EXCLUDED.file_size_limit, "
        "allowed_mime_types = EXCLUDED.allowed_mime_types"
    )


@renderer
def render_delete_bucket(change: DeleteBucket) -> str:
    return f"DELETE FROM storage.buckets WHERE id = {quote_literal(change.bucket.id)}"
