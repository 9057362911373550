"""The order in which changes run, declared once.

Schemas first, then types before the tables that use them; all tables before any foreign key, so
tables may reference each other in any order (cycles included); indexes after
their tables; row level security is switched on before policies are created,
and grants come last, once every object they name exists.
"""

from __future__ import annotations

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

RANK: dict[type, int] = {
    CreateSchema: 0,
    CreateEnum: 10,
    SetEnumComment: 11,
    CreateTable: 20,
    SetTableComment: 21,
    SetColumnComment: 22,
    AddForeignKey: 30,
    CreateIndex: 40,
    EnableRls: 50,
    CreatePolicy: 51,
    GrantPrivileges: 60,
}


def plan(changes: list[Change]) -> list[Change]:
    """Stable sort by rank: within a rank, the comparator's (already sorted) order is kept."""
    return sorted(changes, key=lambda change: RANK[type(change)])
