"""SQL for Realtime: publication membership and replica identity."""

from __future__ import annotations

from codegen.migrate.changes import EnsureRealtimePublication, SetRealtime, SetReplicaIdentity
from codegen.migrate.changes.realtime import PUBLICATION
from codegen.sql.dialect import qualified
from codegen.sql.registry import renderer

# Supabase projects have the publication; a database restored elsewhere may not.
CREATE_PUBLICATION = f"""DO $publication$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_publication WHERE pubname = '{PUBLICATION}') THEN
    CREATE PUBLICATION {PUBLICATION};
  END IF;
END
$publication$"""


@renderer
def render_ensure_publication(change: EnsureRealtimePublication) -> str:
    return CREATE_PUBLICATION


@renderer
def render_realtime(change: SetRealtime) -> str:
    action = "ADD" if change.enabled else "DROP"
    return f"ALTER PUBLICATION {PUBLICATION} {action} TABLE {qualified(change.table)}"


@renderer
def render_replica_identity(change: SetReplicaIdentity) -> str:
    return f"ALTER TABLE {qualified(change.table)} REPLICA IDENTITY {change.identity.upper()}"
