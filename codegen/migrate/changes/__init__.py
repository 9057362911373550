"""Migrations as data: a closed set of typed change objects, one module per object kind.

:mod:`codegen.migrate.compare` produces them, :mod:`codegen.migrate.plan` orders them and
:mod:`codegen.sql.render` turns each into SQL; nothing else writes SQL. Each change can
say whether it may lose data (:func:`destructive_key`) and describe itself in one stable
line (:func:`summary`). This module is the registry: a new kind of change is imported
here and added to :data:`Change`.
"""

from __future__ import annotations

from codegen.migrate.changes.columns import (
    AddColumn,
    AlterColumnType,
    DropColumn,
    RenameColumn,
    SetColumnComment,
    SetColumnDefault,
    SetColumnIdentity,
    SetColumnNullable,
    is_widening,
    type_text,
)
from codegen.migrate.changes.constraints import (
    AddConstraint,
    AddForeignKey,
    Constraint,
    DropConstraint,
    DropForeignKey,
    RenameConstraint,
    ValidateConstraint,
    added_not_valid,
)
from codegen.migrate.changes.enums import (
    AddEnumValue,
    CreateEnum,
    DropEnum,
    RecreateEnum,
    RenameEnumValue,
    SetEnumComment,
)
from codegen.migrate.changes.grants import GrantPrivileges, RevokePrivileges
from codegen.migrate.changes.indexes import CreateIndex, DropIndex, RenameIndex
from codegen.migrate.changes.policies import (
    AlterPolicy,
    CreatePolicy,
    DisableRls,
    DropPolicy,
    EnableRls,
)
from codegen.migrate.changes.schemas import CreateSchema
from codegen.migrate.changes.tables import CreateTable, DropTable, RenameTable, SetTableComment

Change = (
    CreateSchema
    | CreateEnum | DropEnum | AddEnumValue | RenameEnumValue | RecreateEnum | SetEnumComment
    | CreateTable | DropTable | RenameTable | SetTableComment
    | AddColumn | DropColumn | RenameColumn | AlterColumnType | SetColumnNullable
    | SetColumnDefault | SetColumnIdentity | SetColumnComment
    | AddConstraint | DropConstraint | RenameConstraint | AddForeignKey | ValidateConstraint
    | DropForeignKey
    | CreateIndex | DropIndex | RenameIndex
    | EnableRls | DisableRls | CreatePolicy | AlterPolicy | DropPolicy
    | GrantPrivileges | RevokePrivileges
)


def summary(change: Change) -> str:
    """A one-line, stable description of a change, for reports and tests."""
    return change.summary()


def destructive_key(change: Change) -> str | None:
    """The key that acknowledges a change which may lose data (None: the change is safe).

    Keys go in the spec's top-level ``allow_destructive:`` list.
    """
    return change.destructive_key()


__all__ = [
    "AddColumn", "AddConstraint", "AddEnumValue", "AddForeignKey", "AlterColumnType",
    "AlterPolicy", "Change", "Constraint", "CreateEnum", "CreateIndex", "CreatePolicy",
    "CreateSchema", "CreateTable", "DisableRls", "DropColumn", "DropConstraint", "DropEnum",
    "DropForeignKey", "DropIndex", "DropPolicy", "DropTable", "EnableRls", "GrantPrivileges",
    "RecreateEnum", "RenameColumn", "RenameConstraint", "RenameEnumValue", "RenameIndex",
    "RenameTable", "RevokePrivileges", "SetColumnComment", "SetColumnDefault",
    "SetColumnIdentity", "SetColumnNullable", "SetEnumComment", "SetTableComment",
    "ValidateConstraint", "added_not_valid", "destructive_key", "is_widening", "summary", "type_text",
]
