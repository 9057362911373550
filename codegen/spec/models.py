"""Stage 2: the spec format, as pydantic models of the YAML (unknown keys are errors).

These models describe what a user may write, shorthands included; they check
shape and value kinds only. Meaning (references, SQL expressions, names) is
checked by :mod:`codegen.schema.lower`. The JSON Schema for editors is derived from
these same models.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from codegen.spec.base import Name, SpecModel, empty_list
from codegen.spec.database_objects import ExtensionSpec, FunctionSpec, SchemaSpec, TriggerSpec
from codegen.spec.storage import BucketSpec, DefaultPrivilegesSpec
from codegen.spec.views import ViewSpec, column_shorthand

# Acknowledged lint findings: rule name -> the reason it does not apply here.
LintIgnore = dict[Name, str]
_LINT_IGNORE: LintIgnore = Field(
    default_factory=dict,
    description="Acknowledge lint findings here: {rule_name: reason}. A reason is required.",
)
ReferentialAction = Literal["cascade", "restrict", "set null", "set default", "no action"]
PolicyCommand = Literal["select", "insert", "update", "delete", "all"]
Privilege = Literal[
    "select", "insert", "update", "delete", "truncate", "references", "trigger", "all"
]
IndexMethod = Literal["btree", "gin", "gist", "hash", "brin", "spgist"]
JsonCheck = Literal["top_level", "pg_jsonschema", "none"]


class ReferenceSpec(SpecModel):
    """The target of a column's foreign key."""

    table: Name = Field(description='Referenced table, "name" or "schema.name" (e.g. auth.users).')
    column: Name | None = Field(
        None, description="Referenced column; defaults to the target's single-column primary key."
    )
    on_delete: ReferentialAction | None = Field(None, description="ON DELETE action.")
    on_update: ReferentialAction | None = Field(None, description="ON UPDATE action.")
    name: Name | None = Field(None, description="Constraint name; default <table>_<column>_fkey.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # `references: auth.users` targets that table's primary key.
        return {"table": value} if isinstance(value, str) else value


class ColumnSpec(SpecModel):
    """A column. Shorthand: a bare type (`text`) is NOT NULL, `text?` is nullable.

    The trailing ``?`` also works in the mapping form: ``{type: text?, comment: ...}``.
    """

    type: Name = Field(description="PostgreSQL type, an enum name, or an array of either (text[]).")
    nullable: bool = Field(False, description="Allow NULL (default false).")
    primary_key: bool = Field(False, description="This column alone is the primary key.")
    unique: bool = Field(False, description="Add a UNIQUE constraint on this column.")
    default: Any = Field(None, description="Default as a literal of the column's type.")
    default_sql: Name | None = Field(None, description="Default as an SQL expression, e.g. now().")
    identity: Literal["always", "by_default"] | None = Field(
        None, description="GENERATED ALWAYS / BY DEFAULT AS IDENTITY (integer types)."
    )
    check: Name | None = Field(None, description="A CHECK expression on this column.")
    references: ReferenceSpec | None = Field(None, description="Foreign key to another table.")
    comment: str | None = Field(None, description="COMMENT ON COLUMN; also the docs of the types.")
    renamed_from: Name | None = Field(
        None, description="The column's previous name: the migration renames instead of drop + add."
    )
    using: Name | None = Field(
        None, description="SQL converting old values when the type changes (ALTER ... USING)."
    )
    backfill: Name | None = Field(
        None, description="SQL filling existing rows when the column becomes or is added NOT NULL."
    )
    lint_ignore: LintIgnore = _LINT_IGNORE
    json_schema: dict[str, Any] | Name | None = Field(
        None, description="JSON Schema of a json/jsonb column's documents: inline, or the path "
        "of a .json file in the spec folder relative to this file. Types the column in every "
        "output and adds a CHECK (see json_check).",
    )
    json_check: JsonCheck = Field(
        "top_level", description="The CHECK a json_schema adds: top_level (default: the "
        "document's type, required keys and the types of top-level properties), pg_jsonschema "
        "(the whole schema, with the pg_jsonschema extension) or none.",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return column_shorthand(value)


class IndexSpec(SpecModel):
    """An index (CREATE INDEX)."""

    columns: list[Name] = Field(
        min_length=1, description="Indexed columns in order: a column, or an element as "
        "CREATE INDEX takes it: `created_at desc`, `name desc nulls last`, `email "
        "text_pattern_ops`, `lower(email)`."
    )
    include: list[Name] = Field(default_factory=empty_list, description="INCLUDE: columns stored in "
                                "the index without being keys (index-only scans).")
    nulls_not_distinct: bool = Field(False, description="A unique index treating NULLs as equal "
                                     "(PostgreSQL 15+).")
    name: Name | None = Field(None, description="Index name; default like PostgreSQL's own.")
    unique: bool = Field(False, description="CREATE UNIQUE INDEX.")
    using: IndexMethod = Field("btree", description="Index access method.")
    where: Name | None = Field(None, description="Predicate of a partial index (SQL).")
    opclass: Name | None = Field(
        None, description="Operator class for every column, e.g. inet_ops for a gist index on inet."
    )
    lint_ignore: LintIgnore = _LINT_IGNORE


class UniqueSpec(SpecModel):
    """A UNIQUE constraint over columns, with a name of its own if wanted."""

    columns: list[Name] = Field(min_length=1, description="The columns, in order.")
    name: Name | None = Field(None, description="Constraint name; default <table>_<columns>_key.")
    nulls_not_distinct: bool = Field(False, description="NULLS NOT DISTINCT: rows with NULLs "
                                     "conflict too (PostgreSQL 15+).")


class ForeignKeyTarget(SpecModel):
    """The table and columns a composite foreign key points at."""

    table: Name = Field(description='Referenced table, "name" or "schema.name".')
    columns: list[Name] = Field(min_length=1, description="Referenced columns, in order.")


class ForeignKeySpec(SpecModel):
    """A (possibly composite) foreign key declared at table level."""

    columns: list[Name] = Field(min_length=1, description="Referencing columns, in order.")
    references: ForeignKeyTarget = Field(description="Referenced table and columns.")
    on_delete: ReferentialAction | None = Field(None, description="ON DELETE action.")
    on_update: ReferentialAction | None = Field(None, description="ON UPDATE action.")
    name: Name | None = Field(None, description="Constraint name; default <table>_<columns>_fkey.")


class PolicySpec(SpecModel):
    """A row-level-security policy (CREATE POLICY)."""

    name: Name = Field(description="Policy name, unique per table.")
    as_: Literal["permissive", "restrictive"] = Field(
        "permissive", alias="as", description="PERMISSIVE (default) or RESTRICTIVE."
    )
    for_: PolicyCommand = Field("all", alias="for", description="Command the policy applies to.")
    to: list[Name] = Field(default_factory=lambda: ["public"], description="Roles (default public).")
    using: Name | None = Field(None, description="USING expression: which existing rows are visible.")
    with_check: Name | None = Field(None, description="WITH CHECK expression: which new rows pass.")
    comment: str | None = Field(None, description="COMMENT ON POLICY: why the rule is what it is.")
    lint_ignore: LintIgnore = _LINT_IGNORE

    @model_validator(mode="before")
    @classmethod
    def _single_role(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("to"), str):
            return {**value, "to": [value["to"]]}
        return value


Value = Any  # a YAML scalar, list or mapping: a column's value in a test row
Row = dict[Name, Value]


class SelectStatement(SpecModel):
    """SELECT from the test's table, as PostgREST would."""

    columns: list[Name] = Field(default_factory=empty_list, description="Columns to return (default all).")
    where: Name | None = Field(None, description="SQL filter, e.g. user_id = auth.uid().")


class UpdateStatement(SpecModel):
    """UPDATE rows of the test's table."""

    set: Row = Field(min_length=1, description="Column values to set.")
    where: Name | None = Field(None, description="SQL filter (default every row).")


class DeleteStatement(SpecModel):
    """DELETE rows of the test's table."""

    where: Name | None = Field(None, description="SQL filter (default every row).")


class CallStatement(SpecModel):
    """Call a function with named arguments, as PostgREST's /rpc/<function> does."""

    function: Name = Field(description='Function name, "name" or "schema.name".')
    args: Row = Field(default_factory=dict, description="Named arguments.")


class TestExpectation(SpecModel):
    """What must happen: exactly one of rows, count or error."""

    rows: list[Row] | None = Field(
        None, description="The rows returned (select, call) or affected (insert, update, "
        "delete), in any order; only the columns written here are compared.")
    count: int | None = Field(None, ge=0, description="How many rows were returned or affected.")
    error: Name | None = Field(
        None, description="Refused with this SQLSTATE or condition name, e.g. 42501 or "
        "insufficient_privilege (what PostgreSQL raises for a row RLS rejects).")


class RlsTestSpec(SpecModel):
    """A row level security test, run by `codegen verify` in a transaction rolled back."""

    name: Name = Field(description="What the test shows, unique per table.")
    as_: Literal["anon", "authenticated", "service_role"] = Field(
        alias="as", description="The API role the statement runs as (SET ROLE, as PostgREST).")
    claims: dict[Name, Value] = Field(
        default_factory=dict,
        description='JWT claims (request.jwt.claims), e.g. {sub: "<user uuid>"}; role is added.')
    given: dict[Name, list[Row]] = Field(
        default_factory=dict,
        description="Fixture rows inserted first, bypassing RLS: {table: [rows]} (auth.users too).")
    select: SelectStatement | None = Field(None, description="Run a SELECT on this table.")
    insert: list[Row] | Row | None = Field(
        None, description="INSERT this row (or these rows) into this table.")
    update: UpdateStatement | None = Field(None, description="Run an UPDATE on this table.")
    delete: DeleteStatement | None = Field(None, description="Run a DELETE on this table.")
    call: CallStatement | None = Field(None, description="Call a function (an RPC).")
    expect: TestExpectation = Field(description="The outcome: rows, count or error.")


class TableSpec(SpecModel):
    """A table. Row level security is on unless `rls: false` is written out."""

    schema_: Name | None = Field(None, alias="schema", description="Schema (default public).")
    renamed_from: Name | None = Field(
        None, description="The table's previous name: the migration renames instead of drop + add."
    )
    model: Name | None = Field(None, description="Name of the generated types (default: singular).")
    comment: str | None = Field(None, description="COMMENT ON TABLE.")
    external: bool = Field(
        False, description="The table exists already and is not the spec's (Supabase's "
        "auth.users, storage.objects, ... are external by themselves): it may receive policies, "
        "grants and triggers, never a CREATE or a change of shape.",
    )
    columns: dict[Name, ColumnSpec] = Field(
        default_factory=dict, description="Columns, in order (none for an external table)."
    )
    primary_key: list[Name] | None = Field(None, description="Composite primary key.")
    unique: list[list[Name] | UniqueSpec] = Field(
        default_factory=empty_list, description="UNIQUE constraints: a column list, or {columns, "
        "name, nulls_not_distinct}."
    )
    checks: dict[Name, Name] = Field(default_factory=dict, description="Named CHECK expressions.")
    foreign_keys: list[ForeignKeySpec] = Field(
        default_factory=empty_list, description="Foreign keys over several columns."
    )
    indexes: list[IndexSpec] = Field(default_factory=empty_list, description="Indexes (CREATE INDEX).")
    rls: bool = Field(True, description="Enable row level security (default true).")
    policies: list[PolicySpec] = Field(
        default_factory=empty_list, description="Row level security policies (CREATE POLICY)."
    )
    grants: dict[Name, list[Privilege]] = Field(
        default_factory=dict, description="Table privileges per role."
    )
    triggers: dict[Name, TriggerSpec] = Field(
        default_factory=dict, description="Triggers by name (CREATE TRIGGER)."
    )
    tests: list[RlsTestSpec] = Field(
        default_factory=empty_list, description="Row level security tests, run by `codegen verify`."
    )
    rows: list[dict[Name, Any]] = Field(
        default_factory=empty_list, description="Rows the schema needs (plans, settings, roles): "
        "{column: value} each, found by the primary key; a migration inserts them (or updates "
        "them in place), updates what changes and deletes those removed. Data the app writes "
        "does not belong here."
    )
    realtime: bool = Field(False, description="Stream the table's changes to Supabase Realtime: "
                           "it joins the supabase_realtime publication.")
    replica_identity: Literal["default", "full", "nothing"] = Field(
        "default", description="REPLICA IDENTITY: `full` makes Realtime's UPDATE and DELETE "
        "events carry the old row (and lets its filters see every column)."
    )
    lint_ignore: LintIgnore = _LINT_IGNORE


class EnumSpec(SpecModel):
    """An enum type. Shorthand: a plain list of values."""

    schema_: Name | None = Field(None, alias="schema", description="Schema (default public).")
    values: list[Name] = Field(min_length=1, description="Labels, in order.")
    comment: str | None = Field(None, description="COMMENT ON TYPE.")
    renamed_values: dict[Name, Name] = Field(
        default_factory=dict, description="Labels renamed since the last migration: {old: new}."
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"values": value} if isinstance(value, list) else value


class SpecFile(SpecModel):
    """One YAML file of the schema; the files of a folder are merged."""

    migration: Name | None = Field(None, description="Name of the migration: NNN_<name>.sql.")
    allow_destructive: list[Name] = Field(
        default_factory=empty_list,
        description="Destructive changes accepted for the next migration, e.g. drop_table:public.x.",
    )
    enums: dict[Name, EnumSpec] = Field(
        default_factory=dict, description="Enum types by name (qualify to pick a schema: private.kind)."
    )
    tables: dict[Name, TableSpec] = Field(
        default_factory=dict, description="Tables by name, in any order (private.secrets qualifies)."
    )
    schemas: dict[Name, SchemaSpec] = Field(
        default_factory=dict, description="Schemas other than public: comment and USAGE grants."
    )
    extensions: dict[Name, ExtensionSpec] = Field(
        default_factory=dict, description="Extensions by name (CREATE EXTENSION IF NOT EXISTS)."
    )
    functions: dict[Name, FunctionSpec] = Field(
        default_factory=dict, description="Functions by name (public.name qualifies); overloads "
        "use distinct keys with the same `name:`."
    )
    buckets: dict[Name, BucketSpec] = Field(
        default_factory=dict, description="Storage buckets by id (rows of storage.buckets, "
        "written idempotently); policies on storage.objects decide who reads and writes."
    )
    default_privileges: list[DefaultPrivilegesSpec] = Field(
        default_factory=empty_list, description="ALTER DEFAULT PRIVILEGES: what objects created "
        "later get (e.g. revoke execute on functions from public)."
    )
    views: dict[Name, ViewSpec] = Field(
        default_factory=dict, description="Views and materialized views by name (public.name "
        "qualifies)."
    )
