"""Migrations as data: a closed set of typed change objects.

:mod:`codegen.migrate.compare` produces them, :mod:`codegen.migrate.plan` orders them and
:mod:`codegen.sql.render` turns each into SQL; nothing else writes SQL. Each
change can say whether it may lose data (:func:`destructive_key`) and describe
itself in one stable line (:func:`summary`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from codegen.schema import ir


@dataclass(frozen=True)
class CreateSchema:
    """CREATE SCHEMA for a schema the spec uses first (Supabase's own ones exist)."""

    schema: str


# -- enums ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CreateEnum:
    """CREATE TYPE … AS ENUM."""

    enum: ir.Enum


@dataclass(frozen=True)
class DropEnum:
    """DROP TYPE of an enum that left the spec."""

    enum: ir.Enum


@dataclass(frozen=True)
class AddEnumValue:
    """``ALTER TYPE … ADD VALUE``: the new label goes before ``before`` (None: at the end)."""

    enum: ir.QualifiedName
    value: str
    before: str | None


@dataclass(frozen=True)
class RenameEnumValue:
    """ALTER TYPE … RENAME VALUE, declared by ``renamed_values``."""

    enum: ir.QualifiedName
    old: str
    new: str


@dataclass(frozen=True)
class RecreateEnum:
    """Removing or reordering labels: a new type replaces the old one in every column using it."""

    old: ir.Enum
    new: ir.Enum
    columns: tuple[tuple[ir.QualifiedName, ir.Column], ...]  # (table, column as in the new spec)


@dataclass(frozen=True)
class SetEnumComment:
    """COMMENT ON TYPE (None removes it)."""

    enum: ir.QualifiedName
    comment: str | None


# -- tables and columns --------------------------------------------------------------------------

@dataclass(frozen=True)
class CreateTable:
    """The table with its columns and its own constraints; foreign keys are added later."""

    table: ir.Table


@dataclass(frozen=True)
class DropTable:
    """DROP TABLE of a table that left the spec."""

    table: ir.Table


@dataclass(frozen=True)
class RenameTable:
    """ALTER TABLE … RENAME TO, declared by ``renamed_from``."""

    old: ir.QualifiedName
    new: ir.QualifiedName


@dataclass(frozen=True)
class SetTableComment:
    """COMMENT ON TABLE (None removes it)."""

    table: ir.QualifiedName
    comment: str | None


@dataclass(frozen=True)
class AddColumn:
    """ALTER TABLE … ADD COLUMN."""

    table: ir.QualifiedName
    column: ir.Column


@dataclass(frozen=True)
class DropColumn:
    """ALTER TABLE … DROP COLUMN."""

    table: ir.QualifiedName
    column: ir.Column


@dataclass(frozen=True)
class RenameColumn:
    """ALTER TABLE … RENAME COLUMN, declared by ``renamed_from``."""

    table: ir.QualifiedName
    old: str
    new: str


@dataclass(frozen=True)
class AlterColumnType:
    """ALTER COLUMN … TYPE, converting the rows with the spec's ``using`` if given."""

    table: ir.QualifiedName
    old: ir.Column
    new: ir.Column


@dataclass(frozen=True)
class SetColumnNullable:
    """DROP NOT NULL (``nullable``) or SET NOT NULL, after the spec's backfill if any."""

    table: ir.QualifiedName
    column: ir.Column
    nullable: bool


@dataclass(frozen=True)
class SetColumnDefault:
    """ALTER COLUMN … SET DEFAULT, or DROP DEFAULT when None."""

    table: ir.QualifiedName
    column: str
    default: ir.Default | None


@dataclass(frozen=True)
class SetColumnIdentity:
    """Adds, changes or drops a column's GENERATED … AS IDENTITY."""

    table: ir.QualifiedName
    column: str
    old: ir.IdentityKind | None
    new: ir.IdentityKind | None


@dataclass(frozen=True)
class SetColumnComment:
    """COMMENT ON COLUMN (None removes it)."""

    table: ir.QualifiedName
    column: str
    comment: str | None


# -- constraints and indexes ---------------------------------------------------------------------

Constraint = ir.PrimaryKey | ir.Unique | ir.Check


@dataclass(frozen=True)
class AddConstraint:
    """On a table that already has rows, checks are added NOT VALID, then validated: by a
    :class:`ValidateConstraint` in the next migration file (``validate_later``), or, as
    migrations written before that were, in the same file."""

    table: ir.QualifiedName
    constraint: Constraint
    existing_table: bool = False
    validate_later: bool = False


@dataclass(frozen=True)
class DropConstraint:
    """ALTER TABLE … DROP CONSTRAINT."""

    table: ir.QualifiedName
    constraint: Constraint | ir.ForeignKey


@dataclass(frozen=True)
class RenameConstraint:
    """ALTER TABLE … RENAME CONSTRAINT, when a renamed table or column renames it."""

    table: ir.QualifiedName
    old: str
    new: str


@dataclass(frozen=True)
class AddForeignKey:
    """On a table that already has rows, added NOT VALID, then validated (as for
    :class:`AddConstraint`)."""

    table: ir.QualifiedName
    foreign_key: ir.ForeignKey
    existing_table: bool = False
    validate_later: bool = False


@dataclass(frozen=True)
class ValidateConstraint:
    """VALIDATE CONSTRAINT of a check or foreign key added NOT VALID, in a migration file
    after the one that added it: the scan then runs without ADD CONSTRAINT's lock."""

    table: ir.QualifiedName
    name: str


@dataclass(frozen=True)
class DropForeignKey:
    """ALTER TABLE … DROP CONSTRAINT of a foreign key."""

    table: ir.QualifiedName
    foreign_key: ir.ForeignKey


@dataclass(frozen=True)
class CreateIndex:
    """CREATE INDEX (CONCURRENTLY when asked, in a file of its own)."""

    table: ir.QualifiedName
    index: ir.Index


@dataclass(frozen=True)
class DropIndex:
    """DROP INDEX."""

    table: ir.QualifiedName
    index: ir.Index


@dataclass(frozen=True)
class RenameIndex:
    """ALTER INDEX … RENAME TO, when a renamed table or column renames it."""

    schema: str
    old: str
    new: str


# -- security ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EnableRls:
    """ALTER TABLE … ENABLE ROW LEVEL SECURITY."""

    table: ir.QualifiedName


@dataclass(frozen=True)
class DisableRls:
    """ALTER TABLE … DISABLE ROW LEVEL SECURITY."""

    table: ir.QualifiedName


@dataclass(frozen=True)
class CreatePolicy:
    """CREATE POLICY."""

    table: ir.QualifiedName
    policy: ir.Policy


@dataclass(frozen=True)
class AlterPolicy:
    """Roles and expressions change in place; command and kind need drop + create."""

    table: ir.QualifiedName
    policy: ir.Policy


@dataclass(frozen=True)
class DropPolicy:
    """DROP POLICY."""

    table: ir.QualifiedName
    policy: ir.Policy


@dataclass(frozen=True)
class GrantPrivileges:
    """GRANT the role's privileges on the table."""

    table: ir.QualifiedName
    grant: ir.Grant


@dataclass(frozen=True)
class RevokePrivileges:
    """REVOKE ALL from the role (its new grant, if any, follows as GrantPrivileges)."""

    table: ir.QualifiedName
    role: str


Change = (
    CreateSchema | CreateEnum | DropEnum | AddEnumValue | RenameEnumValue | RecreateEnum
    | SetEnumComment | CreateTable | DropTable | RenameTable | SetTableComment | AddColumn
    | DropColumn | RenameColumn | AlterColumnType | SetColumnNullable | SetColumnDefault
    | SetColumnIdentity | SetColumnComment | AddConstraint | DropConstraint | RenameConstraint
    | AddForeignKey | ValidateConstraint | DropForeignKey | CreateIndex | DropIndex | RenameIndex
    | EnableRls | DisableRls | CreatePolicy | AlterPolicy | DropPolicy | GrantPrivileges | RevokePrivileges
)


def added_not_valid(change: Change) -> str | None:
    """The name of the constraint ``change`` adds NOT VALID, to be validated after it: a
    foreign key or check added to a table that already has rows. None for other changes."""
    match change:
        case AddForeignKey(_, fk, True):
            return fk.name
        case AddConstraint(_, ir.Check() as check, True):
            return check.name
    return None


def destructive_key(change: Change) -> str | None:
    """The key that acknowledges a change which may lose data (None: the change is safe).

    Keys go in the spec's top-level ``allow_destructive:`` list.
    """
    match change:
        case DropTable(table):
            return f"drop_table:{table.name}"
        case DropColumn(table, column):
            return f"drop_column:{table}.{column.name}"
        case DropEnum(enum):
            return f"drop_enum:{enum.name}"
        case AlterColumnType(table, old, new) if not is_widening(old.type, new.type):
            return f"alter_type:{table}.{new.name}"
        case SetColumnNullable(table, column, False) if column.backfill is None:
            return f"set_not_null:{table}.{column.name}"
        case RecreateEnum(old, new) if set(old.values) - set(new.values):
            removed = sorted(set(old.values) - set(new.values))
            return f"drop_enum_value:{old.name}:{','.join(removed)}"
    return None


_INTEGER_RANK = {"smallint": 1, "integer": 2, "bigint": 3}


def is_widening(old: ir.ColumnType, new: ir.ColumnType) -> bool:
    """Whether every value of ``old`` converts to ``new`` unchanged (no data can be lost)."""
    if old.array_dims != new.array_dims or old.enum or new.enum:
        return False
    a, b = old.base, new.base
    if a in _INTEGER_RANK and b in _INTEGER_RANK:
        return _INTEGER_RANK[a] <= _INTEGER_RANK[b]
    if a in _INTEGER_RANK and b == "numeric":
        return not new.args
    if a in ("varchar", "char", "text") and b in ("text", "citext"):
        return True
    if a == "varchar" and b == "varchar":
        return not new.args or bool(old.args) and old.args[0] <= new.args[0]
    if a == "numeric" and b == "numeric":
        if not new.args:
            return True
        if not old.args:
            return False
        old_scale = old.args[1] if len(old.args) > 1 else 0
        new_scale = new.args[1] if len(new.args) > 1 else 0
        return new_scale >= old_scale and new.args[0] - new_scale >= old.args[0] - old_scale
    return (a, b) in {("real", "double precision"), ("timestamp", "timestamptz"),
                      ("json", "jsonb"), ("citext", "text")}


def summary(change: Change) -> str:
    """A one-line, stable description of a change, for reports and tests."""
    match change:
        case CreateSchema(schema):
            return f"+ schema {schema}"
        case CreateEnum(enum):
            return f"+ enum {enum.name} ({', '.join(enum.values)})"
        case DropEnum(enum):
            return f"- enum {enum.name}"
        case AddEnumValue(enum, value, before):
            where = f" before {before!r}" if before else ""
            return f"~ enum {enum}: + value {value!r}{where}"
        case RenameEnumValue(enum, old, new):
            return f"~ enum {enum}: value {old!r} → {new!r}"
        case RecreateEnum(old, new):
            return f"~ enum {old.name}: ({', '.join(old.values)}) → ({', '.join(new.values)})"
        case SetEnumComment(enum, _):
            return f"~ comment on enum {enum}"
        case CreateTable(table):
            return f"+ table {table.name} ({len(table.columns)} columns)"
        case DropTable(table):
            return f"- table {table.name}"
        case RenameTable(old, new):
            return f"~ table {old} → {new.name}"
        case SetTableComment(table, _):
            return f"~ comment on table {table}"
        case AddColumn(table, column):
            return f"+ column {table}.{column.name}"
        case DropColumn(table, column):
            return f"- column {table}.{column.name}"
        case RenameColumn(table, old, new):
            return f"~ column {table}.{old} → {new}"
        case AlterColumnType(table, old, new):
            return f"~ column {table}.{new.name}: {type_text(old.type)} → {type_text(new.type)}"
        case SetColumnNullable(table, column, nullable):
            return f"~ column {table}.{column.name}: {'drop' if nullable else 'set'} not null"
        case SetColumnDefault(table, column, default):
            what = f"default {default.sql}" if default else "drop default"
            return f"~ column {table}.{column}: {what}"
        case SetColumnIdentity(table, column, old, new):
            return f"~ column {table}.{column}: identity {old or 'none'} → {new or 'none'}"
        case SetColumnComment(table, column, _):
            return f"~ comment on column {table}.{column}"
        case AddConstraint(table, constraint, _):
            return f"+ constraint {constraint.name} on {table}"
        case DropConstraint(table, constraint):
            return f"- constraint {constraint.name} on {table}"
        case RenameConstraint(table, old, new):
            return f"~ constraint {old} → {new} on {table}"
        case AddForeignKey(table, fk, _):
            return f"+ foreign key {fk.name} on {table} -> {fk.target}"
        case ValidateConstraint(table, name):
            return f"~ validate constraint {name} on {table}"
        case DropForeignKey(table, fk):
            return f"- foreign key {fk.name} on {table}"
        case CreateIndex(table, index):
            return f"+ index {index.name} on {table}"
        case DropIndex(table, index):
            return f"- index {index.name} on {table}"
        case RenameIndex(schema, old, new):
            return f"~ index {schema}.{old} → {new}"
        case EnableRls(table):
            return f"+ row level security on {table}"
        case DisableRls(table):
            return f"- row level security on {table}"
        case CreatePolicy(table, policy):
            return f'+ policy "{policy.name}" on {table}'
        case AlterPolicy(table, policy):
            return f'~ policy "{policy.name}" on {table}'
        case DropPolicy(table, policy):
            return f'- policy "{policy.name}" on {table}'
        case GrantPrivileges(table, grant):
            return f"+ grant {', '.join(grant.privileges)} on {table} to {grant.role}"
        case RevokePrivileges(table, role):
            return f"- revoke all on {table} from {role}"
        case _:
            assert_never(change)


def type_text(column_type: ir.ColumnType) -> str:
    from codegen.schema.pgtypes import type_sql

    return type_sql(column_type, str)
