"""Each migration-safety finding is real: the migration `codegen generate` writes for the
rule's failing case, applied to PostgreSQL over a table with rows, does what the finding
says (rewrites the table, blocks writes, scans, fails), and the passing case does not.

The cases are tests/lint_migrations/<rule>/{fail,pass}/ (v1.yaml → v2.yaml), which
tests/test_lint_migrations.py lints. Locks are shown with a second connection whose
statement gives up after `lock_timeout`, and with pg_locks; rewrites with the table's
relfilenode; scans with PostgreSQL's own DEBUG messages.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from pglast import parser
from support.postgres import Connection, MigrationError, apply_sql, connect
from test_lint_migrations import TYPE_CHANGES, case_findings, case_migration, spec, t

from codegen.lint.migration_columns import VOLATILE_FUNCTIONS, type_change_cost
from codegen.migrate.changes import AlterColumnType
from codegen.migrate.history import MigrationFolder, new_migration, read_history, render_migration
from codegen.schema import ir
from codegen.schema.pgtypes import has_default_opclass
from codegen.sql.dialect import to_sql
from codegen.sql.render import render_statements
from codegen.sql.statements import alter_table_sql, column_def

ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")
ROWS = 200


def fires(rule: str, kind: str) -> bool:
    return rule in [f.rule for f in case_findings(rule, kind)]


def generated(rule: str, kind: str) -> tuple[str, list[str]]:
    """v1's migration, and the file(s) `codegen generate` then writes for v2, in order."""
    v1, v2 = spec(rule, kind, "v1"), spec(rule, kind, "v2")
    first = new_migration(MigrationFolder({}), v1, "v1", ir.Schema())
    folder = MigrationFolder(first)
    second = new_migration(folder, v2, "v2", read_history(folder).latest)
    sql = [text for path, text in sorted(second.items()) if path.endswith(".sql")]
    return next(text for path, text in first.items() if path.endswith(".sql")), sql


def statements(sql: str) -> list[str]:
    return [s.strip() for s in parser.split(sql)]


@pytest.fixture
def url(database_url: str) -> Iterator[str]:
    with connect(database_url) as conn:
        conn.execute("insert into auth.users (id, email) values (%s, 'alice@example.com')",
                     (ALICE,))
    yield database_url


def start(url: str, rule: str, kind: str) -> list[str]:
    """Apply the case's v1 with ROWS notes; return v2's migration file(s)."""
    v1, v2 = generated(rule, kind)
    with connect(url) as conn:
        apply_sql(conn, v1)
        body = conn.execute("select count(*) from information_schema.columns where table_name = "
                            "'notes' and column_name = 'body'").fetchone() == (1,)
        conn.execute(f"insert into public.notes (user_id, title{', body' if body else ''}) "
                     f"select %s, 'note ' || g{', ' + repr('text') if body else ''} "
                     "from generate_series(1, %s) g", (ALICE, ROWS))
    assert fires(rule, kind) == (kind == "fail")
    return v2


def filenode(conn: Connection, relation: str) -> int:
    row = conn.execute("select pg_relation_filenode(%s::regclass)", (relation,)).fetchone()
    assert row is not None
    return int(row[0])


def waits_for_lock(url: str, sql: str) -> bool:
    """Whether `sql`, on a connection of its own, has to wait for a lock (gives up at 300 ms)."""
    with connect(url) as other:
        other.execute("set lock_timeout = '300ms'")
        try:
            other.execute(sql)
        except psycopg.errors.LockNotAvailable:
            return True
        return False


def locks(conn: Connection, pid: int, relation: str, granted: bool = True) -> set[str]:
    rows = conn.execute("select mode from pg_locks where pid = %s and relation = %s::regclass "
                        "and granted = %s", (pid, relation, granted))
    return {row[0] for row in rows}


def pid_of(conn: Connection) -> int:
    row = conn.execute("select pg_backend_pid()").fetchone()
    assert row is not None
    return int(row[0])


def in_open_transaction(url: str, sql: list[str]) -> tuple[Connection, int]:
    """Run statements in a transaction left open (the caller rolls back and closes)."""
    conn = connect(url)
    conn.execute("begin")
    for statement in sql:
        conn.execute(statement)
    return conn, pid_of(conn)


INSERT = f"insert into public.notes (user_id, title) values ('{ALICE}', 'during the migration')"


# -- index_not_concurrent -------------------------------------------------------------------------


