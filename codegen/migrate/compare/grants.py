"""Compare a table's grants."""

from __future__ import annotations

from codegen.migrate.changes import Change, GrantPrivileges, RevokePrivileges
from codegen.schema import ir


def compare_grants(old: ir.Table, new: ir.Table, changes: list[Change]) -> None:
    old_grants = {g.role: g for g in old.grants}
    new_grants = {g.role: g for g in new.grants}
    for role in sorted(old_grants.keys() | new_grants.keys()):
        before, after = old_grants.get(role), new_grants.get(role)
        if before == after:
            continue
        if before is not None:
            changes.append(RevokePrivileges(new.name, role))
        if after is not None:
            changes.append(GrantPrivileges(new.name, after))
