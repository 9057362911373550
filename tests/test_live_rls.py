"""RLS tests declared in the spec (``tests:``) and run by `codegen verify`: they pass when
the policies do what the spec says, and fail, naming the test's file:line and what
happened instead, when a policy is weakened by hand or a test expects the wrong thing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.postgres import DatabaseServer
from test_cli import run

from codegen.live.server import SERVER_ENV

SPEC = Path(__file__).parent / "live" / "user_management.yaml"
# A function the spec declares, called as an RPC by a test.
RPC = """\
functions:
  username_taken:
    args: {name: text}
    returns: boolean
    language: sql
    volatility: stable
    body: select exists (select from public.profiles where username = name)
    execute: [anon, authenticated]
"""
RPC_TEST = """\
      - name: the username check sees every profile
        as: anon
        given:
          auth.users: [{id: "00000000-0000-0000-0000-00000000a11c", email: alice@example.com}]
          profiles: [{id: "00000000-0000-0000-0000-00000000a11c", username: alice}]
        call: {function: username_taken, args: {name: alice}}
        expect: {rows: [{username_taken: true}]}
"""


@pytest.fixture(autouse=True)
def scratch_on_session_server(pg_server: DatabaseServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVER_ENV, pg_server.url)


def project_with_tests(tmp_path: Path, extra_tests: str = "") -> Path:
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.codegen]\nmigrations = \"supabase/migrations\"\n")
    (tmp_path / "schema").mkdir()
    shutil.copy(SPEC, tmp_path / "schema/app.yaml")
    spec = tmp_path / "schema/app.yaml"
    spec.write_text(spec.read_text().replace("../../schema/spec.schema.json", "spec.schema.json")
                    + extra_tests)
    generated = run(tmp_path, "generate")
    assert generated.exit_code == 0, generated.output
    return tmp_path


def test_declared_tests_pass(tmp_path: Path) -> None:
    project = project_with_tests(tmp_path, RPC_TEST + RPC)
    result = run(project, "verify")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "ok: the migrations (1 applied in order) produce the spec exactly (1 table, 0 enums, "
        "1 function); "
        "6 RLS tests passed\n")


def test_policy_weakened_by_hand_fails_the_tests(tmp_path: Path) -> None:
    project = project_with_tests(tmp_path)
    (project / "supabase/migrations/002_open_inserts.sql").write_text(
        'alter policy "Users can insert their own profile." on public.profiles '
        "with check (true);\n")
    result = run(project, "verify")
    assert result.exit_code == 1
    lines = SPEC.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "nobody creates someone else's" in text)
    assert (f"schema/app.yaml:{line}:9: test \"nobody creates someone else's profile\" on "
            "public.profiles as authenticated: expected error 42501, but it succeeded with "
            "1 row(s)\n") in result.output
    assert "~ policy" not in result.output  # the difference is reported as such too:
    assert "differs (database → spec): policy \"Users can insert their own profile.\"" \
        in result.output
    assert "1 difference between the migrations (2 applied in order) and the spec; 5 RLS " \
        "tests, 1 failed" in result.output


def test_wrong_expectations_say_what_happened(tmp_path: Path) -> None:
    project = project_with_tests(tmp_path, """\
      - name: anon sees nobody
        as: anon
        given:
          auth.users: [{id: "00000000-0000-0000-0000-00000000a11c", email: alice@example.com}]
          profiles: [{id: "00000000-0000-0000-0000-00000000a11c", username: alice}]
        select: {columns: [username]}
        expect: {count: 0}
      - name: anon may insert
        as: anon
        insert: {id: "00000000-0000-0000-0000-00000000a11c"}
        expect: {count: 1}
      - name: the fixtures are wrong
        as: anon
        given:
          profiles: [{id: "00000000-0000-0000-0000-00000000a11c", username: alice}]
        select: {}
        expect: {count: 1}
""")
    result = run(project, "verify")
    assert result.exit_code == 1
    assert ('test "anon sees nobody" on public.profiles as anon: expected 0 row(s), got 1 '
            'row(s): [{"username": "alice"}]\n') in result.output
    assert ('test "anon may insert" on public.profiles as anon: expected 1 row(s), but it was '
            "refused: 42501 permission denied for table profiles\n") in result.output
    assert ('test "the fixtures are wrong" on public.profiles as anon: its fixture rows could '
            'not be inserted: 23503 insert or update on table "profiles" violates foreign key '
            'constraint "profiles_id_fkey"\n') in result.output
    assert "8 RLS tests, 3 failed" in result.output