def build_while_a_writer_is_open(url: str, sql: str) -> tuple[set[str], set[str], bool]:
    """Start `sql` while another transaction has written to notes (as a busy table has);
    return the builder's granted and awaited locks on notes, and whether a third session's
    insert then waits."""
    with connect(url) as writer, connect(url) as builder:
        writer.execute("begin")
        writer.execute(INSERT)
        pid = pid_of(builder)
        errors: list[BaseException] = []

        def build() -> None:
            try:
                builder.execute(sql)
            except BaseException as error:  # noqa: BLE001 (re-raised below)
                errors.append(error)

        thread = threading.Thread(target=build)
        thread.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            row = writer.execute("select wait_event_type from pg_stat_activity where pid = %s",
                                 (pid,)).fetchone()
            if row and row[0] == "Lock":
                break
            time.sleep(0.01)
        held = locks(writer, pid, "public.notes")
        awaited = locks(writer, pid, "public.notes", granted=False)
        insert_waits = waits_for_lock(url, INSERT)
        writer.execute("commit")
        thread.join()
        if errors:
            raise errors[0]
    return held, awaited, insert_waits


def test_index_not_concurrent_blocks_writes_and_concurrently_does_not(url: str) -> None:
    [migration] = start(url, "index_not_concurrent", "fail")
    [create_index] = statements(migration)
    assert create_index.startswith("CREATE INDEX notes_title_idx ON public.notes")
    # The generated CREATE INDEX queues for a SHARE lock, and every write queues behind it.
    assert build_while_a_writer_is_open(url, create_index) == (set(), {"ShareLock"}, True)
    with connect(url) as conn:
        conn.execute("drop index public.notes_title_idx")
    concurrently = create_index.replace("CREATE INDEX", "CREATE INDEX CONCURRENTLY", 1)
    # CONCURRENTLY holds SHARE UPDATE EXCLUSIVE: writes go on while it waits and builds.
    assert build_while_a_writer_is_open(url, concurrently) == (
        {"ShareUpdateExclusiveLock"}, set(), False)
    with connect(url) as conn:
        assert conn.execute("select indisvalid from pg_index "
                            "where indexrelid = 'public.notes_title_idx'::regclass").fetchone() \
            == (True,)
        # ... but not in a transaction: a migration file is one, hence a file of its own.
        conn.execute("drop index public.notes_title_idx")
        with pytest.raises(MigrationError) as failed:
            apply_sql(conn, "select 1;\n" + concurrently)
        assert failed.value.sqlstate == "25001"
        assert "cannot run inside a transaction block" in str(failed.value)


# -- unique_constraint_builds_index -------------------------------------------------------------


def test_unique_constraint_blocks_reads(url: str) -> None:
    [migration] = start(url, "unique_constraint_builds_index", "fail")
    conn, pid = in_open_transaction(url, statements(migration))
    try:
        assert "AccessExclusiveLock" in locks(conn, pid, "public.notes")
        assert waits_for_lock(url, "select count(*) from public.notes")
    finally:
        conn.close()


# -- constraint_validated_in_same_transaction ---------------------------------------------------


def test_validate_in_the_same_transaction_blocks_writes(url: str) -> None:
    """The generator writes ADD … NOT VALID and VALIDATE in two files; the simulated
    regression (the rule's failing case) would put them in one."""
    main, later = start(url, "constraint_validated_in_same_transaction", "fail")
    [add], [validate] = statements(main), statements(later)
    assert add.endswith("NOT VALID") and "VALIDATE CONSTRAINT" in validate
    # In one file, so one transaction: ADD's lock would still be held during VALIDATE.
    conn, pid = in_open_transaction(url, [add, validate])
    try:
        assert "ShareRowExclusiveLock" in locks(conn, pid, "public.notes")
        assert waits_for_lock(url, INSERT)
    finally:
        conn.close()
    # As the generator writes it: ADD committed first (its file), VALIDATE alone (the next
    # file) takes no lock writes wait for.
    with connect(url) as conn:
        conn.execute(add)
    conn, pid = in_open_transaction(url, [validate])
    try:
        assert locks(conn, pid, "public.notes") == {"AccessShareLock", "ShareUpdateExclusiveLock"}
        assert not waits_for_lock(url, INSERT)
    finally:
        conn.close()


def test_validate_split_regression_validates_inline() -> None:
    """The simulated generator bug puts VALIDATE in the file of its ADD."""
    real = case_migration("constraint_validated_in_same_transaction", "fail", simulated=False)
    broken = case_migration("constraint_validated_in_same_transaction", "fail")
    assert [len(statements(render_migration(list(step), ()))) for step in real.steps] == [1, 1]
    assert [len(statements(render_migration(list(step), ()))) for step in broken.steps] == [2]


def test_constraint_not_valid_regression_drops_not_valid() -> None:
    """The simulated generator bug renders the foreign key without NOT VALID."""
    real = case_migration("constraint_not_valid", "fail", simulated=False)
    broken = case_migration("constraint_not_valid", "fail")
    assert "NOT VALID" in render_migration(list(real.changes), ())
    assert "NOT VALID" not in render_migration(list(broken.changes), ())


