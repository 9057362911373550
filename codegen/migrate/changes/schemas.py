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
