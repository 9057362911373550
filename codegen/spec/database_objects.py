"""The spec format beyond tables: schemas, extensions, functions and triggers.

Like :mod:`codegen.spec.models`, these describe what a user may write (shorthands
included) and check shape only; names, types and SQL are checked by lowering.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from codegen.spec.base import Name, SpecModel, empty_list

LintIgnore = dict[Name, str]
_LINT_IGNORE: LintIgnore = Field(
    default_factory=dict,
    description="Acknowledge lint findings here: {rule_name: reason}. A reason is required.",
)
TriggerEvent = Literal["insert", "update", "delete", "truncate"]

# Schemas whose tables belong to Supabase: a spec may add policies, grants and triggers to
# them, never create or change them (their tables need no `external: true`).
SUPABASE_OWNED_SCHEMAS = frozenset({"auth", "storage", "realtime", "extensions"})


class SchemaSpec(SpecModel):
    """A schema (namespace) other than public: CREATE SCHEMA, USAGE grants, comment."""

    comment: str | None = Field(None, description="COMMENT ON SCHEMA.")
    usage: list[Name] = Field(
        default_factory=empty_list,
        description="Roles granted USAGE on the schema. Roles given privileges on a table or "
        "function in it get USAGE too.",
    )


class ExtensionSpec(SpecModel):
    """An extension (CREATE EXTENSION IF NOT EXISTS). Supabase installs them into `extensions`."""

    schema_: Name = Field(
        "extensions", alias="schema", description="Schema the extension's objects go into."
    )
    version: Name | None = Field(None, description="Version to install; default the server's.")
    lint_ignore: LintIgnore = _LINT_IGNORE

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # `vector: {}` and `vector:` (null) both install the extension with the defaults.
        return {} if value is None else value


class ArgumentSpec(SpecModel):
    """A function argument. Shorthand: the bare type (`uuid`)."""

    type: Name = Field(description="Argument type: a PostgreSQL type, an enum, a table (its row "
                       "type) or an extension's type; arrays with [].")
    default: Name | None = Field(None, description="Default as an SQL expression: callers may "
                                 "omit the argument.")
    mode: Literal["in", "out", "inout", "variadic"] = Field("in", description="Argument mode.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"type": value}
        default = value.get("default") if isinstance(value, dict) else None
        if isinstance(default, (bool, int, float)):
            # `default: 50` is the SQL expression 50 (booleans as SQL spells them).
            text = str(default).lower() if isinstance(default, bool) else str(default)
            return {**value, "default": text}
        return value


class ReturnsSpec(SpecModel):
    """What a function returns. Shorthands: `uuid`, `setof profiles`, `trigger`, `void`."""

    type: Name | None = Field(None, description="Return type; a table name returns its row type.")
    setof: bool = Field(False, description="RETURNS SETOF: a set of rows rather than one value.")
    table: dict[Name, Name] | None = Field(
        None, description="RETURNS TABLE (column: type, ...), in order."
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            head, _, rest = text.partition(" ")
            if head.lower() == "setof" and rest.strip():
                return {"type": rest.strip(), "setof": True}
            return {"type": text}
        return value


class FunctionSpec(SpecModel):
    """A function (CREATE OR REPLACE FUNCTION). Its key is the name (`schema.name` qualifies);
    overloads are entries with different keys and the same `name:`."""

    schema_: Name | None = Field(None, alias="schema", description="Schema (default public).")
    name: Name | None = Field(None, description="Function name, when it differs from the key "
                              "(for overloads: two keys, one name, different arguments).")
    args: dict[Name, ArgumentSpec] = Field(
        default_factory=dict, description="Arguments in order: name -> type (or {type, default, "
        "mode}). PostgREST calls functions by argument name."
    )
    returns: ReturnsSpec = Field(description="Return type: a type, `setof <type>`, "
                                 "{table: {column: type}}, `trigger` or `void`.")
    language: Literal["sql", "plpgsql"] = Field(description="Language of the body.")
    body: str = Field(description="The function body, without the $$ quotes.")
    volatility: Literal["volatile", "stable", "immutable"] = Field(
        "volatile", description="VOLATILE (default), STABLE or IMMUTABLE."
    )
    strict: bool = Field(False, description="RETURNS NULL ON NULL INPUT.")
    security: Literal["invoker", "definer"] = Field(
        "invoker", description="SECURITY INVOKER (default) or DEFINER: run with the owner's rights."
    )
    set: dict[Name, str] = Field(
        default_factory=dict,
        description='Configuration set while it runs, e.g. {search_path: ""} (advised for '
        "security definer functions).",
    )
    execute: list[Name] | None = Field(
        None, description="Roles that may call it; every other role's EXECUTE (PUBLIC's "
        "included) is revoked. Leave out to keep PostgreSQL's default (PUBLIC may execute).",
    )
    comment: str | None = Field(None, description="COMMENT ON FUNCTION.")
    renamed_from: Name | None = Field(
        None, description="The function's previous name: the migration renames it (ALTER "
        "FUNCTION ... RENAME) instead of drop + create."
    )
    lint_ignore: LintIgnore = _LINT_IGNORE


class TriggerSpec(SpecModel):
    """A trigger on a table (CREATE TRIGGER); its key is the trigger's name."""

    timing: Literal["before", "after", "instead of"] = Field(description="When it fires.")
    events: list[TriggerEvent] = Field(
        min_length=1, description="Events that fire it: insert, update, delete, truncate."
    )
    columns: list[Name] = Field(
        default_factory=empty_list, description="UPDATE OF these columns only (with the update event)."
    )
    for_each: Literal["row", "statement"] = Field(
        "row", description="FOR EACH ROW (default) or FOR EACH STATEMENT."
    )
    when: Name | None = Field(None, description="WHEN condition (SQL, may use old and new).")
    function: Name = Field(description="The trigger function (returns trigger), "
                           '"name" or "schema.name".')
    arguments: list[str] = Field(
        default_factory=empty_list, description="Arguments passed to the function (TG_ARGV)."
    )
    comment: str | None = Field(None, description="COMMENT ON TRIGGER.")
    lint_ignore: LintIgnore = _LINT_IGNORE

    @model_validator(mode="before")
    @classmethod
    def _single_event(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("events"), str):
            return {**value, "events": [value["events"]]}
        return value
