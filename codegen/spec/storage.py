"""The spec format of storage buckets (rows of Supabase's storage.buckets) and of default
privileges."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from codegen.spec.base import Name, SpecModel


class BucketSpec(SpecModel):
    """A storage bucket, written idempotently by its id (the key)."""

    name: Name | None = Field(None, description="Display name (default: the id).")
    public: bool = Field(False, description="Public bucket: anyone may download its objects by "
                         "URL, without a policy (listing and writing still need policies).")
    file_size_limit: int | Name | None = Field(
        None, description="Largest object accepted, in bytes or with a unit: 5MB, 50MiB, 1GB."
    )
    allowed_mime_types: list[Name] | None = Field(
        None, description="MIME types accepted (image/png, image/*); leave out for any."
    )


DefaultObjects = Literal["tables", "sequences", "functions", "types", "schemas"]


class DefaultPrivilegesSpec(SpecModel):
    """ALTER DEFAULT PRIVILEGES: the privileges objects created later get, e.g. no EXECUTE
    for anon on new functions. Leave `schema` out for the global defaults (the only place
    PUBLIC's EXECUTE on new functions can be revoked)."""

    schema_: Name | None = Field(None, alias="schema", description="IN SCHEMA; none: global.")
    for_role: Name | None = Field(None, description="FOR ROLE: objects this role creates "
                                  "(default: the role running the migrations).")
    on: DefaultObjects = Field(description="Kind of objects: tables, sequences, functions, "
                               "types or schemas.")
    grant: dict[Name, list[Name]] = Field(default_factory=dict, description="Privileges granted "
                                          "per role, e.g. {authenticated: [select]}.")
    revoke: dict[Name, list[Name]] = Field(default_factory=dict, description="Privileges "
                                           "revoked per role, e.g. {public: [execute]}.")
