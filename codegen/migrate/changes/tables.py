"""Changes to tables as a whole."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir
from codegen.schema.destructive import destructive_key


@dataclass(frozen=True)
class CreateTable(ChangeBase):
    """The table with its columns and its own constraints; foreign keys are added later."""

    table: ir.Table

    def summary(self) -> str:
        return f"+ table {self.table.name} ({len(self.table.columns)} columns)"


@dataclass(frozen=True)
class DropTable(ChangeBase):
    """DROP TABLE of a table that left the spec."""

    table: ir.Table

    def summary(self) -> str:
        return f"- table {self.table.name}"

    def destructive_key(self) -> str | None:
        return destructive_key("drop_table", f"{self.table.name}")


@dataclass(frozen=True)
class RenameTable(ChangeBase):
    """ALTER TABLE … RENAME TO, declared by ``renamed_from``."""

    old: ir.QualifiedName
    new: ir.QualifiedName

    def summary(self) -> str:
        return f"~ table {self.old} → {self.new.name}"


@dataclass(frozen=True)
class SetTableComment(ChangeBase):
    """COMMENT ON TABLE (None removes it)."""

    table: ir.QualifiedName
    comment: str | None

    def summary(self) -> str:
        return f"~ comment on table {self.table}"
