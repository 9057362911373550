"""Compare tables: created, renamed, dropped, and each kept table part by part."""

from __future__ import annotations

from dataclasses import replace

from codegen.migrate.changes import (
    AddForeignKey,
    Change,
    CreateIndex,
    CreatePolicy,
    CreateTable,
    DropForeignKey,
    DropTable,
    EnableRls,
    GrantPrivileges,
    RenameTable,
    SetColumnComment,
    SetTableComment,
)
from codegen.migrate.compare.columns import compare_columns
from codegen.migrate.compare.constraints import compare_constraints
from codegen.migrate.compare.grants import compare_grants
from codegen.migrate.compare.indexes import compare_indexes
from codegen.migrate.compare.policies import compare_policies, compare_rls
from codegen.migrate.compare.realtime import compare_realtime
from codegen.migrate.compare.renames import Renames, renamed_columns
from codegen.migrate.compare.rows import compare_rows
from codegen.migrate.compare.triggers import compare_triggers, create_trigger
from codegen.schema import ir


def compare_tables(old: ir.Schema, new: ir.Schema, recreated: set[ir.QualifiedName],
                   rebuilt: set[ir.QualifiedName], changes: list[Change]) -> None:
    """``recreated``: enums replaced by a new type, whose columns count as retyped;
    ``rebuilt``: functions dropped or recreated, whose policies and triggers are rebuilt."""
    old_tables = {t.name: t for t in old.tables}
    new_names = {t.name for t in new.tables}
    pairs: list[tuple[ir.Table, ir.Table]] = []
    for table in new.tables:
        before = old_tables.get(table.name)
        if before is None and table.renamed_from in old_tables and table.renamed_from not in new_names:
            before = old_tables[table.renamed_from]
            changes.append(RenameTable(before.name, table.name))
        if before is None:
            changes.extend(create_table(table))
        else:
            pairs.append((before, table))
    renames = Renames(
        tables={a.name: b.name for a, b in pairs if a.name != b.name},
        columns={(b.name, old_name): new_name for a, b in pairs
                 for old_name, new_name in renamed_columns(a, b).items()},
    )
    matched = {before.name for before, _ in pairs}
    for before, table in pairs:
        if before == table and not renames.tables and not renames.columns and not recreated \
                and not rebuilt:
            continue  # the common case in a large schema: nothing to compare
        if table.external or before.external:
            compare_parts(before, table, set(), rebuilt, changes)
        else:
            compare_table(before, table, recreated, renames, rebuilt, changes)
    for table in old.tables:
        if table.name not in matched and table.name not in new_names:
            if table.external:  # not ours to drop: take back what the spec added to it
                compare_parts(table, replace(table, policies=(), grants=(), triggers=()),
                              set(), set(), changes)
                continue
            changes.extend(DropForeignKey(table.name, fk) for fk in table.foreign_keys)
            changes.append(DropTable(table))


def create_table(table: ir.Table) -> list[Change]:
    if table.external:
        changes: list[Change] = []
        compare_parts(replace(table, policies=(), grants=(), triggers=()), table, set(), set(),
                      changes)
        return changes
    changes = [CreateTable(table)]
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
    for trigger in table.triggers:
        changes.extend(create_trigger(table.name, trigger))
    compare_realtime(None, table, changes)
    compare_rows(None, table, changes)
    return changes


def compare_table(old: ir.Table, new: ir.Table, recreated: set[ir.QualifiedName],
                  renames: Renames, rebuilt: set[ir.QualifiedName], changes: list[Change]) -> None:
    if old.comment != new.comment:
        changes.append(SetTableComment(new.name, new.comment))
    retyped = compare_columns(old, new, recreated, changes)
    # A policy that uses a column being dropped must go first, or DROP COLUMN fails.
    dropped = ({c.name for c in old.columns} - {c.name for c in new.columns}
               - set(renamed_columns(old, new)))
    compare_constraints(old, new, renames, changes)
    compare_indexes(old, new, changes)
    compare_rls(old, new, changes)
    compare_parts(old, new, retyped | dropped, rebuilt, changes)


def compare_parts(old: ir.Table, new: ir.Table, pinned: set[str],
                  rebuilt: set[ir.QualifiedName], changes: list[Change]) -> None:
    """What a table the spec does not own may receive too: policies, grants, triggers."""
    compare_policies(old, new, pinned, rebuilt, changes)
    compare_grants(old, new, changes)
    compare_realtime(old, new, changes)
    compare_rows(old, new, changes)
    compare_triggers(old, new, rebuilt, changes)
