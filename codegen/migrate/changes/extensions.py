"""Changes to extensions."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir
from codegen.schema.destructive import destructive_key


@dataclass(frozen=True)
class CreateExtension(ChangeBase):
    """CREATE EXTENSION IF NOT EXISTS (Supabase may have it enabled already)."""

    extension: ir.Extension

    def summary(self) -> str:
        return f"+ extension {self.extension.name} in {self.extension.schema}"


@dataclass(frozen=True)
class AlterExtension(ChangeBase):
    """ALTER EXTENSION … SET SCHEMA / UPDATE TO a version."""

    old: ir.Extension
    new: ir.Extension

    def summary(self) -> str:
        what = []
        if self.old.schema != self.new.schema:
            what.append(f"schema {self.old.schema} → {self.new.schema}")
        if self.old.version != self.new.version:
            what.append(f"version {self.old.version or 'default'} → "
                        f"{self.new.version or 'default'}")
        return f"~ extension {self.new.name}: {', '.join(what)}"


@dataclass(frozen=True)
class DropExtension(ChangeBase):
    """DROP EXTENSION of one that left the spec (refused by PostgreSQL while used)."""

    extension: ir.Extension
    risk = "is dropped with its types, functions and operators"

    def summary(self) -> str:
        return f"- extension {self.extension.name}"

    def destructive_key(self) -> str | None:
        return destructive_key("drop_extension", f"{self.extension.name}")
