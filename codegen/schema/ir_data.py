"""The IR of what a spec keeps as data rather than schema: storage buckets, configuration
rows, default privileges (re-exported by codegen.schema.ir)."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.diagnostics import Span
from codegen.schema.ir_fields import span_field


@dataclass(frozen=True)
class Row:
    """A row the spec keeps in its table (configuration data): the SQL literal of each value
    it names (None: NULL), found again by its primary key."""

    key: tuple[str | None, ...]  # the primary key's values, in its column order
    values: tuple[tuple[str, str | None], ...]  # (column, SQL literal), sorted by column


@dataclass(frozen=True)
class Bucket:
    """A storage bucket: a row of storage.buckets the migrations keep as the spec says."""

    id: str
    name: str
    public: bool = False
    file_size_limit: int | None = None  # bytes
    allowed_mime_types: tuple[str, ...] | None = None
    span: Span | None = span_field()


@dataclass(frozen=True)
class DefaultPrivilege:
    """One ALTER DEFAULT PRIVILEGES: privileges granted (or revoked) to a role on the objects
    of a kind created later, in a schema (None: everywhere), by a role (None: the migrator)."""

    objects: str  # tables, sequences, functions, types, schemas
    role: str  # the grantee ("public" for PUBLIC)
    privileges: tuple[str, ...]  # sorted, lower case
    grant: bool
    schema: str | None = None
    for_role: str | None = None
    span: Span | None = span_field()
