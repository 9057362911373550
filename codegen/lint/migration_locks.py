"""Migration safety of indexes and constraints added to tables that already have rows.

What PostgreSQL does, checked by tests/test_lint_migrations_postgres.py:

* ``CREATE INDEX`` takes a SHARE lock: reads go on, every INSERT, UPDATE and DELETE
  waits until the migration commits. ``CREATE INDEX CONCURRENTLY`` takes SHARE UPDATE
  EXCLUSIVE (writes go on) but cannot run inside a transaction block.
* ``ADD PRIMARY KEY`` / ``ADD UNIQUE`` build their index under ACCESS EXCLUSIVE.
* ``ADD FOREIGN KEY`` takes SHARE ROW EXCLUSIVE on both tables, ``ADD CHECK`` ACCESS
  EXCLUSIVE; without NOT VALID the rows are checked while the lock is held. With NOT
  VALID the check moves to ``VALIDATE CONSTRAINT`` (SHARE UPDATE EXCLUSIVE), which helps
  only in a later transaction: locks are held until commit, and a migration file is
  one transaction. So the generator validates in the next file.
"""

from __future__ import annotations

from collections.abc import Iterator

from codegen.lint.finding import Issue, Subject, column_name, on_foreign_key, table_name
from codegen.lint.migration import Migration
from codegen.migrate.changes import AddConstraint, AddForeignKey, CreateIndex
from codegen.schema import ir

_SMALL = "acknowledge it for a small table: lint_ignore: {{{rule}: \"<why>\"}}"


def index_not_concurrent(m: Migration) -> Iterator[Issue]:
    """squawk: require-concurrent-index-creation."""
    if m.concurrent_indexes:
        return
    for change in m.changes:
        if isinstance(change, CreateIndex) and m.existed(change.table):
            index = change.index
            yield Issue(
                m.on_index(change.table, index.name),
                f'index "{index.name}" is built on "{change.table}", which already has rows, by '
                "a plain CREATE INDEX: its SHARE lock blocks every insert, update and delete on "
                "the table until the migration commits",
                "run `codegen generate --concurrent-indexes` to build it in a file of its own; "
                + _SMALL.format(rule="index_not_concurrent")
                + ", or apply the migration when writes may wait",
            )


def unique_constraint_builds_index(m: Migration) -> Iterator[Issue]:
    """squawk: disallowed-unique-constraint (and a primary key likewise)."""
    for change in m.changes:
        if not isinstance(change, AddConstraint) or not m.existed(change.table):
            continue
        constraint = change.constraint
        if isinstance(constraint, (ir.PrimaryKey, ir.Unique)):
            kind = "primary key" if isinstance(constraint, ir.PrimaryKey) else "unique constraint"
            yield Issue(
                _on_constraint(m, change.table, constraint),
                f'{kind} "{constraint.name}" is added to "{change.table}", which already has '
                "rows: ADD CONSTRAINT builds its index under an ACCESS EXCLUSIVE lock, no reads "
                "or writes until the migration commits",
                "on a large table the index must be built CONCURRENTLY first and attached with "
                "ADD CONSTRAINT … USING INDEX, which codegen does not write; "
                + _SMALL.format(rule="unique_constraint_builds_index"),
            )


def constraint_not_valid(m: Migration) -> Iterator[Issue]:
    """squawk: constraint-missing-not-valid, adding-foreign-key-constraint.

    The generator adds foreign keys and checks to existing tables NOT VALID, then
    validates them (codegen/sql/constraints.py): this rule proves it does.
    """
    for change in m.changes:
        if isinstance(change, AddForeignKey) and not change.existing_table \
                and m.existed(change.table):
            fk = change.foreign_key
            yield Issue(
                _on_fk(m, change.table, fk),
                f'foreign key "{fk.name}" is added to "{change.table}", which already has rows, '
                "without NOT VALID: every row is checked while ADD CONSTRAINT holds a SHARE ROW "
                f'EXCLUSIVE lock on "{change.table}" and "{fk.target}", blocking their writes',
                "this is a bug of codegen (it adds NOT VALID, then VALIDATE CONSTRAINT): report it",
            )
        elif (isinstance(change, AddConstraint) and isinstance(change.constraint, ir.Check)
              and not change.existing_table and m.existed(change.table)):
            check = change.constraint
            yield Issue(
                _on_constraint(m, change.table, check),
                f'check "{check.name}" is added to "{change.table}", which already has rows, '
                "without NOT VALID: every row is checked while ADD CONSTRAINT holds an ACCESS "
                "EXCLUSIVE lock, blocking reads and writes",
                "this is a bug of codegen (it adds NOT VALID, then VALIDATE CONSTRAINT): report it",
            )


def constraint_validated_in_same_transaction(m: Migration) -> Iterator[Issue]:
    """squawk: constraint-missing-not-valid (its NOT VALID + VALIDATE in one transaction case).

    The generator validates a foreign key or check it adds NOT VALID to an existing table
    in the next migration file (migrations.split_validations): this rule proves it does.
    """
    hint = "this is a bug of codegen (it validates in a migration file of its own): report it"
    for change in m.changes:
        if isinstance(change, AddForeignKey) and change.existing_table \
                and not change.validate_later:
            fk = change.foreign_key
            yield Issue(
                _on_fk(m, change.table, fk),
                f'foreign key "{fk.name}" is added to "{change.table}" NOT VALID and validated in '
                "the same migration file, so the same transaction: the SHARE ROW EXCLUSIVE lock "
                f'of ADD CONSTRAINT on "{change.table}" and "{fk.target}" is held while VALIDATE '
                "scans the rows, blocking their writes as if NOT VALID were not used",
                hint,
            )
        elif (isinstance(change, AddConstraint) and isinstance(change.constraint, ir.Check)
              and change.existing_table and not change.validate_later):
            check = change.constraint
            yield Issue(
                _on_constraint(m, change.table, check),
                f'check "{check.name}" is added to "{change.table}" NOT VALID and validated in the '
                "same migration file, so the same transaction: the ACCESS EXCLUSIVE lock of ADD "
                "CONSTRAINT is held while VALIDATE scans the rows, blocking reads and writes",
                hint,
            )


def _on_fk(m: Migration, name: ir.QualifiedName, fk: ir.ForeignKey) -> Subject:
    table = m.new.table(name)
    return on_foreign_key(table, fk) if table else m.on_table(name)


def _on_constraint(m: Migration, name: ir.QualifiedName,
                   constraint: ir.PrimaryKey | ir.Unique | ir.Check) -> Subject:
    """Constraints have no ``lint_ignore``: their table's (or a key's columns') acknowledges them."""
    table = m.new.table(name)
    if table is None:
        return m.on_table(name)
    kind = "check" if isinstance(constraint, ir.Check) else "constraint"
    columns = [] if isinstance(constraint, ir.Check) else [
        column_name(table, c) for c in table.columns if c.name in constraint.columns]
    return Subject(f"{kind} {constraint.name} on {table.name}", constraint.span or table.span,
                   (*columns, table_name(table)))
