"""Realtime on PostgreSQL: a table flagged `realtime` joins the supabase_realtime publication,
which the migration creates when the database lacks it (a plain PostgreSQL restored from a
dump), with the replica identity asked for."""

from __future__ import annotations

from support.postgres import apply_sql, connect
from test_golden_cases import full_migration

from codegen.project import load_schema

SPEC = """
tables:
  messages:
    realtime: true
    replica_identity: full
    columns:
      id: {type: bigint, identity: always, primary_key: true}
      body: text
  notes:
    columns:
      id: {type: bigint, identity: always, primary_key: true}
"""


def test_realtime_tables_join_the_publication_created_if_missing(database_url: str) -> None:
    with connect(database_url, autocommit=True) as conn:
        conn.execute("DROP PUBLICATION supabase_realtime")
    apply_sql(database_url, full_migration(load_schema({"app.yaml": SPEC})))
    with connect(database_url) as conn:
        tables = conn.execute("select schemaname, tablename from pg_publication_tables "
                              "where pubname = 'supabase_realtime'").fetchall()
        identity = conn.execute("select relreplident from pg_class "
                                "where oid = 'public.messages'::regclass").fetchone()
    assert tables == [("public", "messages")]
    assert identity == ("f",)
