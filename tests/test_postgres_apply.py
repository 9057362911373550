"""Meaning, on a real PostgreSQL: generated migrations apply, create exactly what the spec
says, and the row level security policies behave as Supabase users expect."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import psycopg
import pytest
from support.catalog import diff, introspect
from support.pgvector import has_pgvector, without_pgvector
from support.postgres import Connection, apply_sql, as_role, connect
from support.spec_catalog import actual_facts, expected_facts
from test_golden_cases import CASES, CASES_DIR, case_schema, full_migration

from codegen.project import load_schema
from codegen.schema import ir


def _schemas_of(schema: ir.Schema) -> tuple[str, ...]:
    return tuple(sorted({t.name.schema for t in schema.tables} | {e.name.schema for e in schema.enums}
                        | {f.name.schema for f in schema.functions}
                        | {n.name for n in schema.namespaces}))


def _case_for_server(name: str, url: str) -> ir.Schema:
    """The golden case, its vector column an ltree where the server has no pgvector."""
    if name == "functions" and not has_pgvector(url):
        return load_schema({"app.yaml": without_pgvector(
            (CASES_DIR / name / "schema" / "app.yaml").read_text())})
    return case_schema(name)


@pytest.mark.parametrize("name", CASES)
def test_migration_applies_and_matches_spec(database_url: str, name: str) -> None:
    schema = _case_for_server(name, database_url)
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as conn:
        version = conn.info.server_version
        catalog = introspect(conn, schemas=_schemas_of(schema))
    expected = expected_facts(schema, version)
    actual = actual_facts(catalog, schema)
    assert diff(actual, expected) == []


@pytest.mark.parametrize("name", CASES)
def test_migration_applied_twice_fails_cleanly(database_url: str, name: str) -> None:
    """A migration is not idempotent by accident: re-running it must fail, not half-apply."""
    migration = full_migration(_case_for_server(name, database_url))
    apply_sql(database_url, migration)
    with pytest.raises(Exception, match="already exists"):
        apply_sql(database_url, migration)


def test_seed_defaults_are_the_spec_defaults(database_url: str) -> None:
    schema = case_schema("seed")
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as conn:
        conn.execute("insert into public.test_runs (test_type) values ('load')")
        row = conn.execute("select status, configuration, results, id, created_at "
                           "from public.test_runs").fetchone()
    assert row is not None
    status, configuration, results, run_id, created_at = row
    assert status == "pending" and configuration == {} and results is None
    assert isinstance(run_id, uuid.UUID) and created_at.tzinfo is not None


# -- the seed's policies, as Supabase's roles ---------------------------------------------------

ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")
BOB = uuid.UUID("00000000-0000-0000-0000-000000000b0b")


@pytest.fixture
def seed_db(database_url: str) -> Connection:
    apply_sql(database_url, full_migration(case_schema("seed")))
    conn = connect(database_url)
    for user in (ALICE, BOB):
        conn.execute("insert into auth.users (id, email) values (%s, %s)", (user, f"{user}@x.io"))
    conn.execute("insert into public.audit_logs (user_id, action, resource_type) "
                 "values (%s, 'seeded', 'project')", (BOB,))
    return conn


def _claims(user: uuid.UUID) -> dict[str, str]:
    return {"sub": str(user), "role": "authenticated"}


def test_authenticated_user_reads_audit_logs(seed_db: Connection) -> None:
    with as_role(seed_db, "authenticated", _claims(ALICE)) as cur:
        rows = cur.execute("select action from public.audit_logs").fetchall()
    assert rows == [("seeded",)]


def test_authenticated_user_inserts_own_audit_log(seed_db: Connection) -> None:
    with as_role(seed_db, "authenticated", _claims(ALICE), commit=True) as cur:
        cur.execute("insert into public.audit_logs (user_id, action, resource_type, details) "
                    "values (%s, 'login', 'session', %s)", (ALICE, json.dumps({"ip": "::1"})))
    count = seed_db.execute("select count(*) from public.audit_logs where user_id = %s",
                            (ALICE,)).fetchone()
    assert count == (1,)


def test_authenticated_user_cannot_insert_for_another_user(seed_db: Connection) -> None:
    with (pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
          as_role(seed_db, "authenticated", _claims(ALICE)) as cur):
        cur.execute("insert into public.audit_logs (user_id, action, resource_type) "
                    "values (%s, 'forged', 'project')", (BOB,))


def test_authenticated_user_cannot_update_or_delete(seed_db: Connection) -> None:
    for statement in ("update public.audit_logs set action = 'x'", "delete from public.audit_logs"):
        with (pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"),
              as_role(seed_db, "authenticated", _claims(BOB)) as cur):
            cur.execute(statement)


def test_anon_reads_nothing(seed_db: Connection) -> None:
    for table in ("audit_logs", "test_runs"):
        with (pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"),
              as_role(seed_db, "anon") as cur):
            cur.execute(f"select * from public.{table}")


def test_anon_reads_nothing_even_with_supabase_default_grants(database_url: str) -> None:
    """Real Supabase projects grant every public table to anon; RLS must still hide the rows."""
    from support.postgres import SUPABASE_DEFAULT_PRIVILEGES_SQL

    apply_sql(database_url, SUPABASE_DEFAULT_PRIVILEGES_SQL)
    apply_sql(database_url, full_migration(case_schema("seed")))
    with connect(database_url) as conn:
        conn.execute("insert into public.test_runs (test_type) values ('e2e')")
        conn.execute("insert into public.audit_logs (action, resource_type) values ('a', 'b')")
        with as_role(conn, "anon") as cur:
            assert cur.execute("select count(*) from public.audit_logs").fetchone() == (0,)
            assert cur.execute("select count(*) from public.test_runs").fetchone() == (0,)


def test_service_role_inserts_test_runs(seed_db: Connection) -> None:
    with as_role(seed_db, "service_role", {"role": "service_role"}, commit=True) as cur:
        cur.execute("insert into public.test_runs (test_type, status, results) "
                    "values ('load', 'passed', '{\"p95_ms\": 120}')")
    with as_role(seed_db, "authenticated", _claims(ALICE)) as cur:
        rows = cur.execute("select test_type, status from public.test_runs").fetchall()
    assert rows == [("load", "passed")]


def test_authenticated_user_cannot_insert_test_runs(seed_db: Connection) -> None:
    with (pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"),
          as_role(seed_db, "authenticated", _claims(ALICE)) as cur):
        cur.execute("insert into public.test_runs (test_type) values ('sneaky')")


def test_enum_rejects_unknown_status(seed_db: Connection) -> None:
    with pytest.raises(psycopg.errors.InvalidTextRepresentation):
        seed_db.execute("insert into public.test_runs (test_type, status) values ('x', 'done')")


def test_deleting_a_user_keeps_their_audit_logs(seed_db: Connection) -> None:
    seed_db.execute("delete from auth.users where id = %s", (BOB,))
    assert seed_db.execute("select user_id from public.audit_logs").fetchall() == [(None,)]


# -- the kitchen sink's policies and constraints behave too --------------------------------------

def test_kitchen_sink_constraints_hold(database_url: str) -> None:
    apply_sql(database_url, full_migration(case_schema("kitchen_sink")))
    with connect(database_url) as conn:
        conn.execute("insert into auth.users (id) values (%s)", (ALICE,))
        team = conn.execute("insert into public.teams (name, slug) values ('Core', 'core') "
                            "returning id").fetchone()
        assert team is not None
        with pytest.raises(psycopg.errors.UniqueViolation):  # citext: case-insensitive unique
            conn.execute("insert into public.teams (name, slug) values ('CORE', 'core-2')")
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("insert into public.teams (name, slug) values ('Other', 'Not A Slug')")
        with pytest.raises(psycopg.errors.GeneratedAlways):
            conn.execute("insert into public.teams (id, name, slug) values (99, 'x', 'x')")
        conn.execute("insert into public.memberships (team_id, user_id, role) values (%s, %s, "
                     "'owner')", (team[0], ALICE))
        item = conn.execute("insert into public.items (team_id, owner_id, title, code) values "
                            "(%s, %s, 'First', 'abc') returning priority, history, attributes, "
                            "tags, price", (team[0], ALICE)).fetchone()
        assert item is not None
        assert item[:4] == ("normal", "{low,\"won't fix\"}", {"labels": [], "flags": {"pinned": False}}, [])
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("insert into public.items (team_id, title, code, price) values "
                         "(%s, 'Neg', 'xyz', -1)", (team[0],))
        conn.execute("delete from public.teams")  # cascades to memberships
        assert conn.execute("select count(*) from public.memberships").fetchone() == (0,)


# -- concurrent index builds ----------------------------------------------------------------------

def test_concurrent_indexes_go_in_a_file_of_their_own(tmp_path: Path, database_url: str) -> None:
    from pglast import parser
    from test_cli import make_project, run

    project = make_project(tmp_path)
    assert run(project, "generate").exit_code == 0
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace(
        "      - {columns: [created_at]}\n",
        "      - {columns: [created_at]}\n      - {columns: [action]}\n").replace(
        "      resource_id: text?\n", "      resource_id: text?\n      source: text?\n"))
    lint = run(project, "lint", "--migration-only")
    assert "index_not_concurrent" in lint.output
    assert "index_not_concurrent" not in run(project, "lint", "--migration-only",
                                             "--concurrent-indexes").output
    result = run(project, "generate", "--name", "more", "--concurrent-indexes")
    assert result.exit_code == 0, result.output
    folder = project / "generated/migrations"
    main = (folder / "002_more.sql").read_text()
    concurrent = (folder / "003_more_concurrent_indexes.sql").read_text()
    assert "ADD COLUMN source text;" in main and "CREATE INDEX" not in main
    assert "CREATE INDEX CONCURRENTLY audit_logs_action_idx ON public.audit_logs(action);" \
        in concurrent
    assert run(project, "check").exit_code == 0
    apply_sql(database_url, (folder / "001_robustness.sql").read_text())
    apply_sql(database_url, main)
    with connect(database_url) as conn:  # autocommit: each statement on its own, as Supabase does
        for statement in parser.split(concurrent, with_parser=True):
            conn.execute(statement)
        valid = conn.execute("select indisvalid from pg_index where indexrelid = "
                             "'public.audit_logs_action_idx'::regclass").fetchone()
    assert valid == (True,)


# -- constraints validated after their ADD has committed -----------------------------------------

def test_constraint_validations_go_in_a_file_of_their_own(tmp_path: Path,
                                                           database_url: str) -> None:
    from pglast import parser
    from test_cli import make_project, run

    project = make_project(tmp_path)
    assert run(project, "generate").exit_code == 0
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace(
        "    indexes:\n      - {columns: [user_id, created_at]}\n",
        "    checks:\n      action_not_empty: \"action <> ''\"\n"
        "    indexes:\n      - {columns: [user_id, created_at]}\n", 1))
    result = run(project, "generate", "--name", "checked")
    assert result.exit_code == 0, result.output
    folder = project / "generated/migrations"
    main = (folder / "002_checked.sql").read_text()
    validate = (folder / "003_checked_validate_constraints.sql").read_text()
    assert [s.strip() for s in parser.split(main)][-1:] == [
        ("ALTER TABLE public.audit_logs ADD CONSTRAINT action_not_empty CHECK (action <> '') "
         "NOT VALID")]
    assert [s.strip() for s in parser.split(validate)] == [
        "ALTER TABLE public.audit_logs VALIDATE CONSTRAINT action_not_empty"]
    assert run(project, "check").exit_code == 0

    # Each file in a transaction of its own, as Supabase runs them, over a row that exists.
    apply_sql(database_url, (folder / "001_robustness.sql").read_text())
    with connect(database_url) as conn:
        conn.execute("insert into public.audit_logs (action, resource_type) values ('a', 'b')")
    apply_sql(database_url, main)
    with connect(database_url) as conn:
        assert conn.execute("select convalidated from pg_constraint "
                            "where conname = 'action_not_empty'").fetchone() == (False,)
    apply_sql(database_url, validate)
    with connect(database_url) as conn:
        assert conn.execute("select convalidated from pg_constraint "
                            "where conname = 'action_not_empty'").fetchone() == (True,)

    # The split file is part of the reproducible history: a hand edit shows as one.
    (folder / "003_checked_validate_constraints.sql").write_text(validate.replace(
        "VALIDATE CONSTRAINT", "VALIDATE CONSTRAINT /* later */"))
    edited = run(project, "check")
    assert edited.exit_code == 1
    assert "003_checked_validate_constraints.sql: generated migration was edited by hand" \
        in edited.output
    assert "+ALTER TABLE public.audit_logs VALIDATE CONSTRAINT action_not_empty;" in edited.output
