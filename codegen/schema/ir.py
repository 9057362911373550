"""The resolved, frozen intermediate representation every emitter reads.

Built by :mod:`codegen.schema.lower` from a validated spec. Every reference is resolved,
every default name is filled in, collections are tuples in a deterministic
order. Source spans ride along for error messages but are excluded from
equality, so two IRs compare equal exactly when they describe the same schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from codegen.diagnostics import Span
from codegen.schema.ir_data import Bucket as Bucket
from codegen.schema.ir_data import DefaultPrivilege as DefaultPrivilege
from codegen.schema.ir_data import Row as Row
from codegen.schema.ir_fields import (
    NOT_RECORDED,
    added_field,
    hint_field,
    lint_ignore_field,
    span_field,
)

ReferentialAction = Literal["cascade", "restrict", "set null", "set default", "no action"]
PolicyCommand = Literal["select", "insert", "update", "delete", "all"]
IdentityKind = Literal["always", "by_default"]
ArgMode = Literal["in", "out", "inout", "variadic", "table"]
Language = Literal["sql", "plpgsql"]
Volatility = Literal["volatile", "stable", "immutable"]
TriggerTiming = Literal["before", "after", "instead of"]
ReplicaIdentity = Literal["default", "full", "nothing"]


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
    # A table's row type (function arguments and results): ``base`` is the table's name.
    composite: QualifiedName | None = added_field(None)

    @property
    def element(self) -> ColumnType:
        return ColumnType(self.base, self.args, 0, self.enum, self.composite)


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
    renamed_from: str | None = hint_field()
    using: str | None = hint_field()
    backfill: str | None = hint_field()
    lint_ignore: tuple[tuple[str, str], ...] = lint_ignore_field()
    span: Span | None = span_field()
    # The JSON Schema of a json/jsonb column's documents (canonical JSON text). It shapes the
    # outputs only: what the database enforces of it is the CHECK it adds to the table.
    json_schema: str | None = field(default=None, compare=False, repr=False,
                                    metadata=NOT_RECORDED)


@dataclass(frozen=True)
class PrimaryKey:
    """The table's primary key constraint."""

    name: str
    columns: tuple[str, ...]
    span: Span | None = span_field()


@dataclass(frozen=True)
class Unique:
    """A UNIQUE constraint."""

    name: str
    columns: tuple[str, ...]
    span: Span | None = span_field()
    nulls_not_distinct: bool = added_field(False)


@dataclass(frozen=True)
class Check:
    """A CHECK constraint over the table's columns."""

    name: str
    expression: str
    span: Span | None = span_field()


@dataclass(frozen=True)
class ForeignKey:
    """A FOREIGN KEY constraint and what it does on delete and update."""

    name: str
    columns: tuple[str, ...]
    target: QualifiedName
    target_columns: tuple[str, ...]
    on_delete: ReferentialAction | None = None
    on_update: ReferentialAction | None = None
    span: Span | None = span_field()


@dataclass(frozen=True)
class Index:
    """An index: method, elements, uniqueness, partial predicate and operator class."""

    name: str
    columns: tuple[str, ...]  # a column's name, or an element's text (schema.index_elements)
    unique: bool = False
    using: str = "btree"
    where: str | None = None
    opclass: str | None = None  # for every plain column
    lint_ignore: tuple[tuple[str, str], ...] = lint_ignore_field()
    span: Span | None = span_field()
    include: tuple[str, ...] = added_field(())
    nulls_not_distinct: bool = added_field(False)
    # Positions in ``columns`` holding an element's text rather than a column's name.
    elements: tuple[int, ...] = added_field(())

    @property
    def plain_columns(self) -> tuple[str, ...]:
        """The columns indexed as they are (no expression, order or operator class)."""
        return tuple(c for i, c in enumerate(self.columns) if i not in self.elements)


@dataclass(frozen=True)
class Policy:
    """A row-level-security policy: command, permissive or restrictive, roles, expressions."""

    name: str
    command: PolicyCommand
    permissive: bool
    roles: tuple[str, ...]
    using: str | None = None
    with_check: str | None = None
    lint_ignore: tuple[tuple[str, str], ...] = lint_ignore_field()
    span: Span | None = span_field()
    comment: str | None = added_field(None)


@dataclass(frozen=True)
class Grant:
    """The table privileges given to one role."""

    role: str
    privileges: tuple[str, ...]  # sorted; ("all",) stands for ALL PRIVILEGES


RlsStatement = Literal["select", "insert", "update", "delete", "call"]


@dataclass(frozen=True)
class RlsTest:
    """A row level security test declared on a table (run by `codegen verify`, not schema).

    Values are the spec's YAML values (rows are mappings of column to value).
    """

    name: str
    role: str
    claims: dict[str, Any]
    given: tuple[tuple[QualifiedName, tuple[dict[str, Any], ...]], ...]
    statement: RlsStatement
    rows: tuple[dict[str, Any], ...] = ()  # insert: the rows; update: the one SET mapping
    columns: tuple[str, ...] = ()  # select: the columns returned
    where: str | None = None
    function: QualifiedName | None = None  # call
    expect_rows: tuple[dict[str, Any], ...] | None = None
    expect_count: int | None = None
    expect_error: str | None = None  # an SQLSTATE
    span: Span | None = span_field()


