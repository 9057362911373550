"""Compare the schemas (namespaces) the spec's objects live in: created, commented, used."""

from __future__ import annotations

from codegen.migrate.changes import (
    Change,
    CreateSchema,
    GrantSchemaUsage,
    RevokeSchemaUsage,
    SetSchemaComment,
)
from codegen.schema import ir
from codegen.schema.supabase import PROVIDED_SCHEMAS


def compare_schemas(old: ir.Schema, new: ir.Schema, changes: list[Change]) -> None:
    """CREATE SCHEMA for each schema the new spec uses first (Supabase's own ones exist);
    its comment and the roles granted USAGE."""
    old_namespaces = {n.name: n for n in old.namespaces}
    # Snapshots written before namespaces were recorded: a schema in use existed.
    existing = set(old_namespaces) | _used(old) | PROVIDED_SCHEMAS
    for namespace in new.namespaces:
        before = old_namespaces.get(namespace.name)
        if namespace.name not in existing:
            changes.append(CreateSchema(namespace.name))
        if (before.comment if before else None) != namespace.comment:
            changes.append(SetSchemaComment(namespace.name, namespace.comment))
        old_usage = set(before.usage) if before else set()
        changes.extend(GrantSchemaUsage(namespace.name, role)
                       for role in sorted(set(namespace.usage) - old_usage))
        changes.extend(RevokeSchemaUsage(namespace.name, role)
                       for role in sorted(old_usage - set(namespace.usage)))


def _used(schema: ir.Schema) -> set[str]:
    return ({t.name.schema for t in schema.tables} | {e.name.schema for e in schema.enums}
            | {f.name.schema for f in schema.functions} | {e.schema for e in schema.extensions})
