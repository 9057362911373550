"""Changes to what Supabase Realtime streams: the supabase_realtime publication's tables and
a table's replica identity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir

PUBLICATION = "supabase_realtime"


@dataclass(frozen=True)
class EnsureRealtimePublication(ChangeBase):
    """CREATE PUBLICATION supabase_realtime unless the database has it (Supabase projects
    do; a plain PostgreSQL does not), once before tables join it."""

    def summary(self) -> str:
        return f"+ publication {PUBLICATION} (if missing)"


@dataclass(frozen=True)
class SetRealtime(ChangeBase):
    """ALTER PUBLICATION supabase_realtime ADD/DROP TABLE."""

    table: ir.QualifiedName
    enabled: bool

    def summary(self) -> str:
        return f"{'+' if self.enabled else '-'} realtime on {self.table}"


@dataclass(frozen=True)
class SetReplicaIdentity(ChangeBase):
    """ALTER TABLE … REPLICA IDENTITY DEFAULT / FULL / NOTHING."""

    table: ir.QualifiedName
    identity: Literal["default", "full", "nothing"]

    def summary(self) -> str:
        return f"~ replica identity of {self.table}: {self.identity}"
