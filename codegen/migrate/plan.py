"""The order in which changes run, declared once, and the checks a migration must pass.

The rank table decides first; references between the objects of one migration (a function
whose SQL body reads a table created in the same migration, a default calling a function)
then move a change after what it needs (:mod:`codegen.migrate.dependencies`).

Renames come first so every later statement uses the new names. Then what
could block later steps goes: policies (they pin column types), foreign keys,
indexes, constraints. Types are created before the tables that use them; all
tables exist before any foreign key is added, so tables may reference each
other in any order, cycles included. Columns, tables and types are dropped
only after everything that depended on them. Row level security is switched on
before policies are created, and grants come last, once everything they name exists.
"""

from __future__ import annotations

from codegen.migrate.changes import (
    AddColumn,
    AddConstraint,
    AddEnumValue,
    AddForeignKey,
    AlterColumnType,
    AlterDefaultPrivileges,
    AlterExtension,
    AlterPolicy,
    Change,
    CreateEnum,
    CreateExtension,
    CreateFunction,
    CreateIndex,
    CreatePolicy,
    CreateSchema,
    CreateTable,
    CreateTrigger,
    CreateView,
    DeleteBucket,
    DeleteRow,
    DisableRls,
    DropColumn,
    DropConstraint,
    DropEnum,
    DropExtension,
    DropForeignKey,
    DropFunction,
    DropIndex,
    DropPolicy,
    DropTable,
    DropTrigger,
    DropView,
    EnableRls,
    EnsureRealtimePublication,
    GrantPrivileges,
    GrantSchemaUsage,
    InsertRow,
    RecreateEnum,
    RecreateFunction,
    RenameColumn,
    RenameConstraint,
    RenameEnumValue,
    RenameFunction,
    RenameIndex,
    RenameTable,
    ReplaceFunction,
    ReplaceView,
    RevokePrivileges,
    RevokeSchemaUsage,
    SetColumnComment,
    SetColumnDefault,
    SetColumnIdentity,
    SetColumnNullable,
    SetEnumComment,
    SetFunctionComment,
    SetFunctionExecute,
    SetPolicyComment,
    SetRealtime,
    SetReplicaIdentity,
    SetSchemaComment,
    SetTableComment,
    SetTriggerComment,
    SetViewComments,
    UpdateRow,
    UpsertBucket,
    ValidateConstraint,
)
from codegen.migrate.dependencies import order_by_references

RANK: dict[type, int] = {
    CreateSchema: 0,
    SetSchemaComment: 0,
    CreateExtension: 0,
    AlterExtension: 0,
    AddEnumValue: 1,
    RenameEnumValue: 2,
    RenameTable: 3,
    RenameColumn: 4,
    RenameConstraint: 5,
    RenameIndex: 5,
    RenameFunction: 5,
    # Views go before anything they read changes (PostgreSQL refuses to retype or drop a
    # column, table or function a view depends on), readers first (compare.views), and
    # come back once all they read exists; dependencies.order() orders views among views.
    DropView: 9,
    DropPolicy: 10,
    DropTrigger: 10,
    DropForeignKey: 11,
    DropIndex: 12,
    DropConstraint: 13,
    CreateEnum: 20,
    SetEnumComment: 21,
    RecreateEnum: 22,
    # Functions come after the types they use and before the tables whose defaults and
    # checks call them; dependencies.order() moves one after the tables its SQL body reads.
    CreateFunction: 25,
    ReplaceFunction: 25,
    RecreateFunction: 25,
    SetFunctionComment: 26,
    CreateTable: 30,
    AddColumn: 31,
    AlterColumnType: 32,
    SetColumnDefault: 33,
    SetColumnIdentity: 34,
    SetColumnNullable: 35,
    SetTableComment: 36,
    SetColumnComment: 37,
    SetReplicaIdentity: 38,
    AddConstraint: 40,
    AddForeignKey: 41,
    ValidateConstraint: 42,  # only ever in a file of its own (migrations.split_validations)
    CreateIndex: 50,
    CreateView: 55,
    ReplaceView: 55,
    SetViewComments: 56,
    DropColumn: 60,
    DropTable: 61,
    DropFunction: 62,  # after the columns, tables and triggers that use it
    DropEnum: 64,
    DropExtension: 66,
    DisableRls: 70,
    EnableRls: 70,
    CreatePolicy: 71,
    AlterPolicy: 71,
    SetPolicyComment: 71,
    CreateTrigger: 72,
    SetTriggerComment: 73,
    EnsureRealtimePublication: 74,
    SetRealtime: 74,
    RevokePrivileges: 80,
    GrantPrivileges: 81,
    GrantSchemaUsage: 82,
    RevokeSchemaUsage: 82,
    SetFunctionExecute: 83,
    AlterDefaultPrivileges: 84,
    # Buckets are rows of Supabase's storage.buckets: data, written once the schema is done.
    UpsertBucket: 90,
    DeleteBucket: 90,
    # The rows of the spec's tables: data too, once their tables have every column.
    DeleteRow: 91,
    InsertRow: 92,
    UpdateRow: 92,
}


def plan(changes: list[Change]) -> list[Change]:
    """Stable sort by rank (within a rank, the comparators' already sorted order is kept),
    then each change moved after the changes that create what it refers to."""
    return order_by_references(sorted(changes, key=lambda change: RANK[type(change)]))


def split_enum_additions(changes: list[Change]) -> tuple[list[Change], list[Change]]:
    """New enum labels cannot be used in the transaction that adds them (PostgreSQL 12+).

    When a migration adds labels and does anything else, the additions go into a
    migration of their own that runs (and commits) first.
    """
    additions: list[Change] = [c for c in changes if isinstance(c, AddEnumValue)]
    rest: list[Change] = [c for c in changes if not isinstance(c, AddEnumValue)]
    if additions and rest:
        return additions, rest
    return [], changes
