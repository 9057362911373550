"""Compare a table's Realtime membership and replica identity (a new table: ``old`` None)."""

from __future__ import annotations

from codegen.migrate.changes import Change, SetRealtime, SetReplicaIdentity
from codegen.schema import ir


def compare_realtime(old: ir.Table | None, new: ir.Table, changes: list[Change]) -> None:
    if (old.replica_identity if old else "default") != new.replica_identity:
        changes.append(SetReplicaIdentity(new.name, new.replica_identity))
    if (old.realtime if old else False) != new.realtime:
        changes.append(SetRealtime(new.name, new.realtime))
