"""What the introspection readers fill in, one object kind at a time, before it becomes IR.

Readers run in :data:`codegen.live.introspect.READERS` order; each adds its kind to a
:class:`Catalog` (tables are keyed by their oid, so later readers attach parts to them) and
reports what the spec cannot express as a warning naming the object.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from psycopg.rows import dict_row

from codegen.live.connection import Connection
from codegen.schema import ir
from codegen.schema.lower.functions import identity_text
from codegen.schema.model_names import model_name
from codegen.spec.database_objects import SUPABASE_OWNED_SCHEMAS


@dataclass
class TableParts:
    """A table being read: its parts as they arrive from the catalog."""

    name: ir.QualifiedName
    rls: bool
    columns: list[ir.Column] = field(default_factory=list)
    primary_key: ir.PrimaryKey | None = None
    uniques: list[ir.Unique] = field(default_factory=list)
    checks: list[ir.Check] = field(default_factory=list)
    foreign_keys: list[ir.ForeignKey] = field(default_factory=list)
    indexes: list[ir.Index] = field(default_factory=list)
    policies: list[ir.Policy] = field(default_factory=list)
    grants: list[ir.Grant] = field(default_factory=list)
    comment: str | None = None
    triggers: list[ir.Trigger] = field(default_factory=list)
    external: bool = False  # Supabase's (auth.users): only what a spec may add to it is read
    realtime: bool = False
    replica_identity: ir.ReplicaIdentity = "default"
    rows: list[ir.Row] = field(default_factory=list)

    def set_column_comment(self, column: str, comment: str) -> None:
        self.columns = [replace(c, comment=comment) if c.name == column else c
                        for c in self.columns]

    def build(self) -> ir.Table:
        return ir.Table(
            name=self.name, model=model_name(self.name.name, None), columns=tuple(self.columns),
            primary_key=self.primary_key,
            uniques=tuple(sorted(self.uniques, key=lambda u: u.name)),
            checks=tuple(sorted(self.checks, key=lambda c: c.name)),
            foreign_keys=tuple(sorted(self.foreign_keys, key=lambda f: f.name)),
            indexes=tuple(sorted(self.indexes, key=lambda i: i.name)),
            rls=self.rls, policies=tuple(sorted(self.policies, key=lambda p: p.name)),
            grants=tuple(sorted(self.grants, key=lambda g: g.role)), comment=self.comment,
            triggers=tuple(sorted(self.triggers, key=lambda t: t.name)), external=self.external,
            realtime=self.realtime, replica_identity=self.replica_identity,
            rows=tuple(sorted(self.rows, key=lambda r: [str(v) for v in r.key])))


@dataclass
class Catalog:
    """The objects read so far from the schemas asked for, and what could not be expressed."""

    conn: Connection
    schemas: list[str]
    server_version: int
    tables: dict[int, TableParts] = field(default_factory=dict)
    enums: dict[int, ir.Enum] = field(default_factory=dict)
    # Tables of Supabase's schemas to read (``auth.users``): their policies, triggers and
    # grants. None: those a project added policies or triggers to.
    external: list[str] | None = None
    functions: list[ir.Function] = field(default_factory=list)
    extensions: list[ir.Extension] = field(default_factory=list)
    namespaces: list[ir.Namespace] = field(default_factory=list)
    views: list[ir.View] = field(default_factory=list)
    buckets: list[ir.Bucket] = field(default_factory=list)
    default_privileges: list[ir.DefaultPrivilege] = field(default_factory=list)
    # The configuration rows to read (verify: the spec's, by table; pull reads none: which
    # rows of a table are configuration rather than the app's data only a spec says).
    wanted_rows: dict[ir.QualifiedName, tuple[ir.Row, ...]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def rows(self, query: str, **params: Any) -> list[dict[str, Any]]:
        with self.conn.cursor(row_factory=dict_row) as cur:
            cur.execute(query, {"schemas": self.schemas, "oids": list(self.tables),
                                "owned": [oid for oid, t in self.tables.items() if not t.external],
                                "supabase": sorted(SUPABASE_OWNED_SCHEMAS),
                                "external": self.external or [],
                                "find_external": self.external is None, **params})
            return cur.fetchall()

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def build(self) -> ir.Schema:
        enums = tuple(sorted(self.enums.values(), key=lambda e: e.name))
        tables = tuple(sorted((t.build() for t in self.tables.values()), key=lambda t: t.name))
        functions = tuple(sorted(self.functions, key=identity_text))
        return ir.Schema(enums, tables, functions=functions,
                         extensions=tuple(sorted(self.extensions, key=lambda e: e.name)),
                         namespaces=tuple(sorted(self.namespaces, key=lambda n: n.name)),
                         views=tuple(sorted(self.views, key=lambda v: v.name)),
                         buckets=tuple(sorted(self.buckets, key=lambda b: b.id)),
                         default_privileges=tuple(sorted(
                             self.default_privileges, key=_default_privilege_order)))


def _default_privilege_order(entry: ir.DefaultPrivilege) -> tuple[str, ...]:
    return (entry.schema or "", entry.for_role or "", entry.objects, entry.role,
            str(entry.grant))
