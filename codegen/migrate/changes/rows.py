"""Changes to the rows a spec keeps in its tables (configuration data, by primary key)."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir
from codegen.schema.destructive import destructive_key


def key_text(row: ir.Row) -> str:
    return ",".join("null" if v is None else v.strip("'") for v in row.key)


@dataclass(frozen=True)
class InsertRow(ChangeBase):
    """INSERT … ON CONFLICT (key) DO UPDATE: the row is there with the spec's values, whether
    it was before or not. ``overriding``: a value goes into a GENERATED ALWAYS column."""

    table: ir.QualifiedName
    key_columns: tuple[str, ...]
    row: ir.Row
    overriding: bool = False

    def summary(self) -> str:
        return f"+ row {self.table} ({key_text(self.row)})"


@dataclass(frozen=True)
class UpdateRow(ChangeBase):
    """UPDATE of the values that changed, found by the key."""

    table: ir.QualifiedName
    key_columns: tuple[str, ...]
    old: ir.Row
    new: ir.Row

    def summary(self) -> str:
        return f"~ row {self.table} ({key_text(self.new)})"


@dataclass(frozen=True)
class DeleteRow(ChangeBase):
    """DELETE of a row the spec no longer has."""

    table: ir.QualifiedName
    key_columns: tuple[str, ...]
    row: ir.Row
    risk = "is deleted, with whatever refers to it"

    def summary(self) -> str:
        return f"- row {self.table} ({key_text(self.row)})"

    def destructive_key(self) -> str | None:
        return destructive_key("delete_row", f"{self.table}:{key_text(self.row)}")
