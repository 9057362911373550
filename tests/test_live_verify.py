"""`codegen verify` end to end: the migrations of a project applied to a scratch database
and compared with the spec; an existing database checked read-only; bad input.

The scratch server is the test session's (``CODEGEN_SERVER_URL``), so these run on
PostgreSQL 15 too; tests/test_live_server.py covers the cached embedded server itself.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
from support.postgres import DatabaseServer, apply_sql, connect
from test_cli import REPO, run

from codegen.live import connection
from codegen.live.connection import check_server_version
from codegen.live.errors import LiveError, mask_url
from codegen.live.server import SERVER_ENV


@pytest.fixture(autouse=True)
def scratch_on_session_server(pg_server: DatabaseServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVER_ENV, pg_server.url)
    monkeypatch.delenv("CODEGEN_DATABASE_URL", raising=False)


def seed_project(tmp_path: Path) -> Path:
    project = tmp_path / "seed"
    shutil.copytree(REPO / "schema", project / "schema")
    shutil.copytree(REPO / "generated", project / "generated")
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    return project


def migration(project: Path) -> Path:
    return next((project / "generated/migrations").glob("*_robustness.sql"))


def spec_line(project: Path, text: str) -> int:
    lines = (project / "schema/robustness.yaml").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_clean_project_verifies(tmp_path: Path) -> None:
    result = run(seed_project(tmp_path), "verify")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: the migrations (1 applied in order) produce the spec "
                                    "exactly (2 tables, 1 enum)")


def test_column_added_by_hand(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    path = migration(project)
    path.write_text(path.read_text() + "ALTER TABLE public.audit_logs ADD COLUMN note text;\n")
    result = run(project, "verify")
    assert result.exit_code == 1
    line = spec_line(project, "audit_logs:")
    assert (f"schema/robustness.yaml:{line}:3: not in the spec: column public.audit_logs.note\n"
            in result.output)
    assert "1 difference between the migrations (1 applied in order) and the spec" \
        in result.output


def test_policy_dropped_by_hand(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    path = migration(project)
    path.write_text(path.read_text() + 'DROP POLICY "Authenticated users can read test runs" '
                    "ON public.test_runs;\n")
    result = run(project, "verify")
    assert result.exit_code == 1
    line = spec_line(project, "name: Authenticated users can read test runs")
    assert (f"schema/robustness.yaml:{line}:9: missing from the database: policy "
            '"Authenticated users can read test runs" on public.test_runs\n') in result.output


def test_migration_edited_to_produce_another_type(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    path = migration(project)
    text = path.read_text()
    assert "  test_type text NOT NULL," in text
    path.write_text(text.replace("  test_type text NOT NULL,", "  test_type varchar(20) NOT NULL,"))
    result = run(project, "verify", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    line = spec_line(project, "test_type:")
    assert report["differences"] == [{
        "file": "schema/robustness.yaml", "line": line, "column": 7,
        "message": "differs (database → spec): column public.test_runs.test_type: "
                   "varchar(20) → text"}]


def test_failing_migration_is_reported(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    path = migration(project)
    path.write_text(path.read_text() + "\nALTER TABLE public.nowhere ADD COLUMN x int;\n")
    result = run(project, "verify")
    assert result.exit_code == 1
    assert re.search(r"migration failed: generated/migrations/001_robustness.sql:\d+: 42P01: "
                     r'relation "public.nowhere" does not exist', result.output)


def test_invalid_spec_exits_2(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace("type: uuid, primary_key", "type: uuidd, primary_key", 1))
    result = run(project, "verify")
    assert result.exit_code == 2 and "error[E231]" in result.output


# -- an existing database: drift made by hand -------------------------------------------------


def _seed_database(project: Path, url: str) -> None:
    apply_sql(url, migration(project).read_text())


def test_database_url_matches_then_catches_drift_read_only(tmp_path: Path,
                                                           database_url: str) -> None:
    project = seed_project(tmp_path)
    _seed_database(project, database_url)
    clean = run(project, "verify", "--database-url", database_url)
    assert clean.exit_code == 0, clean.output
    assert "ok: the database matches the spec exactly (2 tables, 1 enum)" in clean.output
    with connect(database_url) as conn:
        conn.execute("ALTER TABLE public.test_runs ADD COLUMN priority int")
        conn.execute('DROP POLICY "Users can insert their own audit logs" ON public.audit_logs')
        conn.execute("ALTER TABLE public.audit_logs ALTER COLUMN action DROP NOT NULL")
        before = conn.execute("SELECT xact_commit FROM pg_stat_database "
                              "WHERE datname = current_database()").fetchone()
    drift = run(project, "verify", "--database-url", database_url)
    assert drift.exit_code == 1
    assert "not in the spec: column public.test_runs.priority" in drift.output
    assert ('missing from the database: policy "Users can insert their own audit logs" on '
            "public.audit_logs") in drift.output
    assert "differs (database → spec): column public.audit_logs.action: set not null" \
        in drift.output
    assert "3 differences between the database and the spec" in drift.output
    with connect(database_url) as conn:  # nothing was committed there by verify
        after = conn.execute("SELECT xact_commit FROM pg_stat_database "
                             "WHERE datname = current_database()").fetchone()
        columns = conn.execute("SELECT count(*) FROM information_schema.columns "
                               "WHERE table_name = 'test_runs'").fetchone()
    assert before is not None and after is not None and columns == (7,)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_database_is_one_line_without_the_password(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    url = f"postgresql://app:s3cr3t-pw@127.0.0.1:{_closed_port()}/postgres"
    result = run(project, "verify", "--database-url", url)
    assert result.exit_code == 2
    assert "s3cr3t-pw" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: cannot connect to {mask_url(url)}: "), result.output
    assert "app:***@127.0.0.1" in lines[0]


def test_role_that_may_not_log_in(tmp_path: Path, database_url: str) -> None:
    project = seed_project(tmp_path)
    with connect(database_url) as conn:
        conn.execute("DROP ROLE IF EXISTS codegen_nologin")
        conn.execute("CREATE ROLE codegen_nologin NOLOGIN PASSWORD 'hunter2-secret'")
    try:
        url = re.sub(r"//[^@/]*@", "//codegen_nologin:hunter2-secret@", database_url)
        if "codegen_nologin" not in url:
            url = url.replace("://", "://codegen_nologin:hunter2-secret@", 1)
        result = run(project, "verify", "--database-url", url)
        assert result.exit_code == 2
        assert "hunter2-secret" not in result.output
        assert 'role "codegen_nologin" is not permitted to log in' in result.output
        assert len(result.output.strip().splitlines()) == 1
    finally:
        with connect(database_url) as conn:
            conn.execute("DROP ROLE codegen_nologin")


def test_mask_url_forms() -> None:
    assert mask_url("postgresql://u:p%40ss@db.example.com:6543/postgres?sslmode=require") == \
        "postgresql://u:***@db.example.com:6543/postgres?sslmode=require"
    assert mask_url("host=x user=u password='a b' dbname=d") == "host=x user=u password=*** dbname=d"
    assert mask_url("postgresql://u@host/db") == "postgresql://u@host/db"


def test_role_without_catalog_privileges(tmp_path: Path, database_url: str) -> None:
    project = seed_project(tmp_path)
    _seed_database(project, database_url)
    with connect(database_url) as conn:
        conn.execute("DROP ROLE IF EXISTS codegen_reader")
        conn.execute("CREATE ROLE codegen_reader LOGIN PASSWORD 'reader-secret'")
        conn.execute("REVOKE SELECT ON pg_catalog.pg_policy FROM PUBLIC")  # this database only
    try:
        url = re.sub(r"//[^@/]*@", "//codegen_reader:reader-secret@", database_url)
        result = run(project, "verify", "--database-url", url)
        assert result.exit_code == 2
        assert "reader-secret" not in result.output
        [line] = result.output.strip().splitlines()
        assert line.startswith("error: postgresql://codegen_reader:***@")
        assert "permission denied for table pg_policy (does the role have USAGE on the schema " \
            "and may it read pg_catalog?)" in line
    finally:
        with connect(database_url) as conn:
            conn.execute("GRANT SELECT ON pg_catalog.pg_policy TO PUBLIC")
            conn.execute("DROP ROLE codegen_reader")


def test_pull_from_an_unreachable_database_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.codegen]\n")
    url = f"postgresql://app:pw-123456@127.0.0.1:{_closed_port()}/postgres"
    result = run(project, "pull", "--database-url", url)
    assert result.exit_code == 2 and "pw-123456" not in result.output
    assert result.output.startswith("error: cannot connect to postgresql://app:***@127.0.0.1:")
    assert sorted(p.name for p in project.iterdir()) == ["pyproject.toml"]


def test_wrong_password_is_one_line_without_it(tmp_path: Path, database_url: str) -> None:
    """The server asks this one role for a password (two lines put first in pg_hba.conf for
    the test, removed afterwards); the wrong one is refused, and never printed."""
    project = seed_project(tmp_path)
    with connect(database_url) as conn:
        hba_row = conn.execute("SHOW hba_file").fetchone()
        assert hba_row is not None
        hba = str(hba_row[0])
        original = conn.execute("SELECT pg_read_file(%s)", (hba,)).fetchone()
        assert original is not None
        conn.execute("DROP ROLE IF EXISTS codegen_pw")
        conn.execute("CREATE ROLE codegen_pw LOGIN PASSWORD 'the-right-one'")
        rules = ("local all codegen_pw scram-sha-256\n"
                 "host all codegen_pw 127.0.0.1/32 scram-sha-256\n")
        _write_server_file(conn, hba, rules + str(original[0]))
    try:
        url = re.sub(r"//[^@/]*@", "//codegen_pw:not-the-right-one@", database_url)
        result = run(project, "verify", "--database-url", url)
        assert result.exit_code == 2
        assert "not-the-right-one" not in result.output
        [line] = result.output.strip().splitlines()
        assert line.startswith("error: cannot connect to postgresql://codegen_pw:***@")
        assert 'password authentication failed for user "codegen_pw"' in line
    finally:
        with connect(database_url) as conn:
            _write_server_file(conn, hba, str(original[0]))
            conn.execute("DROP ROLE codegen_pw")


def _write_server_file(conn: Any, path: str, text: str) -> None:
    """Write a server-side file through COPY, one row per line (tabs become spaces, which
    pg_hba.conf reads alike; COPY's text format would escape them)."""
    lines = [line.replace("\t", " ") for line in text.splitlines()]
    assert not any("\\" in line for line in lines)
    conn.execute("CREATE TEMP TABLE hba_text (n int, line text)")
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO hba_text VALUES (%s, %s)", list(enumerate(lines)))
    conn.execute(f"COPY (SELECT line FROM hba_text ORDER BY n) TO '{path}'")
    conn.execute("DROP TABLE hba_text")
    conn.execute("SELECT pg_reload_conf()")


def test_check_and_grant_changed_by_hand(tmp_path: Path, database_url: str) -> None:
    project = seed_project(tmp_path)
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace(
        "      test_type: {type: text,",
        "      test_type: {type: text, check: length(test_type) > 0,"))
    assert run(project, "generate", "--name", "check_test_type").exit_code == 0
    for path in sorted((project / "generated/migrations").glob("*.sql")):
        apply_sql(database_url, path.read_text())
    with connect(database_url) as conn:
        conn.execute("ALTER TABLE public.test_runs DROP CONSTRAINT test_runs_test_type_check, "
                     "ADD CONSTRAINT test_runs_test_type_check CHECK (length(test_type) > 1)")
        conn.execute("GRANT DELETE ON public.test_runs TO anon")
    result = run(project, "verify", "--database-url", database_url)
    assert result.exit_code == 1
    line = spec_line(project, "test_type:")
    column = spec.read_text().splitlines()[line - 1].index("length(test_type)") + 1
    assert result.output.splitlines()[:2] == [
        (f"schema/robustness.yaml:{line}:{column}: differs (database → spec): constraint "
        "test_runs_test_type_check on public.test_runs: expression (length(test_type) > 1) → "
        "(length(test_type) > 0)"),
        (f"schema/robustness.yaml:{spec_line(project, 'test_runs:')}:3: not in the spec: "
        "grant delete on public.test_runs to anon"),
    ]


