"""Migration safety of column changes: adding, retyping and forbidding NULL on tables with rows.

What PostgreSQL does, checked by tests/test_lint_migrations_postgres.py:

* ``ALTER COLUMN … TYPE`` rewrites the table (and rebuilds its indexes) under an
  ACCESS EXCLUSIVE lock unless the old type is binary coercible to the new one and
  ``USING`` does not change the contents (docs: ALTER TABLE, Notes). Built-in cases
  that are not rewrites: ``varchar(n)`` to ``varchar(m ≥ n)``, ``varchar`` or
  ``text``; ``text`` to ``varchar``; ``numeric(p, s)`` to ``numeric(q ≥ p, s)`` or
  ``numeric`` (release notes 9.2); ``text``/``varchar`` and ``citext`` (but the
  operator class changes, so indexes on the column are rebuilt);
  ``timestamp`` ↔ ``timestamptz`` only when the session's TimeZone is UTC (release
  notes 12; indexes on the column are rebuilt even then). Array columns are rewritten
  on any element change.
* ``SET NOT NULL`` scans the whole table under ACCESS EXCLUSIVE, unless a valid
  CHECK constraint proves the column has no NULL (PostgreSQL 12+).
* ``ADD COLUMN`` with a volatile default, or an identity column, rewrites the table;
  a non-volatile default is stored in the catalog (PostgreSQL 11+).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from codegen.lint import sqltree
from codegen.lint.finding import Issue
from codegen.lint.migration import Migration
from codegen.migrate.changes import (
    AddColumn,
    AlterColumnType,
    DropConstraint,
    RecreateEnum,
    SetColumnNullable,
    type_text,
)
from codegen.schema import ir

_ACKNOWLEDGE = "or acknowledge it for a small table: lint_ignore: {{{rule}: \"<why>\"}}"

# Functions PostgreSQL marks VOLATILE (pg_proc.provolatile = 'v') that defaults use; a default
# calling one is evaluated for every existing row. tests/test_lint_migrations_postgres.py checks
# the catalog agrees. Unknown functions (extensions, your own) are not flagged.
VOLATILE_FUNCTIONS = frozenset({
    "clock_timestamp", "gen_random_bytes", "gen_random_uuid", "nextval", "random",
    "random_normal", "timeofday", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
    "uuidv4", "uuidv7",
})


def _needs_backfill(column: ir.Column) -> bool:
    return not column.nullable and column.default is None and column.identity is None


def adding_required_column(m: Migration) -> Iterator[Issue]:
    """squawk: adding-required-field. `codegen generate` refuses these too (E302)."""
    for change in m.changes:
        if (isinstance(change, AddColumn) and m.existed(change.table)
                and _needs_backfill(change.column) and change.column.backfill is None):
            name = f"{change.table}.{change.column.name}"
            yield Issue(
                m.on_column(change.table, change.column.name),
                f'new column "{name}" is NOT NULL without a default: ADD COLUMN fails on a table '
                'that has rows ("contains null values"), and `codegen generate` refuses it (E302)',
                "give it a `default`, make it nullable (`type?`), or add `backfill: <SQL "
                "expression>` to fill the rows the table already has",
            )


def not_null_column_backfill(m: Migration) -> Iterator[Issue]:
    """The UPDATE a `backfill:` becomes runs in the migration's transaction."""
    hint = ("on a large table: add the column nullable, fill it in batches outside the migration, "
            "make it NOT NULL in a later migration; " + _ACKNOWLEDGE.format(
                rule="not_null_column_backfill"))
    for change in m.changes:
        if (isinstance(change, AddColumn) and m.existed(change.table)
                and _needs_backfill(change.column) and change.column.backfill is not None):
            column = change.column
            yield Issue(
                m.on_column(change.table, column.name),
                f'new column "{change.table}.{column.name}" is filled by an UPDATE of every row '
                f"(`backfill: {column.backfill}`) inside the migration's transaction, then SET NOT "
                "NULL scans the table under an ACCESS EXCLUSIVE lock: updates and deletes of those "
                "rows wait for the whole migration, reads and writes for the scan",
                hint,
            )
        elif (isinstance(change, SetColumnNullable) and not change.nullable
              and change.column.backfill is not None):
            column = change.column
            yield Issue(
                m.on_column(change.table, column.name),
                f'"{change.table}.{column.name}" is filled by `UPDATE … SET {column.name} = '
                f"{column.backfill} WHERE {column.name} IS NULL` inside the migration's "
                "transaction: every row it changes stays locked against updates and deletes "
                "until the migration commits",
                hint,
            )


