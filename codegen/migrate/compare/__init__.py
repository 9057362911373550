"""Compare two schemas and list the changes that turn ``old`` into ``new``.

Comparators, split by concern, only append change objects; ordering is
:mod:`codegen.migrate.plan`'s job and SQL is :mod:`codegen.sql.render`'s. Renames are
never guessed for tables, columns or enum labels: they come from the spec's
``renamed_from`` / ``renamed_values``. Constraints and indexes, which hold no
data, are matched by definition, so a rename that changes their default names
renames them too instead of rebuilding them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

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
)
from codegen.schema import ir
from codegen.schema.expressions import parse_expression
from codegen.schema.supabase import PROVIDED_SCHEMAS


class _Named(Protocol):
    """A constraint or index: matched by definition, told apart by name."""

    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


def compare(old: ir.Schema, new: ir.Schema) -> list[Change]:
    changes: list[Change] = [
        CreateSchema(name) for name in sorted(_schemas(new) - _schemas(old) - PROVIDED_SCHEMAS)
    ]
    recreated = compare_enums(old, new, changes)
    compare_tables(old, new, recreated, changes)
    return changes


def _schemas(schema: ir.Schema) -> set[str]:
    return {t.name.schema for t in schema.tables} | {e.name.schema for e in schema.enums}


# -- enums ---------------------------------------------------------------------------------------

def compare_enums(old: ir.Schema, new: ir.Schema, changes: list[Change]) -> set[ir.QualifiedName]:
    """Append enum changes; return the enums that must be recreated (labels removed/reordered)."""
    old_enums = {e.name: e for e in old.enums}
    new_names = {e.name for e in new.enums}
    recreated: set[ir.QualifiedName] = set()
    for enum in new.enums:
        before = old_enums.get(enum.name)
        if before is None:
            changes.extend(create_enum(enum))
            continue
        if before.comment != enum.comment:
            changes.append(SetEnumComment(enum.name, enum.comment))
        labels = list(before.values)
        for old_label, new_label in enum.renamed_values:
            if old_label in labels and new_label not in labels:
                changes.append(RenameEnumValue(enum.name, old_label, new_label))
                labels[labels.index(old_label)] = new_label
        if labels == list(enum.values):
            continue
        if [v for v in enum.values if v in labels] == labels:
            # Only additions: ADD VALUE keeps existing rows and can place each label.
            for i, value in enumerate(enum.values):
                if value not in labels:
                    following = next((v for v in enum.values[i + 1:] if v in labels), None)
                    changes.append(AddEnumValue(enum.name, value, following))
            continue
        recreated.add(enum.name)
        changes.append(RecreateEnum(replace(before, values=tuple(labels)), enum,
                                    _existing_users(old, new, enum.name)))
    for enum in old.enums:
        if enum.name not in new_names:
            changes.append(DropEnum(enum))
    return recreated


def _existing_users(old: ir.Schema, new: ir.Schema,
                    enum: ir.QualifiedName) -> tuple[tuple[ir.QualifiedName, ir.Column], ...]:
    """Columns that hold the enum before and after the migration, under their new names.

    Tables and columns created by the same migration get the new type when they are
    created; converting them here would run before they exist.
    """
    old_tables = {t.name: t for t in old.tables}
    users = []
    for table in new.tables:
        before = old_tables.get(table.name) or old_tables.get(table.renamed_from)  # type: ignore[arg-type]
        if before is None:
            continue
        old_columns = {c.name: c for c in before.columns}
        for column in table.columns:
            was = old_columns.get(column.name) or old_columns.get(column.renamed_from or "")
            if was is not None and was.type.enum == enum and column.type.enum == enum:
                users.append((table.name, column))
    return tuple(users)


def create_enum(enum: ir.Enum) -> list[Change]:
    changes: list[Change] = [CreateEnum(enum)]
    if enum.comment is not None:
        changes.append(SetEnumComment(enum.name, enum.comment))
    return changes


# -- tables --------------------------------------------------------------------------------------

def compare_tables(old: ir.Schema, new: ir.Schema, recreated: set[ir.QualifiedName],
                   changes: list[Change]) -> None:
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
                 for old_name, new_name in _renamed_columns(a, b).items()},
    )
    matched = {before.name for before, _ in pairs}
    for before, table in pairs:
        if before == table and not renames.tables and not renames.columns and not recreated:
            continue  # the common case in a large schema: nothing to compare
        compare_table(before, table, recreated, renames, changes)
    for table in old.tables:
        if table.name not in matched and table.name not in new_names:
            changes.extend(DropForeignKey(table.name, fk) for fk in table.foreign_keys)
            changes.append(DropTable(table))


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


@dataclass(frozen=True)
class Renames:
    """Declared renames of this comparison: foreign keys follow their targets' new names."""

    tables: dict[ir.QualifiedName, ir.QualifiedName]
    columns: dict[tuple[ir.QualifiedName, str], str]  # (table's new name, old column) -> new

    def target(self, fk: ir.ForeignKey) -> tuple[ir.QualifiedName, tuple[str, ...]]:
        table = self.tables.get(fk.target, fk.target)
        return table, tuple(self.columns.get((table, c), c) for c in fk.target_columns)


