"""The resolved, frozen intermediate representation every emitter reads.

Built by :mod:`codegen.schema.lower` from a validated spec. Every reference is resolved,
every default name is filled in, collections are tuples in a deterministic
order. Source spans ride along for error messages but are excluded from
equality, so two IRs compare equal exactly when they describe the same schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from codegen.diagnostics import Span

ReferentialAction = Literal["cascade", "restrict", "set null", "set default", "no action"]
PolicyCommand = Literal["select", "insert", "update", "delete", "all"]
IdentityKind = Literal["always", "by_default"]


# Fields that describe how the spec was written, not the database: excluded from equality
# and from snapshots.
NOT_RECORDED = {"snapshot": False}


def _span() -> Span | None:
    return field(default=None, compare=False, repr=False, metadata=NOT_RECORDED)


def _hint() -> Any:
    # Migration hints (renames, conversions): how to get here, not what the schema is.
    # ``Any``: the fields it defaults have different types (``str | None``, names, ...).
    return field(default=None, compare=False, repr=False, metadata=NOT_RECORDED)


def _lint_ignore() -> tuple[tuple[str, str], ...]:
    # Acknowledged lint findings (rule, reason); they change no SQL, so not part of equality.
    return field(default=(), compare=False, repr=False, metadata=NOT_RECORDED)


@dataclass(frozen=True, order=True)
class QualifiedName:
    """A schema-qualified name (``public.audit_logs``)."""

    schema: str
    name: str

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True)
class ColumnType:
    """A column type: a built-in type (``base`` is its canonical name) or an enum."""

    base: str
    args: tuple[int, ...] = ()
    array_dims: int = 0
    enum: QualifiedName | None = None

    @property
    def element(self) -> ColumnType:
        return ColumnType(self.base, self.args, 0, self.enum)


@dataclass(frozen=True)
class Default:
    """A column default: ``sql`` is the expression PostgreSQL stores."""

    sql: str
    literal: bool  # written as `default:` (a value) rather than `default_sql:` (an expression)


@dataclass(frozen=True)
class Column:
    """A column: type, nullability, default, identity and comment."""

    name: str
    type: ColumnType
    nullable: bool
    default: Default | None = None
    identity: IdentityKind | None = None
    comment: str | None = None
    renamed_from: str | None = _hint()
    using: str | None = _hint()
    backfill: str | None = _hint()
    lint_ignore: tuple[tuple[str, str], ...] = _lint_ignore()
    span: Span | None = _span()


@dataclass(frozen=True)
class PrimaryKey:
    """The table's primary key constraint."""

    name: str
    columns: tuple[str, ...]
    span: Span | None = _span()


@dataclass(frozen=True)
class Unique:
    """A UNIQUE constraint."""

    name: str
    columns: tuple[str, ...]
    span: Span | None = _span()


@dataclass(frozen=True)
class Check:
    """A CHECK constraint over the table's columns."""

    name: str
    expression: str
    span: Span | None = _span()


@dataclass(frozen=True)
class ForeignKey:
    """A FOREIGN KEY constraint and what it does on delete and update."""

    name: str
    columns: tuple[str, ...]
    target: QualifiedName
    target_columns: tuple[str, ...]
    on_delete: ReferentialAction | None = None
    on_update: ReferentialAction | None = None
    span: Span | None = _span()


@dataclass(frozen=True)
class Index:
    """An index: method, columns, uniqueness, partial predicate and operator class."""

    name: str
    columns: tuple[str, ...]
    unique: bool = False
    using: str = "btree"
    where: str | None = None
    opclass: str | None = None
    lint_ignore: tuple[tuple[str, str], ...] = _lint_ignore()
    span: Span | None = _span()


@dataclass(frozen=True)
class Policy:
    """A row-level-security policy: command, permissive or restrictive, roles, expressions."""

    name: str
    command: PolicyCommand
    permissive: bool
    roles: tuple[str, ...]
    using: str | None = None
    with_check: str | None = None
    lint_ignore: tuple[tuple[str, str], ...] = _lint_ignore()
    span: Span | None = _span()


@dataclass(frozen=True)
class Grant:
    """The table privileges given to one role."""

    role: str
    privileges: tuple[str, ...]  # sorted; ("all",) stands for ALL PRIVILEGES


@dataclass(frozen=True)
class Table:
    """A table with everything that belongs to it: columns, constraints, indexes, RLS, grants."""

    name: QualifiedName
    model: str  # PascalCase singular name of the generated types
    columns: tuple[Column, ...]  # in spec order: column order is meaningful
    primary_key: PrimaryKey | None = None
    uniques: tuple[Unique, ...] = ()
    checks: tuple[Check, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[Index, ...] = ()
    rls: bool = True
    policies: tuple[Policy, ...] = ()
    grants: tuple[Grant, ...] = ()
    comment: str | None = None
    renamed_from: QualifiedName | None = _hint()
    lint_ignore: tuple[tuple[str, str], ...] = _lint_ignore()
    span: Span | None = _span()

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


@dataclass(frozen=True)
class Enum:
    """An enum type with its labels in order."""

    name: QualifiedName
    values: tuple[str, ...]  # in spec order: enum order is meaningful
    comment: str | None = None
    model: str = ""
    renamed_values: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False,
                                                        metadata=NOT_RECORDED)
    span: Span | None = _span()


@dataclass(frozen=True)
class Schema:
    """The whole resolved schema. Tables and enums are sorted by qualified name."""

    enums: tuple[Enum, ...] = ()
    tables: tuple[Table, ...] = ()
    migration_name: str | None = None
    sources: tuple[str, ...] = field(default=(), compare=False)
    allow_destructive: frozenset[str] = field(default=frozenset(), compare=False,
                                              metadata=NOT_RECORDED)

    def table(self, name: QualifiedName) -> Table | None:
        for table in self.tables:
            if table.name == name:
                return table
        return None

    def enum(self, name: QualifiedName) -> Enum | None:
        for enum in self.enums:
            if enum.name == name:
                return enum
        return None