# -- column_type_rewrites_table -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_column_type_change_rewrites_the_table(url: str, kind: str) -> None:
    [migration] = start(url, "column_type_rewrites_table", kind)
    with connect(url) as conn:
        before = filenode(conn, "public.notes")
        apply_sql(conn, migration)
        assert (filenode(conn, "public.notes") != before) == (kind == "fail")


@pytest.mark.parametrize(("old", "new", "cost"), TYPE_CHANGES)
def test_type_change_cost_matches_postgres(database_url: str, old: str, new: str,
                                           cost: str) -> None:
    """What type_change_cost predicts is what the generated ALTER COLUMN TYPE does."""
    assert type_change_cost(t(old), t(new)) == cost
    change = AlterColumnType(ir.QualifiedName("public", "t"),
                             ir.Column("c", t(old), True), ir.Column("c", t(new), True))
    sql = "\n".join(render_statements(change))
    timezones = ["UTC", "Europe/Paris"] if cost == "rewrite_unless_utc" else ["UTC"]
    with connect(database_url) as conn:
        conn.execute("create extension if not exists citext with schema extensions")
        conn.execute("create type public.status as enum ('a')")
        for zone in timezones:
            conn.execute(f"set timezone = '{zone}'")
            conn.execute("drop table if exists public.t")
            conn.execute(f"create table public.t (id int, c {old.replace('status', 'public.status')})")
            indexed = has_default_opclass(t(old), "btree")  # json has none
            conn.execute("create index t_c on public.t (c)" if indexed
                         else "create index t_c on public.t (id)")
            conn.execute("insert into public.t select g, null from generate_series(1, 3) g")
            table, index = filenode(conn, "public.t"), filenode(conn, "public.t_c")
            apply_sql(conn, sql)
            rewritten = filenode(conn, "public.t") != table
            reindexed = filenode(conn, "public.t_c") != index
            # At UTC timestamp <-> timestamptz keeps the table, not the index (other opclass).
            expected = {"none": (False, False), "reindex": (False, True), "rewrite": (True, True),
                        "rewrite_unless_utc": (zone != "UTC", True)}[cost]
            assert (rewritten, reindexed) == expected, zone


# -- add_column_rewrites_table ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_adding_a_column_with_a_volatile_default_rewrites_the_table(url: str, kind: str) -> None:
    [migration] = start(url, "add_column_rewrites_table", kind)
    with connect(url) as conn:
        before = filenode(conn, "public.notes")
        apply_sql(conn, migration)
        assert (filenode(conn, "public.notes") != before) == (kind == "fail")


def test_volatile_functions_are_volatile(database_url: str) -> None:
    with connect(database_url) as conn:
        rows = conn.execute("select p.proname, p.provolatile from pg_proc p "
                            "where p.proname = any(%s)", (sorted(VOLATILE_FUNCTIONS),)).fetchall()
        found = {name for name, _ in rows}
        assert {"gen_random_uuid", "random", "clock_timestamp", "timeofday", "nextval"} <= found
        assert {volatility for _, volatility in rows} == {"v"}
        stable = conn.execute("select p.provolatile from pg_proc p join pg_namespace n "
                              "on n.oid = p.pronamespace where (n.nspname, p.proname) in "
                              "(('pg_catalog', 'now'), ('auth', 'uid'))").fetchall()
        assert sorted(stable) == [("s",), ("s",)]


# -- adding_required_column / not_null_column_backfill -------------------------------------------


def test_adding_a_required_column_fails_on_a_table_with_rows(url: str) -> None:
    [migration] = start(url, "adding_required_column", "pass")
    assert fires("adding_required_column", "fail")
    slug = spec("adding_required_column", "fail", "v2").table(
        ir.QualifiedName("public", "notes"))
    assert slug is not None
    # What ADD COLUMN would be without a default (`codegen generate` refuses to write it).
    add = alter_table_sql(slug.name, f"ADD COLUMN {to_sql(column_def(slug.column('slug')))}")
    with connect(url) as conn:
        with pytest.raises(MigrationError) as failed:
            apply_sql(conn, add)
        assert failed.value.sqlstate == "23502"  # column "slug" of relation "notes" contains nulls
        apply_sql(conn, migration)
        assert conn.execute("select count(*) from public.notes where slug = ''").fetchone() \
            == (ROWS,)


