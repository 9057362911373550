"""Storage on PostgreSQL (the stand-in has Supabase's storage.buckets and storage.objects):
the buckets are the spec's rows, their upsert runs again harmlessly and adopts a bucket made
by hand, and the policies of the storage case decide, per role, who reads and writes which
object."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from support.postgres import Connection, apply_sql, as_role, connect
from test_golden_cases import case_schema, full_migration

from codegen.migrate.changes import UpsertBucket
from codegen.sql.render import render_statements

ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")
BOB = uuid.UUID("00000000-0000-0000-0000-000000000b0b")
OBJECTS = [  # (bucket, name, owner)
    ("avatars", f"{ALICE}/me.png", ALICE), ("avatars", f"{BOB}/me.png", BOB),
    ("documents", f"{ALICE}/cv.pdf", ALICE), ("documents", f"{BOB}/tax.pdf", BOB),
    ("exports", f"{ALICE}-2024.csv", None), ("exports", f"{BOB}-2024.csv", None),
]


@pytest.fixture
def storage(database_url: str) -> Iterator[Connection]:
    apply_sql(database_url, full_migration(case_schema("storage")))
    with connect(database_url) as conn:
        conn.execute("insert into auth.users (id) values (%s), (%s)", [ALICE, BOB])
        for bucket, name, owner in OBJECTS:
            conn.execute("insert into storage.objects (bucket_id, name, owner_id) "
                         "values (%s, %s, %s)", [bucket, name, owner and str(owner)])
        conn.commit()
        yield conn


def _names(conn: Connection) -> set[str]:
    return {r[0] + "/" + r[1] for r in conn.execute(
        "select bucket_id, name from storage.objects").fetchall()}


def test_buckets_are_the_spec_rows(storage: Connection) -> None:
    rows = storage.execute("select id, name, public, file_size_limit, allowed_mime_types "
                           "from storage.buckets order by id").fetchall()
    assert rows == [
        ("avatars", "avatars", True, 1048576, ["image/png", "image/jpeg", "image/webp"]),
        ("documents", "User documents", False, 50_000_000, None),
        ("exports", "exports", False, None, ["text/csv", "application/*"]),
    ]


def test_bucket_upsert_is_idempotent_and_adopts(storage: Connection) -> None:
    schema = case_schema("storage")
    storage.execute("update storage.buckets set public = false, name = 'x' where id = 'avatars'")
    storage.execute("delete from storage.objects where bucket_id = 'exports'")
    storage.execute("delete from storage.buckets where id = 'exports'")
    storage.commit()
    for bucket in schema.buckets:
        for statement in render_statements(UpsertBucket(bucket)):
            storage.execute(statement)
    assert storage.execute("select count(*), bool_or(public) from storage.buckets"
                           ).fetchone() == (3, True)
    assert storage.execute("select name from storage.buckets where id = 'avatars'"
                           ).fetchone() == ("avatars",)


def test_anon_reads_public_avatars_only_and_writes_nothing(storage: Connection) -> None:
    with as_role(storage, "anon"):
        assert _names(storage) == {f"avatars/{ALICE}/me.png", f"avatars/{BOB}/me.png"}
        with pytest.raises(psycopg.errors.InsufficientPrivilege), storage.transaction():
            storage.execute("insert into storage.objects (bucket_id, name) "
                            f"values ('avatars', '{ALICE}/evil.png')")
        assert storage.execute("delete from storage.objects").rowcount == 0


def test_a_user_reads_and_writes_their_own_objects(storage: Connection) -> None:
    claims = {"sub": str(ALICE)}
    with as_role(storage, "authenticated", claims):
        assert _names(storage) == {
            f"avatars/{ALICE}/me.png", f"avatars/{BOB}/me.png",
            f"documents/{ALICE}/cv.pdf", f"exports/{ALICE}-2024.csv"}
        for bucket, name in (("avatars", f"{ALICE}/new.png"), ("documents", f"{ALICE}/b.pdf")):
            storage.execute("insert into storage.objects (bucket_id, name, owner_id) "
                            "values (%s, %s, %s)", [bucket, name, str(ALICE)])
        for bucket, name in (("avatars", f"{BOB}/x.png"), ("documents", f"{BOB}/x.pdf"),
                             ("exports", f"{ALICE}-new.csv")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), storage.transaction():
                storage.execute("insert into storage.objects (bucket_id, name) "
                                "values (%s, %s)", [bucket, name])
        moved = storage.execute("update storage.objects set metadata = '{}' "
                                "where bucket_id = 'avatars'")
        assert moved.rowcount == 2  # her old and new avatar; Bob's is not hers
        deleted = storage.execute("delete from storage.objects where bucket_id = 'documents'")
        assert deleted.rowcount == 2  # her documents only
        assert storage.execute("delete from storage.objects where bucket_id = 'exports'"
                               ).rowcount == 0
