"""Compare views: CREATE OR REPLACE where PostgreSQL allows it (the same columns, new ones
appended), else drop and create, together with the views that read it. A view is also
dropped and created around a change PostgreSQL refuses while a view depends on it: a column
it reads changing type or being dropped, a function it calls dropped and created again."""

from __future__ import annotations

from codegen.migrate.changes import (
    AlterColumnType,
    Change,
    CreateView,
    DropColumn,
    DropTable,
    DropView,
    GrantPrivileges,
    RecreateEnum,
    RenameTable,
    ReplaceView,
    RevokePrivileges,
    SetViewComments,
)
from codegen.schema import ir
from codegen.schema.references import statements_references


def compare_views(old: ir.Schema, new: ir.Schema, rebuilt_functions: set[ir.QualifiedName],
                  changes: list[Change]) -> None:
    old_views = {v.name: v for v in old.views}
    new_views = {v.name: v for v in new.views}
    blocked = _blocking_relations(changes)
    rebuilt: set[ir.QualifiedName] = set()
    for name, was in old_views.items():
        after = new_views.get(name)
        relations, functions = _reads(was)
        changed = after is not None and _definition(was) != _definition(after)
        if (after is None or relations & blocked or functions & rebuilt_functions
                or (changed and not _replaceable(was, after))):
            rebuilt.add(name)
    # The views that read a rebuilt view go too (PostgreSQL refuses to drop it under them).
    readers = {name: _reads(view)[0] for name, view in old_views.items()}
    grew = True
    while grew:
        grew = False
        for name, relations in readers.items():
            if name not in rebuilt and relations & rebuilt:
                rebuilt.add(name)
                grew = True
    for name in _readers_first(old.views, rebuilt):
        changes.append(DropView(old_views[name], again=name in new_views))
    for view in new.views:
        before = old_views.get(view.name)
        if before is None or view.name in rebuilt:
            changes.extend(create_view(view, again=before is not None))
            continue
        if _definition(before) != _definition(view):
            changes.append(ReplaceView(before, view))
        if _comments(before) != _comments(view):
            changes.append(SetViewComments(before, view))
        _compare_grants(before, view, changes)


def create_view(view: ir.View, again: bool = False) -> list[Change]:
    changes: list[Change] = [CreateView(view, again)]
    changes.extend(GrantPrivileges(view.name, grant) for grant in view.grants)
    return changes


def _compare_grants(old: ir.View, new: ir.View, changes: list[Change]) -> None:
    before = {g.role: g for g in old.grants}
    after = {g.role: g for g in new.grants}
    for role in sorted(before.keys() | after.keys()):
        if before.get(role) == after.get(role):
            continue
        if role in before:
            changes.append(RevokePrivileges(new.name, role))
        if role in after:
            changes.append(GrantPrivileges(new.name, after[role]))


def _definition(view: ir.View) -> object:
    return (view.query, view.columns_types, view.materialized, view.security_invoker,
            view.check_option)


def _comments(view: ir.View) -> object:
    return view.comment, tuple((c.name, c.comment) for c in view.columns)


def _replaceable(old: ir.View, new: ir.View) -> bool:
    """CREATE OR REPLACE VIEW keeps every column's name and type, in order; it may add
    columns at the end. A materialized view cannot be replaced."""
    if old.materialized or new.materialized:
        return False
    columns = old.columns_types
    return new.columns_types[:len(columns)] == columns


def _reads(view: ir.View) -> tuple[set[ir.QualifiedName], set[ir.QualifiedName]]:
    """The relations and functions the view's query names (unqualified: public)."""
    refs = statements_references(view.query)
    relations = {ir.QualifiedName(s or "public", n) for s, n in refs.relations}
    functions = {ir.QualifiedName(s or "public", n) for s, n in refs.functions}
    return relations, functions


def _blocking_relations(changes: list[Change]) -> set[ir.QualifiedName]:
    """Tables with a change PostgreSQL refuses while a view reads them."""
    blocked: set[ir.QualifiedName] = set()
    for change in changes:
        match change:
            case AlterColumnType(table) | DropColumn(table):
                blocked.add(table)
            case DropTable(table):
                blocked.add(table.name)
            case RecreateEnum(columns=columns):
                blocked.update(table for table, _ in columns)
    for change in changes:  # the old view reads the table by its old name
        if isinstance(change, RenameTable) and change.new in blocked:
            blocked.add(change.old)
    return blocked


def _readers_first(views: tuple[ir.View, ...],
                   chosen: set[ir.QualifiedName]) -> list[ir.QualifiedName]:
    """The chosen views, each before the views it reads (the order DROP needs)."""
    by_name = {v.name: v for v in views}
    order: list[ir.QualifiedName] = []
    seen: set[ir.QualifiedName] = set()

    def visit(name: ir.QualifiedName) -> None:
        if name in seen:
            return
        seen.add(name)
        for other in sorted(_reads(by_name[name])[0] & chosen):
            visit(other)
        order.append(name)

    for name in sorted(chosen):
        if name in by_name:
            visit(name)
    return list(reversed(order))