def add_column_rewrites_table(m: Migration) -> Iterator[Issue]:
    """squawk: adding-field-with-default (a volatile default; an identity column likewise)."""
    for change in m.changes:
        if not isinstance(change, AddColumn) or not m.existed(change.table):
            continue
        column = change.column
        if column.identity is not None:
            why = "is an identity column (every existing row gets a value of its sequence)"
        else:
            volatile = _volatile_calls(column.default.sql) if column.default else []
            if not volatile:
                continue
            why = (f"has a volatile default ({', '.join(f'{f}()' for f in volatile)}, computed "
                   "for every existing row)")
        yield Issue(
            m.on_column(change.table, column.name),
            f'new column "{change.table}.{column.name}" {why}: ADD COLUMN rewrites the whole '
            "table and its indexes under an ACCESS EXCLUSIVE lock, no reads or writes meanwhile",
            "on a large table: add it nullable without the default, set the default in a later "
            "migration and fill existing rows in batches; "
            + _ACKNOWLEDGE.format(rule="add_column_rewrites_table"),
        )


def _volatile_calls(sql: str) -> list[str]:
    names = [call.name.rsplit(".", 1)[-1].lower() for call in sqltree.calls(sqltree.parse(sql))]
    return sorted({n for n in names if n in VOLATILE_FUNCTIONS})


# -- type changes --------------------------------------------------------------------------------

Cost = Literal["none", "rewrite", "rewrite_unless_utc", "reindex"]

_TEXT = frozenset({"text", "varchar", "citext"})


def type_change_cost(old: ir.ColumnType, new: ir.ColumnType) -> Cost:
    """What ``ALTER COLUMN … TYPE new USING col::new`` costs on a table with rows.

    ``reindex``: the table is kept but indexes on the column are rebuilt (the
    operator class changes); ``rewrite_unless_utc``: a rewrite unless the session's
    TimeZone is UTC (PostgreSQL 12+), and the column's indexes are rebuilt either way.
    """
    if old == new:
        return "none"
    if old.enum or new.enum or old.array_dims or new.array_dims:
        return "rewrite"  # enums convert through text; arrays are rewritten on any change
    a, b = old.base, new.base
    if {a, b} == {"timestamp", "timestamptz"}:
        return "rewrite_unless_utc"
    if a == "numeric" and b == "numeric":
        if not new.args:
            return "none"
        if not old.args:
            return "rewrite"
        old_scale = old.args[1] if len(old.args) > 1 else 0
        new_scale = new.args[1] if len(new.args) > 1 else 0
        return "none" if new_scale == old_scale and new.args[0] >= old.args[0] else "rewrite"
    if a in _TEXT and b in _TEXT:
        if b == "varchar" and new.args and (a != "varchar" or not old.args
                                             or old.args[0] > new.args[0]):
            return "rewrite"  # a length limit to check on every row
        return "reindex" if "citext" in (a, b) else "none"
    return "rewrite"


def _plain_cast(using: str | None, column: str) -> bool:
    """No ``using:``, or one that only casts the column (``col::type``)."""
    if using is None:
        return True
    tree: Any = sqltree.parse(using)
    cast = tree.get("TypeCast") if isinstance(tree, dict) else None
    arg = cast.get("arg", {}) if cast else {}
    return "ColumnRef" in arg and sqltree.names(arg["ColumnRef"].get("fields", [])) == [column]


def _indexes_on(table: ir.Table | None, column: str) -> list[str]:
    if table is None:
        return []
    keys: list[ir.PrimaryKey | ir.Unique | ir.Index] = [
        *([table.primary_key] if table.primary_key else []), *table.uniques, *table.indexes]
    return [k.name for k in keys if column in k.columns]


