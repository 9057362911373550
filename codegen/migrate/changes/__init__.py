"""Migrations as data: a closed set of typed change objects, one module per object kind.

:mod:`codegen.migrate.compare` produces them, :mod:`codegen.migrate.plan` orders them and
:mod:`codegen.sql.render` turns each into SQL; nothing else writes SQL. Each change can
say whether it may lose data (:func:`destructive_key`) and describe itself in one stable
line (:func:`summary`). This module is the registry: a new kind of change is imported
here and added to :data:`Change`.
"""

from __future__ import annotations

from codegen.migrate.changes.buckets import DeleteBucket, UpsertBucket
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
from codegen.migrate.changes.default_privileges import AlterDefaultPrivileges
from codegen.migrate.changes.enums import (
    AddEnumValue,
    CreateEnum,
    DropEnum,
    RecreateEnum,
    RenameEnumValue,
    SetEnumComment,
)
from codegen.migrate.changes.extensions import AlterExtension, CreateExtension, DropExtension
from codegen.migrate.changes.functions import (
    CreateFunction,
    DropFunction,
    RecreateFunction,
    RenameFunction,
    ReplaceFunction,
    SetFunctionComment,
    SetFunctionExecute,
    signature,
)
from codegen.migrate.changes.grants import GrantPrivileges, RevokePrivileges
from codegen.migrate.changes.indexes import CreateIndex, DropIndex, RenameIndex
from codegen.migrate.changes.policies import (
    AlterPolicy,
    CreatePolicy,
    DisableRls,
    DropPolicy,
    EnableRls,
    SetPolicyComment,
)
from codegen.migrate.changes.realtime import (
    EnsureRealtimePublication,
    SetRealtime,
    SetReplicaIdentity,
)
from codegen.migrate.changes.rows import DeleteRow, InsertRow, UpdateRow
from codegen.migrate.changes.schemas import (
    CreateSchema,
    GrantSchemaUsage,
    RevokeSchemaUsage,
    SetSchemaComment,
)
from codegen.migrate.changes.tables import CreateTable, DropTable, RenameTable, SetTableComment
from codegen.migrate.changes.triggers import CreateTrigger, DropTrigger, SetTriggerComment
from codegen.migrate.changes.views import CreateView, DropView, ReplaceView, SetViewComments

Change = (
    CreateSchema | SetSchemaComment | GrantSchemaUsage | RevokeSchemaUsage
    | CreateExtension | AlterExtension | DropExtension
    | CreateEnum | DropEnum | AddEnumValue | RenameEnumValue | RecreateEnum | SetEnumComment
    | CreateTable | DropTable | RenameTable | SetTableComment
    | AddColumn | DropColumn | RenameColumn | AlterColumnType | SetColumnNullable
    | SetColumnDefault | SetColumnIdentity | SetColumnComment
    | AddConstraint | DropConstraint | RenameConstraint | AddForeignKey | ValidateConstraint
    | DropForeignKey
    | CreateIndex | DropIndex | RenameIndex
    | EnableRls | DisableRls | CreatePolicy | AlterPolicy | DropPolicy | SetPolicyComment
    | GrantPrivileges | RevokePrivileges
    | CreateFunction | ReplaceFunction | RecreateFunction | DropFunction | RenameFunction
    | SetFunctionComment | SetFunctionExecute
    | CreateTrigger | DropTrigger | SetTriggerComment
    | CreateView | ReplaceView | DropView | SetViewComments
    | UpsertBucket | DeleteBucket
    | EnsureRealtimePublication | SetRealtime | SetReplicaIdentity
    | InsertRow | UpdateRow | DeleteRow | AlterDefaultPrivileges
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
    "AddColumn",
    "AddConstraint",
    "AddEnumValue",
    "AddForeignKey",
    "AlterColumnType",
    "AlterDefaultPrivileges",
    "AlterExtension",
    "AlterPolicy",
    "Change",
    "Constraint",
    "CreateEnum",
    "CreateExtension",
    "CreateFunction",
    "CreateIndex",
    "CreatePolicy",
    "CreateSchema",
    "CreateTable",
    "CreateTrigger",
    "CreateView",
    "DeleteBucket",
    "DeleteRow",
    "DisableRls",
    "DropColumn",
    "DropConstraint",
    "DropEnum",
    "DropExtension",
    "DropForeignKey",
    "DropFunction",
    "DropIndex",
    "DropPolicy",
    "DropTable",
    "DropTrigger",
    "DropView",
    "EnableRls",
    "EnsureRealtimePublication",
    "GrantPrivileges",
    "GrantSchemaUsage",
    "InsertRow",
    "RecreateEnum",
    "RecreateFunction",
    "RenameColumn",
    "RenameConstraint",
    "RenameEnumValue",
    "RenameFunction",
    "RenameIndex",
    "RenameTable",
    "ReplaceFunction",
    "ReplaceView",
    "RevokePrivileges",
    "RevokeSchemaUsage",
    "SetColumnComment",
    "SetColumnDefault",
    "SetColumnIdentity",
    "SetColumnNullable",
    "SetEnumComment",
    "SetFunctionComment",
    "SetFunctionExecute",
    "SetPolicyComment",
    "SetRealtime",
    "SetReplicaIdentity",
    "SetSchemaComment",
    "SetTableComment",
    "SetTriggerComment",
    "SetViewComments",
    "UpdateRow",
    "UpsertBucket",
    "ValidateConstraint",
    "added_not_valid",
    "destructive_key",
    "is_widening",
    "signature",
    "summary",
    "type_text",
]
