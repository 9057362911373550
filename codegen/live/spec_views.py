"""Views, storage buckets and default privileges as spec YAML (for :mod:`.spec_writer`).

The spec's defaults are left out (``security_invoker: true``, a bucket's name when it is its
id); queries are block scalars as PostgreSQL deparses them; sizes that are a whole number of
KiB, MiB or GiB are written with the unit.
"""

from __future__ import annotations

from typing import Any

from codegen.live.spec_routines import routine_type
from codegen.live.spec_writer_text import qualified_key
from codegen.schema import ir

_UNITS = (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10))


def views(schema: ir.Schema, namespace: str) -> dict[str, Any]:
    return {qualified_key(v.name): _view(v) for v in schema.views if v.name.schema == namespace}


def _view(view: ir.View) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if view.materialized:
        out["materialized"] = True
    elif not view.security_invoker:
        out["security_invoker"] = False
    if view.check_option is not None:
        out["check_option"] = view.check_option
    if view.comment is not None:
        out["comment"] = view.comment
    out["query"] = view.query + "\n"
    columns: dict[str, Any] = {}
    for column in view.columns:
        text = routine_type(column.type, view.name.schema) + ("?" if column.nullable else "")
        columns[column.name] = text if column.comment is None else {
            "type": text, "comment": column.comment}
    out["columns"] = columns
    if view.grants:
        out["grants"] = {g.role: list(g.privileges) for g in view.grants}
    return out


def buckets(schema: ir.Schema) -> dict[str, Any]:
    return {b.id: _bucket(b) for b in schema.buckets}


def _bucket(bucket: ir.Bucket) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if bucket.name != bucket.id:
        out["name"] = bucket.name
    if bucket.public:
        out["public"] = True
    if bucket.file_size_limit is not None:
        out["file_size_limit"] = size_text(bucket.file_size_limit)
    if bucket.allowed_mime_types is not None:
        out["allowed_mime_types"] = list(bucket.allowed_mime_types)
    return out


def size_text(size: int) -> int | str:
    for unit, factor in _UNITS:
        if size % factor == 0:
            return f"{size // factor}{unit}"
    return size


def default_privileges(schema: ir.Schema) -> list[dict[str, Any]]:
    """Not those for objects Supabase's own roles create (supabase_admin,
    supabase_storage_admin, ...): Supabase's setup, which a project's migrations cannot
    change."""
    out: list[dict[str, Any]] = []
    for entry in schema.default_privileges:
        if entry.for_role is not None and entry.for_role.startswith("supabase_"):
            continue
        item: dict[str, Any] = {}
        if entry.schema is not None:
            item["schema"] = entry.schema
        if entry.for_role is not None:
            item["for_role"] = entry.for_role
        item["on"] = entry.objects
        item["grant" if entry.grant else "revoke"] = {entry.role: list(entry.privileges)}
        out.append(item)
    return out
