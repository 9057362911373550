"""What a Supabase database provides before any migration: roles and the tables a spec may reference."""

from __future__ import annotations

from codegen.schema.ir import ColumnType, QualifiedName
from codegen.spec.database_objects import SUPABASE_OWNED_SCHEMAS

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

# Trigger functions that extensions provide: name -> extension (declare it to use them).
EXTENSION_TRIGGER_FUNCTIONS: dict[str, str] = {"moddatetime": "moddatetime"}

EXTERNAL_SCHEMAS = SUPABASE_OWNED_SCHEMAS

# The columns of Supabase's tables that policies and triggers on them use (Supabase's own
# migrations; the stand-in has the same): checked like the spec's own columns.
EXTERNAL_COLUMNS: dict[QualifiedName, set[str]] = {
    QualifiedName("storage", "objects"): {
        "id", "bucket_id", "name", "owner", "owner_id", "created_at", "updated_at",
        "last_accessed_at", "metadata", "path_tokens", "version", "user_metadata"},
    QualifiedName("storage", "buckets"): {
        "id", "name", "owner", "owner_id", "created_at", "updated_at", "public",
        "avif_autodetection", "file_size_limit", "allowed_mime_types"},
    QualifiedName("auth", "users"): {
        "instance_id", "id", "aud", "role", "email", "encrypted_password", "email_confirmed_at",
        "phone", "phone_confirmed_at", "last_sign_in_at", "raw_app_meta_data",
        "raw_user_meta_data", "is_super_admin", "is_sso_user", "is_anonymous", "created_at",
        "updated_at", "deleted_at"},
}
