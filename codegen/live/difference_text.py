"""How verify words the differences of data-like objects (for :mod:`.differences`): what the
database has and what the spec says, side by side, rather than the migration step that would
make them equal."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from codegen.migrate.changes import (
    AlterDefaultPrivileges,
    Change,
    CreateView,
    DropView,
    GrantPrivileges,
    ReplaceView,
    SetPolicyComment,
    SetReplicaIdentity,
    SetViewComments,
    UpdateRow,
    UpsertBucket,
)
from codegen.migrate.changes.rows import key_text
from codegen.migrate.changes.views import view_kind
from codegen.schema import ir


def described(change: Change, database: ir.Schema) -> tuple[str, str] | None:
    """(sigil, text) for the changes worded here; None for the others."""
    match change:
        case ReplaceView(old=old_view, new=new_view):
            return "~", f"view {new_view.name}: {view_detail(old_view, new_view)}"
        case CreateView(view=view, again=True) | DropView(view=view, again=True):
            # Dropped and created again: the two lines merge into one that says what differs.
            return ("+" if isinstance(change, CreateView) else "-"), \
                f"{view_kind(view)} {view.name}"
        case SetViewComments(old=old_view, new=new_view) if old_view is not None:
            parts = [f"comment {_text(old_view.comment)} → {_text(new_view.comment)}"] \
                if old_view.comment != new_view.comment else []
            before = {c.name: c.comment for c in old_view.columns}
            parts += [f"column {c.name} {_text(before.get(c.name))} → {_text(c.comment)}"
                      for c in new_view.columns if before.get(c.name) != c.comment]
            return "~", f"comments on {view_kind(new_view)} {new_view.name}: {'; '.join(parts)}"
        case UpsertBucket(bucket=bucket, new=False):
            existing = next((b for b in database.buckets if b.id == bucket.id), None)
            if existing is not None:
                return "~", f"bucket {bucket.id}: {_fields(existing, bucket)}"
        case SetReplicaIdentity(table=table, identity=identity):
            found = database.table(table)
            current = found.replica_identity if found else "default"
            return "~", f"replica identity of {table}: {current} → {identity}"
        case UpdateRow(table=table, old=old, new=new):
            found_values = dict(old.values)
            parts = [f"{column} {_text(found_values.get(column))} → {_text(value)}"
                     for column, value in new.values if found_values.get(column) != value]
            return "~", f"row {table} ({key_text(new)}): {'; '.join(parts)}"
        case AlterDefaultPrivileges(entry=entry, undo=undo):
            where = f" in {entry.schema}" if entry.schema else ""
            owner = f" for role {entry.for_role}" if entry.for_role else ""
            verb, to = ("grant", "to") if entry.grant else ("revoke", "from")
            return ("-" if undo else "+"), (
                f"default privileges{where}{owner}: {verb} {', '.join(entry.privileges)} on "
                f"{entry.objects} {to} {entry.role}")
        case SetPolicyComment(table=table, policy=policy):
            on_table = database.table(table)
            comment = next((p.comment for p in on_table.policies if p.name == policy.name),
                           None) if on_table else None
            return "~", (f'comment on policy "{policy.name}" on {table}: {_text(comment)} → '
                         f"{_text(policy.comment)}")
    return None


def view_detail(old: ir.View, new: ir.View) -> str:
    """What differs between two versions of a view (a query is named, not printed)."""
    parts = [name if name == "query" else
             f"{name} {_text(getattr(old, name))} → {_text(getattr(new, name))}"
             for name in ("query", "materialized", "security_invoker", "check_option",
                          "comment") if getattr(old, name) != getattr(new, name)]
    if old.columns_types != new.columns_types:
        parts.append(f"columns {_columns(old)} → {_columns(new)}")
    return "; ".join(parts)


def without_unchanged_recreations(changes: list[Change]) -> list[Change]:
    """A view that differs is dropped and created again with the views that read it, and its
    grants given again: only what differs is a difference."""
    dropped = {c.view.name: c.view for c in changes if isinstance(c, DropView) and c.again}
    created = {c.view.name: c.view for c in changes if isinstance(c, CreateView) and c.again}
    same = {name for name in dropped.keys() & created.keys() if dropped[name] == created[name]}
    kept: list[Change] = []
    for change in changes:
        match change:
            case CreateView(view=view, again=True) | DropView(view=view, again=True) \
                    if view.name in same:
                continue
            case GrantPrivileges(table=name, grant=grant) if name in dropped \
                    and name in created and grant in dropped[name].grants:
                continue
        kept.append(change)
    return kept


def _columns(view: ir.View) -> str:
    return "(" + ", ".join(f"{c.name} {c.type.base}{'[]' * c.type.array_dims}"
                           for c in view.columns) + ")"


def _fields(old: Any, new: Any) -> str:
    return "; ".join(f"{f.name} {_text(getattr(old, f.name))} → {_text(getattr(new, f.name))}"
                     for f in fields(old) if f.compare
                     and getattr(old, f.name) != getattr(new, f.name))


def _text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "(" + ", ".join(map(str, value)) + ")"
    return str(value)
