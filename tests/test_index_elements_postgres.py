"""Index elements, INCLUDE, NULLS NOT DISTINCT and named unique constraints on PostgreSQL:
the indexes are the ones asked for (pg_get_indexdef) and behave so (a unique index on
lower(email) refuses a case variant, NULLS NOT DISTINCT a second NULL)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from support.postgres import apply_sql, connect
from test_golden_cases import full_migration

from codegen.project import load_schema

SPEC = Path(__file__).parent / "diffs" / "index_elements_and_named_uniques" / "v2.yaml"


@pytest.fixture
def members(database_url: str) -> str:
    schema = load_schema({"v2.yaml": SPEC.read_text()})
    apply_sql(database_url, full_migration(schema))
    return database_url


def test_indexes_are_as_declared(members: str) -> None:
    with connect(members) as conn:
        rows = dict(conn.execute("select indexname, indexdef from pg_indexes "
                                 "where tablename = 'members'").fetchall())
        constraint = conn.execute("select pg_get_constraintdef(oid) from pg_constraint "
                                  "where conname = 'members_one_email_per_org'").fetchone()
    assert rows["members_created_at_idx"].endswith("USING btree (created_at DESC)")
    assert rows["members_lower_idx"].endswith("USING btree (lower(email))")
    assert rows["members_org_id_handle_idx"].endswith(
        "USING btree (org_id, handle DESC NULLS LAST) INCLUDE (email)")
    assert rows["members_email_prefix_idx"].endswith("USING btree (email text_pattern_ops)")
    assert rows["members_handle_idx"].endswith("USING btree (handle) NULLS NOT DISTINCT")
    assert constraint == ("UNIQUE NULLS NOT DISTINCT (org_id, email)",)


def test_expression_and_nulls_not_distinct_uniqueness(members: str) -> None:
    with connect(members) as conn:
        conn.execute("insert into members (org_id, email) values (1, 'Ada@x.io')")
        with pytest.raises(psycopg.errors.UniqueViolation, match="members_lower_idx"), \
                conn.transaction():
            conn.execute("insert into members (org_id, email, handle) "
                         "values (2, 'ada@X.io', 'h')")
        with pytest.raises(psycopg.errors.UniqueViolation, match="members_handle_idx"), \
                conn.transaction():
            conn.execute("insert into members (org_id, email) values (1, 'bob@x.io')")
