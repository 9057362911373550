"""A new enum label used in the transaction that adds it.

PostgreSQL 12+ lets ``ALTER TYPE … ADD VALUE`` run in a transaction, but the label
cannot be used before that transaction commits: a default, check, policy or index
predicate that turns it into the enum fails with "unsafe use of new value". The
generator puts label additions into a migration of their own that runs first
(:func:`codegen.migrate.plan.split_enum_additions`); this rule checks each planned file.
"""

from __future__ import annotations

from collections.abc import Iterator

from codegen.lint import sqltree
from codegen.lint.finding import Issue, Subject
from codegen.lint.migration import Migration
from codegen.migrate.changes import (
    AddColumn,
    AddConstraint,
    AddEnumValue,
    AlterColumnType,
    AlterPolicy,
    Change,
    CreateIndex,
    CreatePolicy,
    CreateTable,
    SetColumnDefault,
    SetColumnNullable,
)
from codegen.schema import ir


def adding_enum_value_used_in_same_migration(m: Migration) -> Iterator[Issue]:
    """No squawk equivalent (its ban-add-enum-value is about clients, opt-in)."""
    for step in m.steps:
        added = [(c.enum, c.value) for c in step if isinstance(c, AddEnumValue)]
        if not added:
            continue
        for change in step:
            for subject, what, text, enums in _uses(m, change):
                literals = set(sqltree.strings(sqltree.parse(text)))
                for enum, value in added:
                    if enum in enums and value in literals:
                        yield Issue(
                            subject,
                            f'label "{value}" is added to enum "{enum}" and used by {what} in the '
                            "same migration, so the same transaction: PostgreSQL refuses it "
                            '("unsafe use of new value") until the addition commits',
                            "this is a bug of codegen (it moves label additions into a migration "
                            "of their own that runs first): report it",
                        )


Use = tuple[Subject, str, str, set[ir.QualifiedName]]  # where, what, SQL text, enums in reach


def _uses(m: Migration, change: Change) -> Iterator[Use]:
    """The SQL texts a change runs that may turn a string into an enum value."""
    match change:
        case CreateTable(table):
            for column in table.columns:
                if column.default is not None and column.type.enum is not None:
                    yield (m.on_column(table.name, column.name),
                           f'the default of "{table.name}.{column.name}"', column.default.sql,
                           {column.type.enum})
            for check in table.checks:
                yield (m.on_table(table.name), f'check "{check.name}"', check.expression,
                       _enums(table))
        case AddColumn(name, added) | SetColumnNullable(name, added, False):
            if added.default is not None and added.type.enum is not None \
                    and isinstance(change, AddColumn):
                yield (m.on_column(name, added.name), f'the default of "{name}.{added.name}"',
                       added.default.sql, {added.type.enum})
            if added.backfill is not None:
                yield (m.on_column(name, added.name), f'the backfill of "{name}.{added.name}"',
                       added.backfill, _enums(m.new.table(name)))
        case SetColumnDefault(name, column_name, default) if default is not None:
            owner = m.new.table(name)
            typed = next((c for c in owner.columns if c.name == column_name), None) \
                if owner else None
            if typed is not None and typed.type.enum is not None:
                yield (m.on_column(name, column_name), f'the default of "{name}.{column_name}"',
                       default.sql, {typed.type.enum})
        case AlterColumnType(name, _, new):
            for text, what in ((new.default.sql if new.default else None, "default"),
                               (new.using, "using")):
                if text is not None:
                    yield (m.on_column(name, new.name), f'the {what} of "{name}.{new.name}"',
                           text, _enums(m.new.table(name)))
        case AddConstraint(name, ir.Check() as check, _):
            yield (m.on_table(name), f'check "{check.name}"', check.expression,
                   _enums(m.new.table(name)))
        case CreateIndex(name, index) if index.where is not None:
            yield (m.on_index(name, index.name), f'the predicate of index "{index.name}"',
                   index.where, _enums(m.new.table(name)))
        case CreatePolicy(name, policy) | AlterPolicy(name, policy):
            subject = m.on_policy(name, policy.name) or m.on_table(name)
            for text in (policy.using, policy.with_check):
                if text is not None:
                    yield (subject, f'policy "{policy.name}"', text, _all_enums(m.new))


def _enums(table: ir.Table | None) -> set[ir.QualifiedName]:
    """The enums whose values an expression over the table compares with."""
    if table is None:
        return set()
    return {c.type.enum for c in table.columns if c.type.enum is not None}


def _all_enums(schema: ir.Schema) -> set[ir.QualifiedName]:
    # A policy may read enum columns of other tables through sub-selects.
    return {e.name for e in schema.enums}