def compare_table(old: ir.Table, new: ir.Table, recreated: set[ir.QualifiedName],
                  renames: Renames, changes: list[Change]) -> None:
    name = new.name
    if old.comment != new.comment:
        changes.append(SetTableComment(name, new.comment))
    retyped = compare_columns(old, new, recreated, changes)
    # A policy that uses a column being dropped must go first, or DROP COLUMN fails.
    dropped = {c.name for c in old.columns} - {c.name for c in new.columns} - set(
        _renamed_columns(old, new))
    compare_constraints(old, new, renames, changes)
    compare_indexes(old, new, changes)
    if old.rls != new.rls:
        changes.append(EnableRls(name) if new.rls else DisableRls(name))
    compare_policies(old, new, retyped | dropped, changes)
    compare_grants(old, new, changes)


def compare_columns(old: ir.Table, new: ir.Table, recreated: set[ir.QualifiedName],
                    changes: list[Change]) -> set[str]:
    """Append column changes; return the columns whose type changes (in place or by recreation)."""
    name = new.name
    old_columns = {c.name: c for c in old.columns}
    new_names = {c.name for c in new.columns}
    matched: set[str] = set()
    retyped: set[str] = set()
    for column in new.columns:
        before = old_columns.get(column.name)
        if (before is None and column.renamed_from in old_columns
                and column.renamed_from not in new_names):
            before = old_columns[column.renamed_from]
            changes.append(RenameColumn(name, before.name, column.name))
        if before is None:
            changes.append(AddColumn(name, column))
            if column.comment:
                changes.append(SetColumnComment(name, column.name, column.comment))
            continue
        matched.add(before.name)
        if column.type.enum in recreated:
            retyped.add(column.name)
        if before.type != column.type:
            changes.append(AlterColumnType(name, before, column))
            retyped.add(column.name)
        elif before.default != column.default:
            changes.append(SetColumnDefault(name, column.name, column.default))
        if before.nullable != column.nullable:
            changes.append(SetColumnNullable(name, column, column.nullable))
        if before.identity != column.identity:
            changes.append(SetColumnIdentity(name, column.name, before.identity, column.identity))
        if before.comment != column.comment:
            changes.append(SetColumnComment(name, column.name, column.comment))
    for column in old.columns:
        if column.name not in matched and column.name not in new_names:
            changes.append(DropColumn(name, column))
    return retyped


def _renamed_columns(old: ir.Table, new: ir.Table) -> dict[str, str]:
    """Old column name -> new name, for columns renamed by the spec."""
    old_names = {c.name for c in old.columns}
    return {c.renamed_from: c.name for c in new.columns
            if c.renamed_from in old_names and c.name not in old_names}


def _match_by_definition(old: Sequence[T], new: Sequence[T],
                         key: Callable[[T], object]) -> tuple[list[T], list[T], list[tuple[T, T]]]:
    """Split into (dropped, added, renamed pairs); equal definitions under another name rename."""
    definition = key  # item -> comparable definition without its name
    old_by_name = {x.name: x for x in old}
    new_by_name = {x.name: x for x in new}
    def same(a: T | None, b: T | None) -> bool:
        # Equal, or equal once renames are applied (a foreign key to a renamed table).
        return a == b or (a is not None and b is not None
                          and definition(a) == definition(b))

    dropped = [x for n, x in old_by_name.items() if not same(new_by_name.get(n), x)]
    added = [x for n, x in new_by_name.items() if not same(old_by_name.get(n), x)]
    renamed: list[tuple[T, T]] = []
    for item in list(added):
        twin = next((d for d in dropped if definition(d) == definition(item)
                     and d.name not in new_by_name), None)
        if twin is not None:
            dropped.remove(twin)
            added.remove(item)
            renamed.append((twin, item))
    return dropped, added, renamed


