"""The spec format of views and materialized views.

Like :mod:`codegen.spec.models`, shape only: the query is checked by PostgreSQL's parser and
the declared columns are resolved by lowering.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from codegen.spec.base import Name, SpecModel

Privilege = Literal["select", "insert", "update", "delete", "truncate", "references", "trigger",
                    "all"]


def column_shorthand(value: Any) -> Any:
    """A column written `type` or `type?` (nullable), or with `type: text?`, as its mapping;
    the same for a table's columns and a view's."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("?"):
            return {"type": text[:-1].strip(), "nullable": True}
        return {"type": text}
    if isinstance(value, dict) and isinstance(value.get("type"), str):
        text = value["type"].strip()
        if text.endswith("?") and value.get("nullable", True) is True:
            return {**value, "type": text[:-1].strip(), "nullable": True}
    return value


class ViewColumnSpec(SpecModel):
    """A column a view returns, declared so the types need no database. Shorthand: the type
    (`text`), with a trailing `?` when it may be null (`text?`)."""

    type: Name = Field(description="The type PostgreSQL infers for the column (a test and "
                       "`codegen verify` compare them).")
    nullable: bool = Field(False, description="The column may be null (the generated Row types "
                           "say so; PostgreSQL does not track it for views).")
    comment: str | None = Field(None, description="COMMENT ON COLUMN; also the docs of the types.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return column_shorthand(value)


class ViewSpec(SpecModel):
    """A view (CREATE VIEW) or materialized view; its key is the name (`schema.name`
    qualifies)."""

    schema_: Name | None = Field(None, alias="schema", description="Schema (default public).")
    query: Name = Field(description="The SELECT the view runs (checked by PostgreSQL's parser).")
    columns: dict[Name, ViewColumnSpec] = Field(
        min_length=1, description="The columns the query returns, in order: name -> type "
        "(`text?` when it may be null)."
    )
    materialized: bool = Field(False, description="CREATE MATERIALIZED VIEW: the rows are "
                               "stored and refreshed with REFRESH MATERIALIZED VIEW.")
    security_invoker: bool = Field(
        True, description="Run the query with the caller's rights, so row level security of "
        "the tables read applies (default true; false runs it as the view's owner)."
    )
    check_option: Literal["local", "cascaded"] | None = Field(
        None, description="WITH LOCAL/CASCADED CHECK OPTION: rows written through the view must "
        "satisfy its WHERE."
    )
    comment: str | None = Field(None, description="COMMENT ON VIEW.")
    model: Name | None = Field(None, description="Name of the generated types (default: "
                               "singular, like a table's).")
    grants: dict[Name, list[Privilege]] = Field(
        default_factory=dict, description="Privileges per role (select; insert, update, delete "
        "on an updatable view)."
    )
    lint_ignore: dict[Name, str] = Field(
        default_factory=dict,
        description="Acknowledge lint findings here: {rule_name: reason}. A reason is required.",
    )