@dataclass(frozen=True)
class Trigger:
    """A trigger on a table: when it fires and the function it runs."""

    name: str
    timing: TriggerTiming
    events: tuple[str, ...]  # in PostgreSQL's order: insert, delete, update, truncate
    function: QualifiedName
    columns: tuple[str, ...] = ()  # UPDATE OF
    for_each_row: bool = True
    when: str | None = None
    arguments: tuple[str, ...] = ()
    comment: str | None = None
    lint_ignore: tuple[tuple[str, str], ...] = lint_ignore_field()
    span: Span | None = span_field()


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
    triggers: tuple[Trigger, ...] = added_field(())
    # Not the spec's (auth.users, storage.objects, ...): receives policies, grants and
    # triggers only; never created, altered or dropped.
    external: bool = added_field(False)
    realtime: bool = added_field(False)  # a member of the supabase_realtime publication
    replica_identity: ReplicaIdentity = added_field("default")
    rows: tuple[Row, ...] = added_field(())  # sorted by key
    renamed_from: QualifiedName | None = hint_field()
    lint_ignore: tuple[tuple[str, str], ...] = lint_ignore_field()
    # Behaviour to check, not schema: neither compared nor recorded in snapshots.
    tests: tuple[RlsTest, ...] = field(default=(), compare=False, repr=False,
                                       metadata=NOT_RECORDED)
    span: Span | None = span_field()

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
    span: Span | None = span_field()


@dataclass(frozen=True)
class FunctionArg:
    """A function argument (or a column of RETURNS TABLE, mode ``table``)."""

    name: str
    type: ColumnType
    mode: ArgMode = "in"
    default: str | None = None


@dataclass(frozen=True)
class Function:
    """A function: its signature, body and how it runs, and who may call it."""

    name: QualifiedName
    args: tuple[FunctionArg, ...]
    returns: ColumnType | None  # None: RETURNS TABLE (the columns are ``returns_table``)
    language: Language
    body: str
    returns_set: bool = False
    returns_table: tuple[FunctionArg, ...] = ()
    volatility: Volatility = "volatile"
    strict: bool = False
    security_definer: bool = False
    config: tuple[tuple[str, str], ...] = ()  # SET name = value, sorted
    execute: tuple[str, ...] | None = None  # roles that may call it; None: PostgreSQL's default
    comment: str | None = None
    model: str = ""
    renamed_from: QualifiedName | None = hint_field()
    lint_ignore: tuple[tuple[str, str], ...] = lint_ignore_field()
    span: Span | None = span_field()

    @property
    def identity(self) -> tuple[QualifiedName, tuple[ColumnType, ...]]:
        """What tells overloads apart: the name and the input argument types."""
        return self.name, tuple(a.type for a in self.args if a.mode != "out")

    @property
    def returns_trigger(self) -> bool:
        return self.returns is not None and self.returns.base == "trigger" \
            and self.returns.enum is None and self.returns.composite is None


@dataclass(frozen=True)
class Extension:
    """An extension and the schema its objects live in."""

    name: str
    schema: str = "extensions"
    version: str | None = None
    lint_ignore: tuple[tuple[str, str], ...] = lint_ignore_field()
    span: Span | None = span_field()


@dataclass(frozen=True)
class Namespace:
    """A schema other than Supabase's own: its comment and the roles that may use it."""

    name: str
    comment: str | None = None
    usage: tuple[str, ...] = ()  # sorted
    span: Span | None = span_field()


@dataclass(frozen=True)
class ViewColumn:
    """A column a view returns, as the spec declares it (PostgreSQL infers the same type)."""

    name: str
    type: ColumnType
    nullable: bool = False
    comment: str | None = None


@dataclass(frozen=True)
class View:
    """A view or materialized view: its query, how it runs, its columns and who may use it."""

    name: QualifiedName
    query: str  # as written, trimmed; PostgreSQL's parser accepted it
    columns: tuple[ViewColumn, ...]  # in the query's order
    materialized: bool = False
    security_invoker: bool = True
    check_option: Literal["local", "cascaded"] | None = None
    comment: str | None = None
    grants: tuple[Grant, ...] = ()
    model: str = ""
    lint_ignore: tuple[tuple[str, str], ...] = lint_ignore_field()
    span: Span | None = span_field()

    @property
    def columns_types(self) -> tuple[tuple[str, ColumnType], ...]:
        """What PostgreSQL compares when a view is replaced: names and types, in order."""
        return tuple((c.name, c.type) for c in self.columns)


@dataclass(frozen=True)
class Schema:
    """The whole resolved schema. Every collection is sorted by name."""

    enums: tuple[Enum, ...] = ()
    tables: tuple[Table, ...] = ()
    migration_name: str | None = None
    sources: tuple[str, ...] = field(default=(), compare=False)
    allow_destructive: frozenset[str] = field(default=frozenset(), compare=False,
                                              metadata=NOT_RECORDED)
    functions: tuple[Function, ...] = ()  # sorted by name, then input argument types
    extensions: tuple[Extension, ...] = ()
    namespaces: tuple[Namespace, ...] = ()
    views: tuple[View, ...] = ()  # sorted by name
    buckets: tuple[Bucket, ...] = ()  # sorted by id
    default_privileges: tuple[DefaultPrivilege, ...] = ()  # in spec order

    def table(self, name: QualifiedName) -> Table | None:
        return self._tables_by_name.get(name)

    def enum(self, name: QualifiedName) -> Enum | None:
        return self._enums_by_name.get(name)

    # Indexes made on first use (a frozen dataclass keeps them in its __dict__; they are no
    # fields): the emitters look a table up for each of a thousand functions' results.
    @cached_property
    def _tables_by_name(self) -> dict[QualifiedName, Table]:
        return {t.name: t for t in reversed(self.tables)}  # the first of a name, as a search

    @cached_property
    def _enums_by_name(self) -> dict[QualifiedName, Enum]:
        return {e.name: e for e in reversed(self.enums)}
