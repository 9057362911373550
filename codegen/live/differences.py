"""Compare a database with the spec and say, for each difference, where the spec has it.

The database is the "old" schema and the spec the "new" one of
:func:`codegen.migrate.compare.compare`: no changes means equal. Each change becomes one
line, located at the spec object it concerns (the table when the object is not in the
spec), reading database → spec: ``+`` the spec has it and the database does not, ``-`` the
database has it and the spec does not, ``~`` both have it, differently.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any

from codegen.diagnostics import Span
from codegen.live.comparable import comparable
from codegen.live.default_privileges_held import held_default_privileges
from codegen.live.difference_text import (
    described,
    view_detail,
    without_unchanged_recreations,
)
from codegen.live.expected import with_stored_expressions
from codegen.live.introspect.default_privileges import with_owner
from codegen.live.managed import managed_by
from codegen.migrate.changes import (
    Change,
    CreateTrigger,
    DropTrigger,
    EnsureRealtimePublication,
    RevokePrivileges,
    SetFunctionExecute,
    SetTriggerComment,
    summary,
)
from codegen.migrate.compare import compare
from codegen.migrate.plan import plan
from codegen.schema import ir

_SIGILS = {"+": "missing from the database", "-": "not in the spec",
           "~": "differs (database → spec)"}


@dataclass(frozen=True)
class Difference:
    """One way the database and the spec disagree, at the spec object it concerns."""

    message: str
    span: Span | None

    def line(self) -> str:
        where = f"{self.span.file}:{self.span.line}:{self.span.col}: " if self.span else ""
        return where + self.message


def differences(database: ir.Schema, spec: ir.Schema, stored: ir.Schema,
                server_version: int, user: str) -> list[Difference]:
    """``stored`` is the spec created from nothing and read back (its expressions' text);
    ``user`` the role that read the database (the owner default privileges without
    ``for_role`` are for)."""
    spec = with_owner(spec, user)
    managed = managed_by(database, spec)
    managed = replace(managed, default_privileges=held_default_privileges(
        managed.default_privileges, spec, server_version))
    old = comparable(managed, server_version)
    new = comparable(with_stored_expressions(spec, stored), server_version)
    changes = [c for c in without_unchanged_recreations(
        _without_comments_of_recreated_triggers(plan(compare(old, new))))
               if not isinstance(c, EnsureRealtimePublication)]  # a step, not a difference
    lines = [_split(change, old) for change in changes]
    found: list[Difference] = []
    merged: set[int] = set()
    for i, (sigil, rest) in enumerate(lines):
        if i in merged:
            continue
        # An object dropped and created again under its name differs (a check's expression,
        # an index's columns): one line, not two.
        twin = next((j for j, (s, r) in enumerate(lines) if j > i and j not in merged
                     and {s, sigil} == {"+", "-"} and _same_object(r, rest)), None)
        if twin is not None:
            merged.add(twin)
            dropped, added = (i, twin) if sigil == "-" else (twin, i)
            what = min(rest, lines[twin][1], key=len) + _detail(changes[dropped], changes[added])
            found.append(Difference(f"{_SIGILS['~']}: {what}",
                                    locate(changes[i], spec) or locate(changes[twin], spec)))
            continue
        text = f"{_SIGILS[sigil]}: {rest}" if sigil in _SIGILS else rest
        detail = "" if described(changes[i], old) else _changed_fields(changes[i])
        found.append(Difference(text + detail, locate(changes[i], spec)))
    return found


def _without_comments_of_recreated_triggers(changes: list[Change]) -> list[Change]:
    """A trigger that differs is dropped and created again, and its comment set after: the
    trigger's line already says how the comment differs."""
    recreated = {(c.table, c.trigger.name) for c in changes if isinstance(c, CreateTrigger)} & {
        (c.table, c.trigger.name) for c in changes if isinstance(c, DropTrigger)}
    return [c for c in changes if not (isinstance(c, SetTriggerComment)
                                       and (c.table, c.trigger) in recreated)]


def _split(change: Change, database: ir.Schema) -> tuple[str, str]:
    if isinstance(change, RevokePrivileges):  # "revoke" reads backwards from this side
        table = database.table(change.table)
        view = next((v for v in database.views if v.name == change.table), None)
        grants = table.grants if table else view.grants if view else ()
        grant = next((g for g in grants if g.role == change.role), None)
        privileges = ", ".join(grant.privileges) if grant else "privileges"
        return "-", f"grant {privileges} on {change.table} to {change.role}"
    if isinstance(change, SetFunctionExecute):  # both sides, not only the spec's
        before = next((f.execute for f in database.functions
                       if f.identity == change.function.identity), None)
        what = summary(change).partition(" ")[2].rpartition(":")[0]
        return "~", f"{what}: {_roles(before)} → {_roles(change.roles)}"
    worded = described(change, database)
    if worded is not None:
        return worded
    sigil, _, rest = summary(change).partition(" ")
    return (sigil, rest) if sigil in _SIGILS else ("", summary(change))


def _roles(roles: tuple[str, ...] | None) -> str:
    if roles is None:
        return "everyone (PostgreSQL's default)"
    return ", ".join(roles) if roles else "nobody"


def _detail(dropped: Change, added: Change) -> str:
    """``: field old → new`` for each field that differs between the two versions."""
    old_view, new_view = getattr(dropped, "view", None), getattr(added, "view", None)
    if isinstance(old_view, ir.View) and isinstance(new_view, ir.View):
        return ": " + view_detail(old_view, new_view)
    for name in ("constraint", "foreign_key", "index", "trigger"):
        old: Any = getattr(dropped, name, None)
        new: Any = getattr(added, name, None)
        if is_dataclass(old) and not isinstance(old, type) and type(old) is type(new):
            parts = [f"{f.name} {_text(getattr(old, f.name))} → {_text(getattr(new, f.name))}"
                     for f in fields(old) if f.compare
                     and getattr(old, f.name) != getattr(new, f.name)]
            return ": " + "; ".join(parts) if parts else ""
    return ""


def _changed_fields(change: Change) -> str:
    """``: body; volatility stable → immutable`` for a function (or another object) whose
    change carries both versions; a body or a view's query is named, not printed."""
    old: Any = getattr(change, "old", None)
    new: Any = getattr(change, "new", None)
    if not (is_dataclass(old) and not isinstance(old, type) and type(old) is type(new)) \
            or "→" in summary(change):
        return ""
    parts = [f.name if f.name in ("body", "query") else
             f"{f.name} {_text(getattr(old, f.name))} → {_text(getattr(new, f.name))}"
             for f in fields(old) if f.compare and getattr(old, f.name) != getattr(new, f.name)]
    return ": " + "; ".join(parts) if parts else ""


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(map(str, value)) + ")"
    return "none" if value is None else str(value)


def _same_object(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    return longer == shorter or longer.startswith(shorter + " ")


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else None


def locate(change: Change, spec: ir.Schema) -> Span | None:
    """The span of the spec object a change is about: the part, else its table or enum."""
    other = _locate_schema_object(change, spec)
    if other is not None:
        return other
    table_ref = getattr(change, "table", None)
    if isinstance(table_ref, ir.Table):
        table_ref = table_ref.name
    enum_ref = getattr(change, "enum", None)
    if isinstance(enum_ref, ir.Enum):
        enum_ref = enum_ref.name
    if isinstance(enum_ref, ir.QualifiedName):
        enum = spec.enum(enum_ref)
        return enum.span if enum else None
    if not isinstance(table_ref, ir.QualifiedName):
        return None
    table = spec.table(table_ref)
    if table is None:  # a grant on a view
        return next((v.span for v in spec.views if v.name == table_ref), None)
    parts: dict[str, Span | None] = {c.name: c.span for c in table.columns}
    for group in (table.checks, table.uniques, table.foreign_keys, table.indexes, table.policies,
                  table.triggers):
        parts.update({item.name: item.span for item in group})
    if table.primary_key is not None:
        parts[table.primary_key.name] = table.primary_key.span
    for field in ("column", "new", "policy", "index", "constraint", "foreign_key", "trigger",
                  "name"):
        name = _name(getattr(change, field, None))
        if name is not None and parts.get(name) is not None:
            return parts[name]
    return table.span


def _locate_schema_object(change: Change, spec: ir.Schema) -> Span | None:
    """A function (by name and input types, else by name), an extension, a schema, a view,
    a bucket or a default privilege."""
    view = getattr(change, "view", None) or getattr(change, "new", None)
    if isinstance(view, ir.View):
        return next((v.span for v in spec.views if v.name == view.name), None)
    bucket = getattr(change, "bucket", None)
    if isinstance(bucket, ir.Bucket):
        return next((b.span for b in spec.buckets if b.id == bucket.id), None)
    entry = getattr(change, "entry", None)
    if isinstance(entry, ir.DefaultPrivilege):
        entries = [e for e in spec.default_privileges if e == entry] or [
            e for e in spec.default_privileges
            if (e.objects, e.schema, e.for_role, e.role)
            == (entry.objects, entry.schema, entry.for_role, entry.role)]
        return entries[0].span if entries else None
    function = getattr(change, "function", None) or getattr(change, "new", None)
    if isinstance(function, ir.Function):
        same = [f for f in spec.functions if f.identity == function.identity] or [
            f for f in spec.functions if f.name == function.name]
        return same[0].span if same else None
    extension = getattr(change, "extension", None) or getattr(change, "new", None)
    if isinstance(extension, ir.Extension):
        return next((e.span for e in spec.extensions if e.name == extension.name), None)
    schema = getattr(change, "schema", None)
    if isinstance(schema, str) and getattr(change, "table", None) is None:
        return next((n.span for n in spec.namespaces if n.name == schema), None)
    return None
