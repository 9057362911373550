"""Compare the schemas (namespaces) the spec's objects live in."""

from __future__ import annotations

from codegen.migrate.changes import Change, CreateSchema
from codegen.schema import ir
from codegen.schema.supabase import PROVIDED_SCHEMAS


def compare_schemas(old: ir.Schema, new: ir.Schema, changes: list[Change]) -> None:
    """CREATE SCHEMA for each schema the new spec uses first (Supabase's own ones exist)."""
    created = _schemas(new) - _schemas(old) - PROVIDED_SCHEMAS
    changes.extend(CreateSchema(name) for name in sorted(created))


def _schemas(schema: ir.Schema) -> set[str]:
    return {t.name.schema for t in schema.tables} | {e.name.schema for e in schema.enums}
