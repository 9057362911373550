"""The view and storage lint rules on PostgreSQL: what the failing case lets a role do and
the passing case does not (tests/lint/<rule>/{fail,pass}.yaml)."""

from __future__ import annotations

import psycopg
import pytest
from support.postgres import Connection, as_role
from test_lint_postgres import ALICE, BOB, add_notes, apply_case, conn

__all__ = ["conn"]  # the fixture, shared


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_security_definer_view_shows_every_row(conn: Connection, kind: str) -> None:
    apply_case(conn, "security_definer_view", kind)
    add_notes(conn)
    with as_role(conn, "authenticated", {"sub": str(ALICE)}) as c:
        seen = {row[0] for row in c.execute("select user_id from public.note_bodies")}
    assert seen == ({ALICE, BOB} if kind == "fail" else {ALICE})
    if kind == "pass":  # anon holds no grant on notes: the invoker's rights apply
        with pytest.raises(psycopg.errors.InsufficientPrivilege), as_role(conn, "anon") as c:
            c.execute("select * from public.note_bodies")


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_materialized_view_in_api_is_read_whole(conn: Connection, kind: str) -> None:
    apply_case(conn, "materialized_view_in_api", kind)
    conn.execute("insert into public.scores (player, points) values ('ann', 3), ('bo', 5)")
    schema = "public" if kind == "fail" else "private"
    conn.execute(f"refresh materialized view {schema}.top_scores")
    if kind == "fail":
        with as_role(conn, "anon") as c:
            assert c.execute("select count(*) from public.top_scores").fetchone() == (2,)
        return
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_role(conn, "anon") as c:
        c.execute("select count(*) from private.top_scores")


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_storage_anon_write_uploads_without_signing_in(conn: Connection, kind: str) -> None:
    apply_case(conn, "storage_anon_write", kind)
    upload = "insert into storage.objects (bucket_id, name) values ('avatars', 'x/evil.png')"
    if kind == "fail":
        with as_role(conn, "anon") as c:
            assert c.execute(upload).rowcount == 1
        return
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_role(conn, "anon") as c:
        c.execute(upload)


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_auth_users_exposed_through_a_view(conn: Connection, kind: str) -> None:
    apply_case(conn, "auth_users_exposed", kind)
    if kind == "fail":
        with as_role(conn, "anon") as c:
            emails = {row[0] for row in c.execute("select email from public.member_emails")}
        assert emails == {f"{ALICE}@example.com", f"{BOB}@example.com"}
        return
    with pytest.raises(psycopg.errors.UndefinedTable), as_role(conn, "anon") as c:
        c.execute("select email from public.member_emails")
