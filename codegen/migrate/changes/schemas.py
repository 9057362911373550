"""Changes to schemas (namespaces)."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase


@dataclass(frozen=True)
class CreateSchema(ChangeBase):
    """CREATE SCHEMA for a schema the spec uses first (Supabase's own ones exist)."""

    schema: str

    def summary(self) -> str:
        return f"+ schema {self.schema}"


@dataclass(frozen=True)
class SetSchemaComment(ChangeBase):
    """COMMENT ON SCHEMA (None removes it)."""

    schema: str
    comment: str | None

    def summary(self) -> str:
        return f"~ comment on schema {self.schema}"


@dataclass(frozen=True)
class GrantSchemaUsage(ChangeBase):
    """GRANT USAGE ON SCHEMA: without it a role's privileges inside the schema are useless."""

    schema: str
    role: str

    def summary(self) -> str:
        return f"+ usage on schema {self.schema} to {self.role}"


@dataclass(frozen=True)
class RevokeSchemaUsage(ChangeBase):
    """REVOKE USAGE ON SCHEMA."""

    schema: str
    role: str

    def summary(self) -> str:
        return f"- usage on schema {self.schema} from {self.role}"
