"""Tests of the real-database test harness itself (tests/support/)."""

from __future__ import annotations

import json
import os
import uuid

import psycopg
import pytest
from psycopg import errors
from support.catalog import diff, introspect
from support.postgres import (
    ENV_VAR,
    SUPABASE_DEFAULT_PRIVILEGES_SQL,
    Connection,
    DatabaseServer,
    MigrationError,
    apply_sql,
    as_role,
    connect,
    dbname_of,
    process_running,
    with_dbname,
)

ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")
BOB = uuid.UUID("00000000-0000-0000-0000-000000000b0b")


# --------------------------------------------------------------------------- server & databases


def test_server_is_a_reachable_superuser(pg_server_url: str) -> None:
    with connect(pg_server_url) as conn:
        version, superuser = conn.execute(
            "SELECT current_setting('server_version_num')::int, "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
        ).fetchone() or (0, False)
    assert version >= 150000
    assert superuser


def test_fresh_databases_are_isolated(pg_server: DatabaseServer, database_url: str) -> None:
    apply_sql(database_url, "CREATE TABLE only_here (id int); INSERT INTO only_here VALUES (1);")
    with pg_server.fresh_database() as other_url:
        assert dbname_of(other_url) != dbname_of(database_url)
        assert introspect(other_url)["tables"] == {}
        apply_sql(other_url, "CREATE TABLE only_there (id int);")
        assert list(introspect(other_url)["tables"]) == ["public.only_there"]
    assert list(introspect(database_url)["tables"]) == ["public.only_here"]
    with connect(pg_server.url) as admin:
        names = {r[0] for r in admin.execute("SELECT datname FROM pg_database").fetchall()}
    assert dbname_of(other_url) not in names  # dropped on exit
    assert dbname_of(database_url) in names


def test_fresh_database_has_the_shim_and_nothing_else(db_conn: Connection) -> None:
    assert introspect(db_conn) == {
        "enums": {}, "tables": {}, "views": {}, "sequences": [], "functions": {},
        "extensions": {"citext": "extensions"},
        "schemas": {"public": {"comment": "standard public schema",
                               "usage": ["anon", "authenticated", "public", "service_role"]}},
        "buckets": {}, "default_privileges": {},
    }
    roles: dict[str, bool] = dict(db_conn.execute(
        "SELECT rolname, rolbypassrls FROM pg_roles "
        "WHERE rolname IN ('anon', 'authenticated', 'service_role', 'authenticator')"
    ).fetchall())
    assert roles == {"anon": False, "authenticated": False, "service_role": True,
                     "authenticator": False}
    auth = introspect(db_conn, schemas=("auth",))
    assert list(auth["tables"]) == ["auth.users"]
    assert set(auth["functions"]) == {"auth.uid()", "auth.role()", "auth.email()", "auth.jwt()"}
    for role in ("anon", "authenticated", "service_role"):
        assert db_conn.execute(
            "SELECT has_schema_privilege(%s, 'public', 'USAGE'), "
            "has_schema_privilege(%s, 'auth', 'USAGE'), "
            "has_function_privilege(%s, 'auth.uid()', 'EXECUTE')", (role, role, role)
        ).fetchone() == (True, True, True)
    path = db_conn.execute("SHOW search_path").fetchone()
    assert path == ('"$user", public, extensions',)


def test_citext_is_installed(db_conn: Connection) -> None:
    row = db_conn.execute(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'citext'"
    ).fetchone()
    if row is None and os.environ.get(ENV_VAR):
        pytest.skip(f"the server at ${ENV_VAR} has no citext extension")
    assert row == ("extensions",)
    db_conn.execute("CREATE TABLE t (email citext UNIQUE)")
    db_conn.execute("INSERT INTO t VALUES ('A@x.org')")
    with pytest.raises(errors.UniqueViolation):
        db_conn.execute("INSERT INTO t VALUES ('a@X.org')")


def test_database_creation_is_fast(pg_server: DatabaseServer) -> None:
    import time

    start = time.perf_counter()
    for _ in range(5):
        with pg_server.fresh_database():
            pass
    assert (time.perf_counter() - start) / 5 < 0.5


