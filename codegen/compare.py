"""Compare two schemas and list the changes that turn ``old`` into ``new``.

Comparators only append change objects; ordering is :mod:`codegen.plan`'s job
and SQL is :mod:`codegen.sql.render`'s.
"""

from __future__ import annotations

from codegen import ir
from codegen.supabase import PROVIDED_SCHEMAS
from codegen.changes import (
    AddForeignKey,
    Change,
    CreateEnum,
    CreateSchema,
    CreateIndex,
    CreatePolicy,
    CreateTable,
    EnableRls,
    GrantPrivileges,
    SetColumnComment,
    SetEnumComment,
    SetTableComment,
)


class UnsupportedChange(Exception):
    """The schemas differ in a way this version cannot yet turn into a migration."""


def compare(old: ir.Schema, new: ir.Schema) -> list[Change]:
    _refuse_unsupported(old, new)
    changes: list[Change] = [
        CreateSchema(name) for name in sorted(_schemas(new) - _schemas(old) - PROVIDED_SCHEMAS)
    ]
    old_enums = {e.name for e in old.enums}
    for enum in new.enums:
        if enum.name not in old_enums:
            changes.extend(create_enum(enum))
    old_tables = {t.name for t in old.tables}
    for table in new.tables:
        if table.name not in old_tables:
            changes.extend(create_table(table))
    return changes


def create_enum(enum: ir.Enum) -> list[Change]:
    changes: list[Change] = [CreateEnum(enum)]
    if enum.comment is not None:
        changes.append(SetEnumComment(enum.name, enum.comment))
    return changes


def create_table(table: ir.Table) -> list[Change]:
    changes: list[Change] = [CreateTable(table)]
    if table.comment is not None:
        changes.append(SetTableComment(table.name, table.comment))
    changes.extend(
        SetColumnComment(table.name, c.name, c.comment) for c in table.columns if c.comment
    )
    changes.extend(AddForeignKey(table.name, fk) for fk in table.foreign_keys)
    changes.extend(CreateIndex(table.name, index) for index in table.indexes)
    if table.rls:
        changes.append(EnableRls(table.name))
    changes.extend(CreatePolicy(table.name, policy) for policy in table.policies)
    changes.extend(GrantPrivileges(table.name, grant) for grant in table.grants)
    return changes


def _schemas(schema: ir.Schema) -> set[str]:
    return {t.name.schema for t in schema.tables} | {e.name.schema for e in schema.enums}


def _refuse_unsupported(old: ir.Schema, new: ir.Schema) -> None:
    # Never emit a migration that silently leaves out part of the difference.
    new_tables = {t.name: t for t in new.tables}
    new_enums = {e.name: e for e in new.enums}
    for table in old.tables:
        if table.name not in new_tables:
            raise UnsupportedChange(f"dropping table {table.name}")
        if new_tables[table.name] != table:
            raise UnsupportedChange(f"changing table {table.name}")
    for enum in old.enums:
        if enum.name not in new_enums:
            raise UnsupportedChange(f"dropping enum {enum.name}")
        if new_enums[enum.name] != enum:
            raise UnsupportedChange(f"changing enum {enum.name}")