def row_versions(conn: Connection) -> dict[int, str]:
    return {row[0]: row[1] for row in conn.execute("select id, xmin::text from public.notes")}


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_backfill_writes_a_new_version_of_every_row(url: str, kind: str) -> None:
    [migration] = start(url, "not_null_column_backfill", kind)
    with connect(url) as conn:
        before = row_versions(conn)
        apply_sql(conn, migration)
        after = row_versions(conn)
    changed = sum(before[i] != after[i] for i in before)
    assert changed == (ROWS if kind == "fail" else 0)


def test_backfill_holds_an_access_exclusive_lock(url: str) -> None:
    [migration] = start(url, "not_null_column_backfill", "fail")
    conn, pid = in_open_transaction(url, statements(migration))
    try:
        assert "AccessExclusiveLock" in locks(conn, pid, "public.notes")
        assert waits_for_lock(url, "select count(*) from public.notes")
    finally:
        conn.close()


# -- set_not_null_full_scan ---------------------------------------------------------------------


def debug_messages(url: str, sql: str) -> list[str]:
    messages: list[str] = []
    with connect(url) as conn:
        conn.add_notice_handler(lambda diag: messages.append(diag.message_primary or ""))
        conn.execute("set client_min_messages = debug1")
        apply_sql(conn, sql)
    return messages


def test_set_not_null_scans_unless_a_check_proves_it(url: str) -> None:
    [migration] = start(url, "set_not_null_full_scan", "fail")
    assert 'verifying table "notes"' in debug_messages(url, migration)


def test_set_not_null_skips_the_scan_with_a_valid_check(url: str) -> None:
    [migration] = start(url, "set_not_null_full_scan", "pass")
    messages = debug_messages(url, migration)
    assert ('existing constraints on column "notes.body" are sufficient to prove that it does '
            "not contain nulls") in messages
    assert 'verifying table "notes"' not in messages


# -- drop_referenced_by_policy ------------------------------------------------------------------


def test_dropping_a_column_a_policy_uses_fails(url: str) -> None:
    [migration] = start(url, "drop_referenced_by_policy", "fail")
    with connect(url) as conn, pytest.raises(MigrationError) as failed:
        apply_sql(conn, migration)
    assert failed.value.sqlstate == "2BP01"
    assert failed.value.error.diag.message_detail == (
        "policy Comments on shared notes are public on table comments depends on column shared "
        "of table notes")


def test_renamed_policy_is_dropped_before_the_column(url: str) -> None:
    [migration] = start(url, "drop_referenced_by_policy", "pass")
    with connect(url) as conn:
        apply_sql(conn, migration)
        assert conn.execute("select policyname, qual from pg_policies where tablename = 'notes'"
                            ).fetchall() == [("Owners read their own notes",
                                              "(( SELECT auth.uid() AS uid) = user_id)")]


# -- rename_column_used_by_policy ---------------------------------------------------------------


def comments_policy(conn: Connection) -> str:
    row = conn.execute("select qual from pg_policies where tablename = 'comments'").fetchone()
    assert row is not None
    return str(row[0])


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_rename_rewrites_the_stored_policy(pg_server: Any, url: str, kind: str) -> None:
    [migration] = start(url, "rename_column_used_by_policy", kind)
    with connect(url) as conn:
        apply_sql(conn, migration)
        evolved = comments_policy(conn)
    with pg_server.fresh_database() as fresh_url, connect(fresh_url) as fresh:
        files = new_migration(MigrationFolder({}), spec("rename_column_used_by_policy", kind, "v2"),
                              "fresh", ir.Schema())
        apply_sql(fresh, "\n".join(t for p, t in sorted(files.items()) if p.endswith(".sql")))
        from_spec = comments_policy(fresh)
    # The database follows the rename: its policy reads notes.author_id either way.
    assert "notes.author_id" in evolved
    if kind == "fail":
        # The unchanged spec text, applied afresh, reads comments.user_id instead.
        assert "comments.user_id" in from_spec and "author_id" not in from_spec
        assert evolved != from_spec
    else:
        assert evolved == from_spec


# -- adding_enum_value_used_in_same_migration ---------------------------------------------------


def test_new_enum_label_used_in_the_same_transaction_fails(url: str) -> None:
    split = start(url, "adding_enum_value_used_in_same_migration", "fail")
    broken = case_migration("adding_enum_value_used_in_same_migration", "fail")
    assert len(broken.steps) == 1 and len(split) == 2
    with connect(url) as conn:
        with pytest.raises(MigrationError) as failed:
            apply_sql(conn, render_migration(list(broken.changes), ()))
        assert failed.value.sqlstate == "55P04"  # unsafe use of new value "draft"
        for migration in split:  # what `codegen generate` writes: two files
            apply_sql(conn, migration)
        assert conn.execute("select column_default from information_schema.columns where "
                            "table_name = 'notes' and column_name = 'status'").fetchone() == (
            "'draft'::note_status",)