def test_external_server_mode(pg_server_url: str) -> None:
    """What CODEGEN_TEST_DATABASE_URL does: use a running server, clean up after ourselves."""
    with DatabaseServer.external(pg_server_url) as server:
        assert not server.owned
        url = server.create_database()
        apply_sql(url, "CREATE TABLE t (id int)")
        template = server.template_name
    with connect(pg_server_url) as admin:
        names = {r[0] for r in admin.execute("SELECT datname FROM pg_database").fetchall()}
    assert dbname_of(url) not in names and template not in names


def test_embedded_server_stops_and_leaves_nothing(pg_server: DatabaseServer) -> None:
    server = DatabaseServer.embedded()
    pid, pgdata = server.pid, server.pgdata
    assert pid is not None and pgdata is not None and pgdata.exists()
    with server.fresh_database() as url, connect(url) as conn:
        assert conn.execute("SELECT auth.uid()").fetchone() == (None,)
    server.stop()
    server.stop()  # idempotent
    assert not process_running(pid)
    assert not pgdata.exists()


def test_url_helpers() -> None:
    url = "postgresql://postgres:@/postgres?host=/tmp/x"
    assert with_dbname(url, "db 1") == "postgresql://postgres:@/db%201?host=/tmp/x"
    assert dbname_of(with_dbname(url, "db 1")) == "db 1"
    assert dbname_of(with_dbname("host=/tmp/x dbname=postgres", "other")) == "other"


# --------------------------------------------------------------------------- apply_sql


def test_apply_sql_runs_everything_in_one_transaction(database_url: str) -> None:
    script = "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n\nSELECT * FROM missing;\n"
    with pytest.raises(MigrationError) as info:
        apply_sql(database_url, script)
    message = str(info.value)
    assert 'relation "missing" does not exist' in message
    assert "LINE 4: SELECT * FROM missing;" in message
    assert info.value.line == 4 and info.value.sqlstate == "42P01"
    assert isinstance(info.value.__cause__, errors.UndefinedTable)
    assert introspect(database_url)["tables"] == {}  # CREATE TABLE a was rolled back
    apply_sql(database_url, "")
    apply_sql(database_url, "-- just a comment\n")
    apply_sql(database_url, "DO $$ BEGIN RAISE NOTICE '%', 100 % 7; END $$;")  # no % processing


def test_apply_sql_error_shows_detail_and_context(db_conn: Connection) -> None:
    apply_sql(db_conn, "CREATE TABLE u (id int PRIMARY KEY); INSERT INTO u VALUES (1);")
    with pytest.raises(MigrationError, match=r"(?s)duplicate key.*DETAIL: Key \(id\)=\(1\)"):
        apply_sql(db_conn, "INSERT INTO u VALUES (1);")
    with pytest.raises(MigrationError, match=r"(?s)boom.*CONTEXT: PL/pgSQL"):
        apply_sql(db_conn, "DO $$ BEGIN RAISE EXCEPTION 'boom'; END $$;")


# --------------------------------------------------------------------------- Supabase roles & RLS


NOTES_SQL = f"""
INSERT INTO auth.users (id, email) VALUES ('{ALICE}', 'alice@x.org'), ('{BOB}', 'bob@x.org');
CREATE TABLE public.notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner uuid NOT NULL REFERENCES auth.users (id),
    body text NOT NULL
);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON public.notes TO anon, authenticated, service_role;
CREATE POLICY notes_read_own ON public.notes FOR SELECT TO authenticated
    USING (owner = auth.uid());
CREATE POLICY notes_insert_own ON public.notes FOR INSERT TO authenticated
    WITH CHECK (owner = auth.uid());
INSERT INTO public.notes (owner, body) VALUES ('{ALICE}', 'alice 1'), ('{BOB}', 'bob 1');
CREATE TABLE public.locked (id int);
ALTER TABLE public.locked ENABLE ROW LEVEL SECURITY;
INSERT INTO public.locked VALUES (1);
"""


@pytest.fixture
def notes(db_conn: Connection) -> Connection:
    apply_sql(db_conn, NOTES_SQL)
    return db_conn