def column_type_rewrites_table(m: Migration) -> Iterator[Issue]:
    """squawk: changing-column-type (which flags every type change; this one only rewrites)."""
    hint = ("on a large table: add a column of the new type, fill it in batches (a trigger keeps "
            "it current), then switch to it; " + _ACKNOWLEDGE.format(
                rule="column_type_rewrites_table"))
    for change in m.changes:
        if isinstance(change, AlterColumnType):
            old, new = change.old, change.new
            where = (f'changing "{change.table}.{new.name}" from {type_text(old.type)} to '
                     f"{type_text(new.type)}")
            cost = type_change_cost(old.type, new.type)
            if not _plain_cast(new.using, old.name):
                cost, where = "rewrite", f"{where} with `using: {new.using}`"
            message = _cost_message(where, cost, _indexes_on(
                m.old.table(m.old_name(change.table)), old.name))
            if message:
                yield Issue(m.on_column(change.table, new.name), message, hint)
        elif isinstance(change, RecreateEnum):
            for table, column in change.columns:
                if m.existed(table):
                    yield Issue(
                        m.on_column(table, column.name),
                        _cost_message(f'converting "{table}.{column.name}" to the recreated enum '
                                      f'"{change.new.name}" (labels removed or reordered)',
                                      "rewrite", []),
                        hint,
                    )


def _cost_message(where: str, cost: Cost, indexes: list[str]) -> str:
    if cost == "rewrite":
        return (f"{where} rewrites the whole table and rebuilds its indexes under an ACCESS "
                "EXCLUSIVE lock: no reads or writes until the migration commits")
    if cost == "rewrite_unless_utc":
        rebuilt = f" (and rebuilds {_listed(indexes)})" if indexes else ""
        return (f"{where} rewrites the whole table under an ACCESS EXCLUSIVE lock unless the "
                "migration's session has TimeZone = UTC (Supabase's default), when PostgreSQL 12+ "
                f"only relabels the column{rebuilt}")
    if cost == "reindex" and indexes:
        return (f"{where} keeps the table but rebuilds {_listed(indexes)} under an ACCESS "
                "EXCLUSIVE lock (the operator class changes): no reads or writes meanwhile")
    return ""


def _listed(indexes: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in indexes)


# -- SET NOT NULL ------------------------------------------------------------------------------


def proves_not_null(expression: str, column: str) -> bool:
    """Whether a CHECK expression implies ``column IS NOT NULL`` (alone or in an AND)."""

    def proves(node: Any) -> bool:
        if not isinstance(node, dict):
            return False
        test = node.get("NullTest")
        if test is not None:
            arg = test.get("arg", {})
            return (test.get("nulltesttype") == "IS_NOT_NULL" and "ColumnRef" in arg
                    and sqltree.names(arg["ColumnRef"].get("fields", []))[-1:] == [column])
        both = node.get("BoolExpr")
        if both is not None and both.get("boolop") == "AND_EXPR":
            return any(proves(arg) for arg in both.get("args", []))
        return False

    return proves(sqltree.parse(expression))


def set_not_null_full_scan(m: Migration) -> Iterator[Issue]:
    """squawk: adding-not-nullable-field."""
    dropped = {(c.table, c.constraint.name) for c in m.changes if isinstance(c, DropConstraint)}
    for change in m.changes:
        if not isinstance(change, SetColumnNullable) or change.nullable:
            continue
        column = change.column
        old_table = m.old.table(m.old_name(change.table))
        names = {column.name, column.renamed_from}
        if old_table is not None and any(
                (change.table, check.name) not in dropped
                and any(n and proves_not_null(check.expression, n) for n in names)
                for check in old_table.checks):
            continue
        table = change.table
        yield Issue(
            m.on_column(table, column.name),
            f'SET NOT NULL on "{table}.{column.name}" scans the whole table for NULLs under an '
            "ACCESS EXCLUSIVE lock (no reads or writes meanwhile): no valid CHECK "
            f"({column.name} IS NOT NULL) exists before this migration to skip the scan",
            f'add `checks: {{{table.name}_{column.name}_not_null: "{column.name} IS NOT NULL"}}` '
            "in an earlier migration (PostgreSQL 12+ then skips the scan; codegen adds that "
            "check NOT VALID and validates it in a file of its own), "
            + _ACKNOWLEDGE.format(rule="set_not_null_full_scan"),
        )
