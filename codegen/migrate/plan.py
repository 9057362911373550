"""The order in which changes run, declared once, and the checks a migration must pass.

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
    AlterPolicy,
    Change,
    CreateEnum,
    CreateIndex,
    CreatePolicy,
    CreateSchema,
    CreateTable,
    DisableRls,
    DropColumn,
    DropConstraint,
    DropEnum,
    DropForeignKey,
    DropIndex,
    DropPolicy,
    DropTable,
    EnableRls,
    GrantPrivileges,
    RecreateEnum,
    RenameColumn,
    RenameConstraint,
    RenameEnumValue,
    RenameIndex,
    RenameTable,
    RevokePrivileges,
    SetColumnComment,
    SetColumnDefault,
    SetColumnIdentity,
    SetColumnNullable,
    SetEnumComment,
    SetTableComment,
    ValidateConstraint,
)

RANK: dict[type, int] = {
    CreateSchema: 0,
    AddEnumValue: 1,
    RenameEnumValue: 2,
    RenameTable: 3,
    RenameColumn: 4,
    RenameConstraint: 5,
    RenameIndex: 5,
    DropPolicy: 10,
    DropForeignKey: 11,
    DropIndex: 12,
    DropConstraint: 13,
    CreateEnum: 20,
    SetEnumComment: 21,
    RecreateEnum: 22,
    CreateTable: 30,
    AddColumn: 31,
    AlterColumnType: 32,
    SetColumnDefault: 33,
    SetColumnIdentity: 34,
    SetColumnNullable: 35,
    SetTableComment: 36,
    SetColumnComment: 37,
    AddConstraint: 40,
    AddForeignKey: 41,
    ValidateConstraint: 42,  # only ever in a file of its own (migrations.split_validations)
    CreateIndex: 50,
    DropColumn: 60,
    DropTable: 61,
    DropEnum: 62,
    DisableRls: 70,
    EnableRls: 70,
    CreatePolicy: 71,
    AlterPolicy: 71,
    RevokePrivileges: 80,
    GrantPrivileges: 81,
}


def plan(changes: list[Change]) -> list[Change]:
    """Stable sort by rank: within a rank, the comparators' (already sorted) order is kept."""
    return sorted(changes, key=lambda change: RANK[type(change)])


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