def bodies(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT body FROM public.notes ORDER BY body").fetchall()]


def test_auth_functions_read_the_claims(db_conn: Connection) -> None:
    with as_role(db_conn, "authenticated", {"sub": str(ALICE), "email": "alice@x.org"}):
        row = db_conn.execute(
            "SELECT current_user, auth.uid(), auth.role(), auth.email(), auth.jwt() ->> 'sub'"
        ).fetchone()
        assert row == ("authenticated", ALICE, "authenticated", "alice@x.org", str(ALICE))
    assert db_conn.execute("SELECT current_user, auth.uid()").fetchone() == ("postgres", None)
    # Current PostgREST only sets request.jwt.claims; auth.uid() falls back to it.
    with db_conn.transaction():
        db_conn.execute("SELECT set_config('request.jwt.claims', %s, true)",
                        (json.dumps({"sub": str(BOB), "role": "anon"}),))
        assert db_conn.execute("SELECT auth.uid(), auth.role()").fetchone() == (BOB, "anon")
    with as_role(db_conn, "anon"):
        assert db_conn.execute("SELECT auth.uid(), auth.role()").fetchone() == (None, "anon")
    with as_role(db_conn, "authenticated", {"sub": BOB}):  # a UUID is sent as a string
        assert db_conn.execute("SELECT auth.uid()").fetchone() == (BOB,)


def test_anon_sees_nothing_without_a_policy(notes: Connection) -> None:
    with as_role(notes, "anon"):
        assert bodies(notes) == []
        with pytest.raises(errors.InsufficientPrivilege):  # no GRANT at all
            notes.execute("SELECT * FROM public.locked")


def test_authenticated_user_sees_and_writes_only_own_rows(notes: Connection) -> None:
    with as_role(notes, "authenticated", {"sub": str(ALICE)}):
        assert bodies(notes) == ["alice 1"]
        # The nested transaction is a savepoint: the outer one survives the error.
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"), \
                notes.transaction():
            notes.execute("INSERT INTO public.notes (owner, body) VALUES (%s, 'x')", (BOB,))
        notes.execute("INSERT INTO public.notes (owner, body) VALUES (%s, 'alice 2')", (ALICE,))
        assert bodies(notes) == ["alice 1", "alice 2"]
    assert bodies(notes) == ["alice 1", "bob 1"]  # rolled back by default
    with as_role(notes, "authenticated", {"sub": str(BOB)}, commit=True):
        notes.execute("INSERT INTO public.notes (owner, body) VALUES (%s, 'bob 2')", (BOB,))
    assert bodies(notes) == ["alice 1", "bob 1", "bob 2"]


def test_supabase_default_privileges_are_opt_in(db_conn: Connection) -> None:
    apply_sql(db_conn, "CREATE TABLE before (id int);")
    apply_sql(db_conn, SUPABASE_DEFAULT_PRIVILEGES_SQL + "CREATE TABLE after (id int);")
    tables = introspect(db_conn)["tables"]
    assert tables["public.before"]["grants"] == {}
    grants = tables["public.after"]["grants"]
    assert set(grants) == {"anon", "authenticated", "service_role"}
    assert {"select", "insert", "update", "delete"} <= set(grants["anon"])


def test_service_role_bypasses_rls(notes: Connection) -> None:
    with as_role(notes, "service_role"):
        assert bodies(notes) == ["alice 1", "bob 1"]


def test_as_role_rolls_back_on_error(notes: Connection) -> None:
    with pytest.raises(errors.InsufficientPrivilege), as_role(notes, "anon"):
        notes.execute("DELETE FROM public.notes")
    assert notes.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert notes.execute("SELECT current_user").fetchone() == ("postgres",)


# --------------------------------------------------------------------------- introspect


SCHEMA_PARTS = {
    "enum": """
        CREATE TYPE public.note_status AS ENUM ('draft', 'published', 'archived');
        COMMENT ON TYPE public.note_status IS 'Lifecycle of a note';
    """,
    "profiles": """
        CREATE TABLE public.profiles (
            id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
            username text NOT NULL,
            status public.note_status NOT NULL DEFAULT 'draft',
            score integer,
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT profiles_username_key UNIQUE (username),
            CONSTRAINT profiles_username_length CHECK (char_length(username) >= 3)
        );
    """,
    "comments": """
        COMMENT ON TABLE public.profiles IS 'Public profile of a user';
        COMMENT ON COLUMN public.profiles.username IS 'Unique handle';
    """,
    "indexes": """
        CREATE INDEX profiles_created_at_idx ON public.profiles (created_at);
        CREATE INDEX profiles_active_idx ON public.profiles (score) WHERE status <> 'archived';
    """,
    "rls": """
        ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
        CREATE POLICY profiles_update_own ON public.profiles FOR UPDATE
            TO authenticated, anon USING (id = auth.uid()) WITH CHECK (id = auth.uid());
        CREATE POLICY profiles_read ON public.profiles FOR SELECT USING (true);
    """,
    "grants": """
        GRANT SELECT ON public.profiles TO anon;
        GRANT SELECT, UPDATE ON public.profiles TO authenticated;
    """,
}

# The same schema written differently: other statement order, constraints added later.
SCHEMA_REORDERED = """
    CREATE TYPE public.note_status AS ENUM ('draft', 'archived');
    ALTER TYPE public.note_status ADD VALUE 'published' BEFORE 'archived';
    CREATE TABLE public.profiles (
        id uuid NOT NULL,
        username text NOT NULL,
        status public.note_status NOT NULL DEFAULT 'draft'::public.note_status,
        score integer,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    GRANT UPDATE ON public.profiles TO authenticated;
    CREATE INDEX profiles_active_idx ON public.profiles (score) WHERE status <> 'archived';
    COMMENT ON COLUMN public.profiles.username IS 'Unique handle';
    CREATE POLICY profiles_read ON public.profiles FOR SELECT USING (true);
    ALTER TABLE public.profiles ADD CONSTRAINT profiles_username_length
        CHECK (char_length(username) >= 3);
    ALTER TABLE public.profiles ADD CONSTRAINT profiles_id_fkey
        FOREIGN KEY (id) REFERENCES auth.users (id) ON DELETE CASCADE;
    CREATE POLICY profiles_update_own ON public.profiles FOR UPDATE
        TO anon, authenticated USING (id = auth.uid()) WITH CHECK (id = auth.uid());
    GRANT SELECT ON public.profiles TO authenticated, anon;
    ALTER TABLE public.profiles ADD CONSTRAINT profiles_username_key UNIQUE (username);
    COMMENT ON TYPE public.note_status IS 'Lifecycle of a note';
    ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
    ALTER TABLE public.profiles ADD PRIMARY KEY (id);
    CREATE INDEX profiles_created_at_idx ON public.profiles (created_at);
    COMMENT ON TABLE public.profiles IS 'Public profile of a user';
"""


def test_introspect_reports_the_schema(database_url: str) -> None:
    apply_sql(database_url, "".join(SCHEMA_PARTS.values()))
    cat = introspect(database_url)
    json.dumps(cat)  # JSON-serialisable

    assert cat["enums"] == {"public.note_status": {
        "values": ["draft", "published", "archived"], "comment": "Lifecycle of a note"}}
    t = cat["tables"]["public.profiles"]
    assert t["comment"] == "Public profile of a user"
    assert (t["rls_enabled"], t["rls_forced"]) == (True, False)

    assert [c["name"] for c in t["columns"]] == ["id", "username", "status", "score", "created_at"]
    cols = {c["name"]: c for c in t["columns"]}
    assert cols["status"] == {
        "name": "status", "type": "public.note_status", "not_null": True,
        "default": "'draft'::public.note_status", "identity": None, "generated": None,
        "generated_kind": None, "comment": None,
    }
    assert cols["username"]["comment"] == "Unique handle"
    assert cols["created_at"]["type"] == "timestamp with time zone"
    assert cols["created_at"]["default"] == "now()"
    assert (cols["score"]["not_null"], cols["score"]["default"]) == (False, None)

    cons = t["constraints"]
    assert list(cons) == sorted(cons)
    assert {name: c["type"] for name, c in cons.items()} == {
        "profiles_pkey": "p", "profiles_username_key": "u",
        "profiles_username_length": "c", "profiles_id_fkey": "f",
    }
    assert cons["profiles_pkey"]["definition"] == "PRIMARY KEY (id)"
    assert cons["profiles_username_length"]["definition"] == "CHECK ((char_length(username) >= 3))"
    fk = cons["profiles_id_fkey"]
    assert fk["references"] == {"table": "auth.users", "columns": ["id"]}
    assert (fk["columns"], fk["on_delete"], fk["on_update"]) == (["id"], "cascade", "no action")
    assert fk["definition"] == "FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE"

    idx = t["indexes"]
    assert set(idx) == {"profiles_pkey", "profiles_username_key", "profiles_created_at_idx",
                        "profiles_active_idx"}
    assert idx["profiles_pkey"]["primary"] and idx["profiles_pkey"]["constraint"] == "profiles_pkey"
    assert idx["profiles_username_key"]["unique"]
    assert idx["profiles_created_at_idx"] == {
        "definition": "CREATE INDEX profiles_created_at_idx ON public.profiles "
                      "USING btree (created_at)",
        "unique": False, "primary": False, "predicate": None, "constraint": None, "comment": None,
    }
    assert idx["profiles_active_idx"]["predicate"] == "(status <> 'archived'::public.note_status)"

    assert t["policies"] == {
        "profiles_read": {"permissive": "permissive", "cmd": "select", "roles": ["public"],
                          "qual": "true", "with_check": None, "comment": None},
        "profiles_update_own": {"permissive": "permissive", "cmd": "update",
                                "roles": ["anon", "authenticated"], "qual": "(id = auth.uid())",
                                "with_check": "(id = auth.uid())", "comment": None},
    }
    assert t["grants"] == {"anon": ["select"], "authenticated": ["select", "update"]}
    assert t["triggers"] == {}


def test_introspect_is_independent_of_creation_order(
    pg_server: DatabaseServer, database_url: str
) -> None:
    apply_sql(database_url, "".join(SCHEMA_PARTS.values()))
    with pg_server.fresh_database() as other:
        apply_sql(other, SCHEMA_REORDERED)
        first, second = introspect(database_url), introspect(other)
        assert diff(first, second) == []
        assert first == second
        assert json.dumps(first, sort_keys=False) == json.dumps(second, sort_keys=False)

        apply_sql(other, """
            ALTER TABLE public.profiles ALTER COLUMN score SET DEFAULT 0;
            REVOKE UPDATE ON public.profiles FROM authenticated;
        """)
        assert diff(first, introspect(other)) == [
            "tables.public.profiles.columns[3].default: None != '0'",
            "tables.public.profiles.grants.authenticated: ['select', 'update'] != ['select']",
        ]


def test_introspect_column_order_matters(pg_server: DatabaseServer, database_url: str) -> None:
    apply_sql(database_url, "CREATE TABLE t (a int, b text);")
    with pg_server.fresh_database() as other:
        apply_sql(other, "CREATE TABLE t (b text, a int);")
        assert introspect(database_url) != introspect(other)


def test_introspect_identity_generated_and_other_objects(db_conn: Connection) -> None:
    apply_sql(db_conn, """
        CREATE TABLE items (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            price numeric(10, 2) NOT NULL,
            doubled numeric GENERATED ALWAYS AS (price * 2) STORED,
            tags text[] NOT NULL DEFAULT '{}'
        );
        ALTER TABLE items FORCE ROW LEVEL SECURITY;
        CREATE VIEW cheap AS SELECT id FROM items WHERE price < 1;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
        GRANT SELECT ON items TO service_role WITH GRANT OPTION;
    """)
    cat = introspect(db_conn)
    t = cat["tables"]["public.items"]
    cols = {c["name"]: c for c in t["columns"]}
    assert (cols["id"]["type"], cols["id"]["identity"]) == ("bigint", "by_default")
    assert cols["price"]["type"] == "numeric(10,2)"
    assert (cols["doubled"]["generated"], cols["doubled"]["generated_kind"]) == \
        ("(price * (2)::numeric)", "stored")
    assert (cols["tags"]["type"], cols["tags"]["default"]) == ("text[]", "'{}'::text[]")
    assert t["rls_forced"] and not t["rls_enabled"]
    assert t["grants"] == {"service_role": ["select*"]}
    assert list(t["triggers"]) == ["items_touch"]
    assert cat["sequences"] == ["public.items_id_seq"]
    assert list(cat["views"]) == ["public.cheap"]
    assert cat["functions"] == {"public.touch()": {
        "returns": "trigger", "kind": "f", "arguments": "", "language": "plpgsql",
        "volatility": "v", "strict": False, "security_definer": False, "config": [],
        "source": " BEGIN RETURN NEW; END ", "comment": None, "execute": ["public=execute"]}}
