"""Changes to columns, and which type changes keep every value."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir
from codegen.schema.destructive import destructive_key
from codegen.schema.pgtypes import type_sql


@dataclass(frozen=True)
class AddColumn(ChangeBase):
    """ALTER TABLE … ADD COLUMN."""

    table: ir.QualifiedName
    column: ir.Column

    def summary(self) -> str:
        return f"+ column {self.table}.{self.column.name}"


@dataclass(frozen=True)
class DropColumn(ChangeBase):
    """ALTER TABLE … DROP COLUMN."""

    table: ir.QualifiedName
    column: ir.Column

    def summary(self) -> str:
        return f"- column {self.table}.{self.column.name}"

    def destructive_key(self) -> str | None:
        return destructive_key("drop_column", f"{self.table}.{self.column.name}")


@dataclass(frozen=True)
class RenameColumn(ChangeBase):
    """ALTER TABLE … RENAME COLUMN, declared by ``renamed_from``."""

    table: ir.QualifiedName
    old: str
    new: str

    def summary(self) -> str:
        return f"~ column {self.table}.{self.old} → {self.new}"


@dataclass(frozen=True)
class AlterColumnType(ChangeBase):
    """ALTER COLUMN … TYPE, converting the rows with the spec's ``using`` if given."""

    table: ir.QualifiedName
    old: ir.Column
    new: ir.Column

    def summary(self) -> str:
        return (f"~ column {self.table}.{self.new.name}: {type_text(self.old.type)} → "
                f"{type_text(self.new.type)}")

    def destructive_key(self) -> str | None:
        if is_widening(self.old.type, self.new.type):
            return None
        return destructive_key("alter_type", f"{self.table}.{self.new.name}")


@dataclass(frozen=True)
class SetColumnNullable(ChangeBase):
    """DROP NOT NULL (``nullable``) or SET NOT NULL, after the spec's backfill if any."""

    table: ir.QualifiedName
    column: ir.Column
    nullable: bool

    def summary(self) -> str:
        what = "drop" if self.nullable else "set"
        return f"~ column {self.table}.{self.column.name}: {what} not null"

    def destructive_key(self) -> str | None:
        if self.nullable or self.column.backfill is not None:
            return None
        return destructive_key("set_not_null", f"{self.table}.{self.column.name}")


@dataclass(frozen=True)
class SetColumnDefault(ChangeBase):
    """ALTER COLUMN … SET DEFAULT, or DROP DEFAULT when None."""

    table: ir.QualifiedName
    column: str
    default: ir.Default | None

    def summary(self) -> str:
        what = f"default {self.default.sql}" if self.default else "drop default"
        return f"~ column {self.table}.{self.column}: {what}"


@dataclass(frozen=True)
class SetColumnIdentity(ChangeBase):
    """Adds, changes or drops a column's GENERATED … AS IDENTITY."""

    table: ir.QualifiedName
    column: str
    old: ir.IdentityKind | None
    new: ir.IdentityKind | None

    def summary(self) -> str:
        return (f"~ column {self.table}.{self.column}: identity {self.old or 'none'} → "
                f"{self.new or 'none'}")


@dataclass(frozen=True)
class SetColumnComment(ChangeBase):
    """COMMENT ON COLUMN (None removes it)."""

    table: ir.QualifiedName
    column: str
    comment: str | None

    def summary(self) -> str:
        return f"~ comment on column {self.table}.{self.column}"


_INTEGER_RANK = {"smallint": 1, "integer": 2, "bigint": 3}


def is_widening(old: ir.ColumnType, new: ir.ColumnType) -> bool:
    """Whether every value of ``old`` converts to ``new`` unchanged (no data can be lost)."""
    if old.array_dims != new.array_dims or old.enum or new.enum:
        return False
    a, b = old.base, new.base
    if a in _INTEGER_RANK and b in _INTEGER_RANK:
        return _INTEGER_RANK[a] <= _INTEGER_RANK[b]
    if a in _INTEGER_RANK and b == "numeric":
        return not new.args
    if a in ("varchar", "char", "text") and b in ("text", "citext"):
        return True
    if a == "varchar" and b == "varchar":
        return not new.args or bool(old.args) and old.args[0] <= new.args[0]
    if a == "numeric" and b == "numeric":
        if not new.args:
            return True
        if not old.args:
            return False
        old_scale = old.args[1] if len(old.args) > 1 else 0
        new_scale = new.args[1] if len(new.args) > 1 else 0
        return new_scale >= old_scale and new.args[0] - new_scale >= old.args[0] - old_scale
    return (a, b) in {("real", "double precision"), ("timestamp", "timestamptz"),
                      ("json", "jsonb"), ("citext", "text")}


def type_text(column_type: ir.ColumnType) -> str:
    return type_sql(column_type, str)
