"""Changes to indexes."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir


@dataclass(frozen=True)
class CreateIndex(ChangeBase):
    """CREATE INDEX (CONCURRENTLY when asked, in a file of its own)."""

    table: ir.QualifiedName
    index: ir.Index

    def summary(self) -> str:
        return f"+ index {self.index.name} on {self.table}"


@dataclass(frozen=True)
class DropIndex(ChangeBase):
    """DROP INDEX."""

    table: ir.QualifiedName
    index: ir.Index

    def summary(self) -> str:
        return f"- index {self.index.name} on {self.table}"


@dataclass(frozen=True)
class RenameIndex(ChangeBase):
    """ALTER INDEX … RENAME TO, when a renamed table or column renames it."""

    schema: str
    old: str
    new: str

    def summary(self) -> str:
        return f"~ index {self.schema}.{self.old} → {self.new}"
