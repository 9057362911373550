"""Changes to enum types."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir
from codegen.schema.destructive import destructive_key


@dataclass(frozen=True)
class CreateEnum(ChangeBase):
    """CREATE TYPE … AS ENUM."""

    enum: ir.Enum

    def summary(self) -> str:
        return f"+ enum {self.enum.name} ({', '.join(self.enum.values)})"


@dataclass(frozen=True)
class DropEnum(ChangeBase):
    """DROP TYPE of an enum that left the spec."""

    enum: ir.Enum

    def summary(self) -> str:
        return f"- enum {self.enum.name}"

    def destructive_key(self) -> str | None:
        return destructive_key("drop_enum", f"{self.enum.name}")


@dataclass(frozen=True)
class AddEnumValue(ChangeBase):
    """``ALTER TYPE … ADD VALUE``: the new label goes before ``before`` (None: at the end)."""

    enum: ir.QualifiedName
    value: str
    before: str | None

    def summary(self) -> str:
        where = f" before {self.before!r}" if self.before else ""
        return f"~ enum {self.enum}: + value {self.value!r}{where}"


@dataclass(frozen=True)
class RenameEnumValue(ChangeBase):
    """ALTER TYPE … RENAME VALUE, declared by ``renamed_values``."""

    enum: ir.QualifiedName
    old: str
    new: str

    def summary(self) -> str:
        return f"~ enum {self.enum}: value {self.old!r} → {self.new!r}"


@dataclass(frozen=True)
class RecreateEnum(ChangeBase):
    """Removing or reordering labels: a new type replaces the old one in every column using it."""

    old: ir.Enum
    new: ir.Enum
    columns: tuple[tuple[ir.QualifiedName, ir.Column], ...]  # (table, column as in the new spec)

    def summary(self) -> str:
        return (f"~ enum {self.old.name}: ({', '.join(self.old.values)}) → "
                f"({', '.join(self.new.values)})")

    def destructive_key(self) -> str | None:
        removed = sorted(set(self.old.values) - set(self.new.values))
        if not removed:
            return None  # a reordering keeps every value
        return destructive_key("drop_enum_value", f"{self.old.name}:{','.join(removed)}")


@dataclass(frozen=True)
class SetEnumComment(ChangeBase):
    """COMMENT ON TYPE (None removes it)."""

    enum: ir.QualifiedName
    comment: str | None

    def summary(self) -> str:
        return f"~ comment on enum {self.enum}"