def test_no_migrations_yet(tmp_path: Path) -> None:
    project = seed_project(tmp_path)
    for path in (project / "generated/migrations").glob("*.sql"):
        path.unlink()
    result = run(project, "verify")
    assert result.exit_code == 1
    assert "missing from the database: table public.audit_logs (7 columns)" in result.output
    assert result.output.endswith("no migration files yet: `codegen generate` writes the first "
                                  "one\n")


# -- a server older than PostgreSQL 14 ----------------------------------------------------


def test_server_version_check() -> None:
    url = "postgresql://app:old-pw@db.example.com:5432/postgres"
    with pytest.raises(LiveError) as refused:
        check_server_version(130011, "13.11", url)
    assert str(refused.value) == ("postgresql://app:***@db.example.com:5432/postgres runs "
                                  "PostgreSQL 13.11; codegen needs 14 or newer")
    with pytest.raises(LiveError, match=r"runs PostgreSQL 139999; codegen needs 14 or newer"):
        check_server_version(139999, None, url)
    check_server_version(140000, "14.0", url)
    check_server_version(180001, "18.1", url)


@pytest.mark.parametrize("command", ["verify", "pull"])
def test_too_old_server_is_one_line_exit_2_nothing_written(
        tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """No PostgreSQL 13 here: the test server is made too old by raising the minimum above
    its version; the command line must then say so on one line, without the password."""
    with connect(database_url) as conn:
        version = int(conn.info.server_version)
        shown = conn.info.parameter_status("server_version")
    monkeypatch.setattr(connection, "MINIMUM_SERVER", (version // 10000 + 1) * 10000)
    url = re.sub(r"//([^@/:]*)(:[^@/]*)?@", r"//\1:old-server-pw@", database_url)
    assert "old-server-pw" in url
    project = seed_project(tmp_path) if command == "verify" else tmp_path / "empty"
    if command == "pull":
        project.mkdir()
        (project / "pyproject.toml").write_text("[tool.codegen]\n")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = run(project, command, "--database-url", url)
    assert result.exit_code == 2
    assert "old-server-pw" not in result.output
    assert result.output == (f"error: {mask_url(url)} runs PostgreSQL {shown}; codegen needs "
                             f"{version // 10000 + 1} or newer\n")
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