def _rename_in(columns: Iterable[str], renames: dict[str, str]) -> tuple[str, ...]:
    return tuple(renames.get(c, c) for c in columns)


def compare_constraints(old: ir.Table, new: ir.Table, table_renames: Renames,
                        changes: list[Change]) -> None:
    name = new.name
    renames = _renamed_columns(old, new)
    for kind in ("pk", "unique", "check"):
        old_items = _constraints(old, kind)
        new_items = _constraints(new, kind)

        def definition(c: object) -> object:
            if isinstance(c, ir.Check):
                return c.expression
            assert isinstance(c, (ir.PrimaryKey, ir.Unique))
            return _rename_in(c.columns, renames)

        dropped, added, renamed = _match_by_definition(old_items, new_items, definition)
        changes.extend(DropConstraint(name, c) for c in dropped)
        changes.extend(RenameConstraint(name, a.name, b.name) for a, b in renamed)
        changes.extend(AddConstraint(name, c, existing_table=True) for c in added)

    def fk_definition(fk: ir.ForeignKey) -> object:
        return (_rename_in(fk.columns, renames), table_renames.target(fk), fk.on_delete,
                fk.on_update)

    dropped_fks, added_fks, renamed_fks = _match_by_definition(
        old.foreign_keys, new.foreign_keys, fk_definition)
    changes.extend(DropForeignKey(name, fk) for fk in dropped_fks)
    changes.extend(RenameConstraint(name, a.name, b.name) for a, b in renamed_fks)
    changes.extend(AddForeignKey(name, fk, existing_table=True) for fk in added_fks)


def _constraints(table: ir.Table, kind: str) -> list[ir.PrimaryKey | ir.Unique | ir.Check]:
    if kind == "pk":
        return [table.primary_key] if table.primary_key else []
    if kind == "unique":
        return list(table.uniques)
    return list(table.checks)


def compare_indexes(old: ir.Table, new: ir.Table, changes: list[Change]) -> None:
    renames = _renamed_columns(old, new)

    def definition(index: ir.Index) -> object:
        return (_rename_in(index.columns, renames), index.unique, index.using, index.where,
                index.opclass)

    dropped, added, renamed = _match_by_definition(old.indexes, new.indexes, definition)
    changes.extend(DropIndex(new.name, index) for index in dropped)
    changes.extend(RenameIndex(new.name.schema, a.name, b.name) for a, b in renamed)
    changes.extend(CreateIndex(new.name, index) for index in added)


def compare_policies(old: ir.Table, new: ir.Table, pinned: set[str],
                     changes: list[Change]) -> None:
    name = new.name
    old_policies = {p.name: p for p in old.policies}
    new_names = {p.name for p in new.policies}
    for policy in new.policies:
        before = old_policies.get(policy.name)
        # PostgreSQL refuses to retype or drop a column a policy uses: rebuild the policy.
        blocks_retype = before is not None and bool(_policy_columns(before) & pinned)
        if before is None:
            changes.append(CreatePolicy(name, policy))
        elif blocks_retype or (before.command, before.permissive) != (
                policy.command, policy.permissive) or _loses_clause(before, policy):
            changes.append(DropPolicy(name, before))
            changes.append(CreatePolicy(name, policy))
        elif before != policy:
            changes.append(AlterPolicy(name, policy))
    for policy in old.policies:
        if policy.name not in new_names:
            changes.append(DropPolicy(name, policy))


def _loses_clause(old: ir.Policy, new: ir.Policy) -> bool:
    """ALTER POLICY can replace USING / WITH CHECK but not remove them."""
    return (old.using is not None and new.using is None) or (
        old.with_check is not None and new.with_check is None)


def _policy_columns(policy: ir.Policy) -> set[str]:
    names: set[str] = set()
    for text in (policy.using, policy.with_check):
        if text is not None:
            names |= {ref.name for ref in parse_expression(text).columns}
    return names


def compare_grants(old: ir.Table, new: ir.Table, changes: list[Change]) -> None:
    old_grants = {g.role: g for g in old.grants}
    new_grants = {g.role: g for g in new.grants}
    for role in sorted(old_grants.keys() | new_grants.keys()):
        before, after = old_grants.get(role), new_grants.get(role)
        if before == after:
            continue
        if before is not None:
            changes.append(RevokePrivileges(new.name, role))
        if after is not None:
            changes.append(GrantPrivileges(new.name, after))
