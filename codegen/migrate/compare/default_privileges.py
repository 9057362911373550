"""Compare default privileges: entries that left the spec are undone, new ones applied."""

from __future__ import annotations

from codegen.migrate.changes import AlterDefaultPrivileges, Change
from codegen.schema import ir


def compare_default_privileges(old: ir.Schema, new: ir.Schema, changes: list[Change]) -> None:
    kept = set(new.default_privileges)
    known = set(old.default_privileges)
    changes.extend(AlterDefaultPrivileges(e, undo=True) for e in old.default_privileges
                   if e not in kept)
    changes.extend(AlterDefaultPrivileges(e) for e in new.default_privileges if e not in known)
