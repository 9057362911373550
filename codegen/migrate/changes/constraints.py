"""Changes to primary keys, unique constraints, checks and foreign keys."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir

Constraint = ir.PrimaryKey | ir.Unique | ir.Check


@dataclass(frozen=True)
class AddConstraint(ChangeBase):
    """On a table that already has rows, checks are added NOT VALID, then validated: by a
    :class:`ValidateConstraint` in the next migration file (``validate_later``), or, as
    migrations written before that were, in the same file."""

    table: ir.QualifiedName
    constraint: Constraint
    existing_table: bool = False
    validate_later: bool = False

    def summary(self) -> str:
        return f"+ constraint {self.constraint.name} on {self.table}"


@dataclass(frozen=True)
class DropConstraint(ChangeBase):
    """ALTER TABLE … DROP CONSTRAINT."""

    table: ir.QualifiedName
    constraint: Constraint | ir.ForeignKey

    def summary(self) -> str:
        return f"- constraint {self.constraint.name} on {self.table}"


@dataclass(frozen=True)
class RenameConstraint(ChangeBase):
    """ALTER TABLE … RENAME CONSTRAINT, when a renamed table or column renames it."""

    table: ir.QualifiedName
    old: str
    new: str

    def summary(self) -> str:
        return f"~ constraint {self.old} → {self.new} on {self.table}"


@dataclass(frozen=True)
class AddForeignKey(ChangeBase):
    """On a table that already has rows, added NOT VALID, then validated (as for
    :class:`AddConstraint`)."""

    table: ir.QualifiedName
    foreign_key: ir.ForeignKey
    existing_table: bool = False
    validate_later: bool = False

    def summary(self) -> str:
        fk = self.foreign_key
        return f"+ foreign key {fk.name} on {self.table} -> {fk.target}"


@dataclass(frozen=True)
class ValidateConstraint(ChangeBase):
    """VALIDATE CONSTRAINT of a check or foreign key added NOT VALID, in a migration file
    after the one that added it: the scan then runs without ADD CONSTRAINT's lock."""

    table: ir.QualifiedName
    name: str

    def summary(self) -> str:
        return f"~ validate constraint {self.name} on {self.table}"


@dataclass(frozen=True)
class DropForeignKey(ChangeBase):
    """ALTER TABLE … DROP CONSTRAINT of a foreign key."""

    table: ir.QualifiedName
    foreign_key: ir.ForeignKey

    def summary(self) -> str:
        return f"- foreign key {self.foreign_key.name} on {self.table}"


def added_not_valid(change: object) -> str | None:
    """The name of the constraint ``change`` adds NOT VALID, to be validated after it: a
    foreign key or check added to a table that already has rows. None for other changes."""
    match change:
        case AddForeignKey(_, fk, True):
            return fk.name
        case AddConstraint(_, ir.Check() as check, True):
            return check.name
    return None
