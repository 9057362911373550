"""The next migration, as the migration-safety rules see it.

The schema rules read the spec alone; the migration-safety rules read what the
next migration will do to a database that already has rows. :class:`Migration`
holds the schema of the last generated migration (``old``), the spec's
(``new``) and the planned changes split into the files ``codegen generate``
would write (``steps``): usually one, two when enum labels are added (see
:func:`codegen.migrate.plan.split_enum_additions`). Supabase's CLI runs each migration
file in one transaction, so a step is a transaction.

Each rule is a function ``(Migration) -> Iterator[Issue]``; findings point at
the objects of the new spec (a dropped object has no place there: its span is
None and the message says which object it was).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from codegen.lint.finding import (
    Issue,
    Subject,
    column_name,
    on_index,
    on_policy,
    on_table,
    table_name,
)
from codegen.migrate.changes import (
    AlterPolicy,
    Change,
    CreatePolicy,
    CreateTable,
    DropPolicy,
    RenameTable,
)
from codegen.migrate.history import plan_steps
from codegen.schema import ir

MigrationCheck = Callable[["Migration"], Iterator[Issue]]


@dataclass(frozen=True)
class Migration:
    """The changes from ``old`` (the last generated migration's schema) to ``new`` (the spec).

    ``steps`` are the migration files in run order, each a list of changes in run order;
    each file runs in a transaction of its own. ``concurrent_indexes``: the indexes this
    migration adds to tables that already exist are built with CREATE INDEX CONCURRENTLY
    in a separate, non-transactional file (`codegen generate --concurrent-indexes`).
    """

    old: ir.Schema
    new: ir.Schema
    steps: tuple[tuple[Change, ...], ...]
    concurrent_indexes: bool = False

    @cached_property
    def changes(self) -> tuple[Change, ...]:
        return tuple(change for step in self.steps for change in step)

    @cached_property
    def created_tables(self) -> frozenset[ir.QualifiedName]:
        return frozenset(c.table.name for c in self.changes if isinstance(c, CreateTable))

    @cached_property
    def _renamed(self) -> dict[ir.QualifiedName, ir.QualifiedName]:
        return {c.old: c.new for c in self.changes if isinstance(c, RenameTable)}

    def existed(self, table: ir.QualifiedName) -> bool:
        """Whether the table (by its new name) has rows already: it is not created here."""
        return table not in self.created_tables

    def old_name(self, table: ir.QualifiedName) -> ir.QualifiedName:
        """The name a table of the new spec had before this migration (renames undone)."""
        return next((old for old, new in self._renamed.items() if new == table), table)

    def new_name(self, table: ir.QualifiedName) -> ir.QualifiedName:
        return self._renamed.get(table, table)

    def policy_changed(self, table: ir.QualifiedName, policy: str) -> bool:
        """Whether the migration (re)writes the policy, so the database gets the spec's text."""
        return any(isinstance(c, (CreatePolicy, AlterPolicy, DropPolicy)) and c.table == table
                   and c.policy.name == policy for c in self.changes)

    # -- where a finding points: objects of the new spec ---------------------------------------

    def on_table(self, name: ir.QualifiedName) -> Subject:
        table = self.new.table(name)
        return on_table(table) if table else dropped(f"table {name}")

    def on_column(self, name: ir.QualifiedName, column: str) -> Subject:
        """A column of the new spec: acknowledged on the column or its table."""
        table = self.new.table(name)
        if table is None:
            return dropped(f"column {name}.{column}")
        found = next((c for c in table.columns if c.name == column), None)
        span = found.span if found and found.span else table.span
        return Subject(column_name(table, found) if found else f"column {name}.{column}", span,
                       ((column_name(table, found),) if found else ()) + (table_name(table),))

    def on_index(self, name: ir.QualifiedName, index: str) -> Subject:
        table = self.new.table(name)
        found = next((i for i in table.indexes if i.name == index), None) if table else None
        if table is None or found is None:
            return dropped(f"index {name.schema}.{index}")
        return on_index(table, found)

    def on_policy(self, name: ir.QualifiedName, policy: str) -> Subject | None:
        """A policy of the new spec, or None when the spec no longer has it."""
        table = self.new.table(name)
        found = next((p for p in table.policies if p.name == policy), None) if table else None
        return on_policy(table, found) if table and found else None


def dropped(obj: str) -> Subject:
    """An object the new spec no longer has: no place to point at, no ``lint_ignore`` to hold."""
    return Subject(obj, None, ())


def also_owned_by(subject: Subject, *owners: str) -> Subject:
    """The same subject, acknowledged as well by ``owners`` (objects named like Subject.object)."""
    return Subject(subject.object, subject.span, tuple(dict.fromkeys((*subject.owners, *owners))))


def pending_migration(old: ir.Schema, new: ir.Schema, *,
                      concurrent_indexes: bool = False) -> Migration:
    """The next migration from ``old`` to ``new``, split into files as ``codegen generate`` does.

    ``old`` is ``read_history(folder).latest`` (an empty schema before the first
    migration); with nothing to change, the migration has no steps.
    """
    steps = tuple(tuple(step.changes) for step in plan_steps(old, new, concurrent_indexes))
    return Migration(old, new, steps, concurrent_indexes)

