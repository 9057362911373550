"""What a Supabase database provides before any migration: roles and the tables a spec may reference."""

from __future__ import annotations

from codegen.schema.ir import ColumnType, QualifiedName

# Schemas that exist before any migration runs; a migration never creates them.
PROVIDED_SCHEMAS = frozenset({"public", "auth", "storage", "extensions", "realtime"})

ROLES = ("anon", "authenticated", "service_role", "postgres", "public")

# Tables outside the spec that foreign keys may target, with their key columns' types.
EXTERNAL_TABLES: dict[QualifiedName, dict[str, ColumnType]] = {
    QualifiedName("auth", "users"): {"id": ColumnType("uuid"), "email": ColumnType("varchar", (255,))},
    QualifiedName("auth", "identities"): {"id": ColumnType("uuid")},
    QualifiedName("auth", "sessions"): {"id": ColumnType("uuid")},
    QualifiedName("storage", "buckets"): {"id": ColumnType("text")},
    QualifiedName("storage", "objects"): {"id": ColumnType("uuid")},
}

EXTERNAL_PRIMARY_KEYS: dict[QualifiedName, str] = {name: "id" for name in EXTERNAL_TABLES}
